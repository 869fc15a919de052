#include "kernels/cholesky-qr.hpp"

#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <memory>
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
// Row blocks of the Gram matrix's upper triangle and of the solve for Q. Each block is one BLAS
// call whose arguments depend on the shape only, so every thread count gets the same bits.
constexpr std::int64_t kGramBlock = 64;
constexpr std::int64_t kSolveBlock = 256;

// Runs task(0) .. task(count - 1) on recur's threads, part p taking blocks p, p + parts, ...:
// the Gram blocks shrink along the diagonal, and interleaving balances them.
template <typename Task>
void forEachBlock(std::int64_t count, const Task& task) {
  const int parts = static_cast<int>(std::min<std::int64_t>(kernelThreads(), count));
  runParallel(parts, [&](int part) {
    for (std::int64_t block = part; block < count; block += parts) task(block);
  });
}

}  // namespace

bool choleskyQr(std::int64_t m, std::int64_t n, const float* a, float* q, float* r) {
  for (std::int64_t i = 0; i < m * n; ++i)
    if (!std::isfinite(a[i])) return false;
  std::unique_ptr<double[]> w(new double[static_cast<std::size_t>(m * n)]);
  std::copy(a, a + m * n, w.get());
  // Row-major upper triangle of G = A^T A: rows i0 .. i0 + 64 against columns i0 .. n.
  std::vector<double> factor(static_cast<std::size_t>(n * n), 0.0);
  const std::int64_t gramBlocks = (n + kGramBlock - 1) / kGramBlock;
  forEachBlock(gramBlocks, [&](std::int64_t block) {
    const std::int64_t i0 = block * kGramBlock;
    const std::int64_t rows = std::min(kGramBlock, n - i0);
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, static_cast<blasint>(rows),
                static_cast<blasint>(n - i0), static_cast<blasint>(m), 1.0, w.get() + i0,
                static_cast<blasint>(n), w.get() + i0, static_cast<blasint>(n), 0.0,
                factor.data() + i0 * n + i0, static_cast<blasint>(n));
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
  // Q = A R^-1, row block by row block (dtrsm reads only R's upper triangle).
  const std::int64_t solveBlocks = (m + kSolveBlock - 1) / kSolveBlock;
  forEachBlock(solveBlocks, [&](std::int64_t block) {
    const std::int64_t i0 = block * kSolveBlock;
    const std::int64_t rows = std::min(kSolveBlock, m - i0);
    cblas_dtrsm(CblasRowMajor, CblasRight, CblasUpper, CblasNoTrans, CblasNonUnit,
                static_cast<blasint>(rows), order, 1.0, factor.data(), order, w.get() + i0 * n,
                order);
    std::copy(w.get() + i0 * n, w.get() + (i0 + rows) * n, q + i0 * n);
  });
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = 0; j < n; ++j)
      r[i * n + j] = j >= i ? static_cast<float>(factor[static_cast<std::size_t>(i * n + j)]) : 0.0f;
  return true;
}

}  // namespace recur
