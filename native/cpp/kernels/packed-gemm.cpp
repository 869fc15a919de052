#include "kernels/packed-gemm.hpp"

#include <algorithm>

#include "kernels/cpu-features.hpp"
#include "kernels/gemm.hpp"

namespace recur {

namespace {

// 0: no packed microkernel on this CPU; else the panel width of the chosen one.
std::int64_t chosenPanelWidth() {
  const CpuFeatures cpu = cpuFeatures();
  if (cpu.avx512f && cpu.avx512bw && cpu.avx512dq && cpu.avx512vl) return avx512::kPanelWidth;
  if (cpu.avx2 && cpu.fma) return avx2::kPanelWidth;
  return 0;
}

}  // namespace

void packRhs(const float* source, std::int64_t ld, std::int64_t k, std::int64_t n, bool transposed, bool pack,
             PackedRhs& out) {
  out.k = k;
  out.n = n;
  out.source = source;
  out.ld = ld;
  out.transposed = transposed;
  out.panelWidth = pack ? chosenPanelWidth() : 0;
  if (out.panelWidth == 0) return;
  const std::int64_t width = out.panelWidth;
  const std::int64_t panels = (n + width - 1) / width;
  out.panels.assign(static_cast<std::size_t>(panels * k * width), 0.0f);
  for (std::int64_t p = 0; p < panels; ++p) {
    const std::int64_t columns = std::min(width, n - p * width);
    float* panel = out.panels.data() + p * k * width;
    for (std::int64_t kk = 0; kk < k; ++kk) {
      float* row = panel + kk * width;
      for (std::int64_t j = 0; j < columns; ++j) {
        const std::int64_t column = p * width + j;
        row[j] = transposed ? source[column * ld + kk] : source[kk * ld + column];
      }
    }
  }
}

void gemmPacked(std::int64_t m, const float* a, std::int64_t lda, const PackedRhs& b, bool accumulate, float* c,
                std::int64_t ldc) {
  if (m == 0 || b.n == 0) return;
  switch (b.panelWidth) {
    case avx512::kPanelWidth:
      avx512::gemmPanels(m, b.k, b.n, a, lda, b.panels.data(), accumulate, c, ldc);
      return;
    case avx2::kPanelWidth:
      avx2::gemmPanels(m, b.k, b.n, a, lda, b.panels.data(), accumulate, c, ldc);
      return;
    default:
      sgemmStrided(false, b.transposed, m, b.n, b.k, 1.0f, a, lda, b.source, b.ld, accumulate ? 1.0f : 0.0f, c, ldc);
  }
}

}  // namespace recur
