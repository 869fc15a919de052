#include "kernels/cholesky-qr.hpp"

#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "kernels/thread-pool.hpp"

// LAPACK's Fortran entry points, which Debian's libopenblas exports (see qr.cpp).
extern "C" {
void dpotrf_(const char* uplo, const blasint* n, double* a, const blasint* lda, blasint* info,
             std::size_t);
void dtrcon_(const char* norm, const char* uplo, const char* diag, const blasint* n,
             const double* a, const blasint* lda, double* rcond, double* work, blasint* iwork,
             blasint* info, std::size_t, std::size_t, std::size_t);
}

namespace recur {
namespace {

// The same rule as the TS backend's cholesky-qr.ts: CholeskyQR in float64 loses orthogonality like
// eps * cond(A)^2, so it is taken only for float32 results with an R whose estimated 1-norm
// condition number is at most this (a loss around 1e-10, far under float32's 6e-8; a Gaussian
// 4096 x 1024 matrix has cond ~3). It is ~9 GFLOP of float64 level-3 BLAS at 4096 x 1024 against
// the float32 Householder QR's ~16 GFLOP, whose panels are level-2.
constexpr double kMaximumCondition = 1e3;
// Row blocks of the Gram matrix's upper triangle, and rows of A converted to float64 at a time.
// Each Gram block sums its chunks in chunk order, one BLAS call each, with arguments that depend
// on the shape only, so every thread count gets the same bits. Converting A a chunk at a time
// instead of whole keeps fresh memory small: a first call in a fresh process spent more time
// faulting in a 32 MiB float64 copy of a 4096 x 1024 A than computing with it.
constexpr std::int64_t kGramBlock = 64;
constexpr std::int64_t kChunkRows = 256;

// Rows [first, first + rows) of the row-major float32 a (n columns) as float64 into chunk.
void convertRows(const float* a, std::int64_t n, std::int64_t first, std::int64_t rows,
                 std::vector<double>& chunk) {
  std::copy(a + first * n, a + (first + rows) * n, chunk.begin());
}

// Runs task(part, chunk) on recur's threads with a float64 chunk buffer per part.
template <typename Task>
void inParts(std::int64_t work, std::int64_t n, const Task& task) {
  const int parts = static_cast<int>(std::min<std::int64_t>(kernelThreads(), work));
  runParallel(parts, [&](int part) {
    std::vector<double> chunk(static_cast<std::size_t>(kChunkRows * n));
    task(part, parts, chunk);
  });
}

}  // namespace

bool choleskyQr(std::int64_t m, std::int64_t n, const float* a, float* q, float* r) {
  for (std::int64_t i = 0; i < m * n; ++i)
    if (!std::isfinite(a[i])) return false;
  // Row-major upper triangle of G = A^T A: rows i0 .. i0 + 64 against columns i0 .. n, the
  // blocks interleaved over the parts (they shrink along the diagonal).
  std::vector<double> factor(static_cast<std::size_t>(n * n), 0.0);
  const std::int64_t gramBlocks = (n + kGramBlock - 1) / kGramBlock;
  inParts(gramBlocks, n, [&](int part, int parts, std::vector<double>& chunk) {
    for (std::int64_t first = 0; first < m; first += kChunkRows) {
      const std::int64_t rows = std::min(kChunkRows, m - first);
      convertRows(a, n, first, rows, chunk);
      for (std::int64_t block = part; block < gramBlocks; block += parts) {
        const std::int64_t i0 = block * kGramBlock;
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans,
                    static_cast<blasint>(std::min(kGramBlock, n - i0)),
                    static_cast<blasint>(n - i0), static_cast<blasint>(rows), 1.0,
                    chunk.data() + i0, static_cast<blasint>(n), chunk.data() + i0,
                    static_cast<blasint>(n), first == 0 ? 0.0 : 1.0,
                    factor.data() + i0 * n + i0, static_cast<blasint>(n));
      }
    }
  });
  // A row-major upper triangle is LAPACK's column-major lower one: dpotrf("L") gives L with
  // G = L L^T, which read row-major is R = L^T with G = R^T R (positive diagonal).
  const auto order = static_cast<blasint>(n);
  blasint info = 0;
  dpotrf_("L", &order, factor.data(), &order, &info, 1);
  if (info != 0) return false;  // not numerically positive definite: rank-deficient or worse
  // The infinity norm of L is the 1-norm of R, the estimate the TS backend makes.
  double reciprocalCondition = 0;
  std::vector<double> work(static_cast<std::size_t>(3 * n));
  std::vector<blasint> integerWork(static_cast<std::size_t>(n));
  dtrcon_("I", "L", "N", &order, factor.data(), &order, &reciprocalCondition, work.data(),
          integerWork.data(), &info, 1, 1, 1);
  if (info != 0 || !(reciprocalCondition * kMaximumCondition >= 1)) return false;
  // Q = A R^-1, a chunk of rows at a time (dtrsm reads only R's upper triangle).
  const std::int64_t chunks = (m + kChunkRows - 1) / kChunkRows;
  inParts(chunks, n, [&](int part, int parts, std::vector<double>& chunk) {
    for (std::int64_t index = part; index < chunks; index += parts) {
      const std::int64_t first = index * kChunkRows;
      const std::int64_t rows = std::min(kChunkRows, m - first);
      convertRows(a, n, first, rows, chunk);
      cblas_dtrsm(CblasRowMajor, CblasRight, CblasUpper, CblasNoTrans, CblasNonUnit,
                  static_cast<blasint>(rows), order, 1.0, factor.data(), order, chunk.data(),
                  order);
      std::copy(chunk.begin(), chunk.begin() + rows * n, q + first * n);
    }
  });
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = 0; j < n; ++j)
      r[i * n + j] = j >= i ? static_cast<float>(factor[static_cast<std::size_t>(i * n + j)]) : 0.0f;
  return true;
}

}  // namespace recur
