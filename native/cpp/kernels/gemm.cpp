#include "kernels/gemm.hpp"

#include <cblas.h>

#include <algorithm>

namespace recur {

void sgemm(const SgemmArguments& arguments) {
  const auto& [transposeA, transposeB, m, n, k, alpha, a, b, beta, c] = arguments;
  if (m == 0 || n == 0) return;
  if (k == 0 || alpha == 0.0f) {
    // BLAS semantics: with beta == 0 the old C is never read, so NaN in C does not survive.
    const std::int64_t count = m * n;
    if (beta == 0.0f) {
      std::fill(c, c + count, 0.0f);
    } else if (beta != 1.0f) {
      for (std::int64_t i = 0; i < count; ++i) c[i] *= beta;
    }
    return;
  }
  // Row-major packed: the leading dimension is the stored row length.
  const auto lda = static_cast<blasint>(transposeA ? m : k);
  const auto ldb = static_cast<blasint>(transposeB ? k : n);
  const auto ldc = static_cast<blasint>(n);
  cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
              transposeB ? CblasTrans : CblasNoTrans, static_cast<blasint>(m),
              static_cast<blasint>(n), static_cast<blasint>(k), alpha, a, lda, b, ldb, beta, c,
              ldc);
}

}  // namespace recur

namespace recur {

void sgemmStrided(bool transposeA, bool transposeB, std::int64_t m, std::int64_t n, std::int64_t k,
                  float alpha, const float* a, std::int64_t lda, const float* b, std::int64_t ldb,
                  float beta, float* c, std::int64_t ldc) {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    for (std::int64_t i = 0; i < m; ++i) {
      for (std::int64_t j = 0; j < n; ++j) c[i * ldc + j] = beta == 0.0f ? 0.0f : beta * c[i * ldc + j];
    }
    return;
  }
  if (m == 1 && !transposeA) {
    // c = op(b)^T a: b stored [k, n] -> y = b^T a; b stored [n, k] (transposed) -> y = b a.
    if (transposeB) {
      cblas_sgemv(CblasRowMajor, CblasNoTrans, static_cast<blasint>(n), static_cast<blasint>(k), alpha, b,
                  static_cast<blasint>(ldb), a, 1, beta, c, 1);
    } else {
      cblas_sgemv(CblasRowMajor, CblasTrans, static_cast<blasint>(k), static_cast<blasint>(n), alpha, b,
                  static_cast<blasint>(ldb), a, 1, beta, c, 1);
    }
    return;
  }
  cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
              static_cast<blasint>(m), static_cast<blasint>(n), static_cast<blasint>(k), alpha, a,
              static_cast<blasint>(lda), b, static_cast<blasint>(ldb), beta, c, static_cast<blasint>(ldc));
}

}  // namespace recur
