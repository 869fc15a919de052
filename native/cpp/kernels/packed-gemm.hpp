// GEMM with a right-hand side packed once and reused: the recurrent kernel multiplies every time
// step's state by the same recurrent weights, so packing them per call (instead of per step, as
// a BLAS call does) and running a register-blocked microkernel on the panels is the difference
// between about half and most of a core's FMA peak at the small row counts of a recurrence.
#pragma once
#include <cstdint>
#include <vector>

namespace recur {

// A logical right-hand side B [k x n], packed into column panels of `panelWidth` floats
// (panel p, row kk: panelWidth consecutive floats; the last panel zero-padded).
struct PackedRhs {
  std::int64_t k = 0;
  std::int64_t n = 0;
  std::int64_t panelWidth = 0;  // 0: not packed (baseline CPUs use BLAS on the source)
  std::vector<float> panels;
  // The unpacked source, for the BLAS fallback: B[kk][j] = transposed ? source[j*ld + kk] : source[kk*ld + j].
  const float* source = nullptr;
  std::int64_t ld = 0;
  bool transposed = false;
};

// Prepares B for gemmPacked: packs it when `pack` is set and this CPU has a packed microkernel,
// otherwise only records the source (gemmPacked then calls BLAS on it).
void packRhs(const float* source, std::int64_t ld, std::int64_t k, std::int64_t n, bool transposed, bool pack,
             PackedRhs& out);

// c[m x n] (= or +=) a[m x k] . B. Safe to call from several threads on disjoint rows of c.
void gemmPacked(std::int64_t m, const float* a, std::int64_t lda, const PackedRhs& b, bool accumulate, float* c,
                std::int64_t ldc);

// Worth packing when the packed operand is reused for at least this many rows in total (below
// that, e.g. one streaming step with one sequence, BLAS on the source is cheaper).
constexpr std::int64_t kMinimumRowsToPack = 32;

namespace avx512 {
constexpr std::int64_t kPanelWidth = 32;
void gemmPanels(std::int64_t m, std::int64_t k, std::int64_t n, const float* a, std::int64_t lda, const float* panels,
                bool accumulate, float* c, std::int64_t ldc);
}  // namespace avx512
namespace avx2 {
constexpr std::int64_t kPanelWidth = 16;
void gemmPanels(std::int64_t m, std::int64_t k, std::int64_t n, const float* a, std::int64_t lda, const float* panels,
                bool accumulate, float* c, std::int64_t ldc);
}  // namespace avx2

}  // namespace recur
