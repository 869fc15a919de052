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
