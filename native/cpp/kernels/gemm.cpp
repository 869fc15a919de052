#include "kernels/gemm.hpp"

#include <cblas.h>

#include <algorithm>

#include "kernels/thread-pool.hpp"

namespace recur {

namespace {

// Large products are cut into blocks along C's longer side and the blocks shared among the
// threads. The blocks depend on the shape only, never on the thread count, so every thread count
// makes the same BLAS calls and gets the same bits. A block has at least 2^19 multiply-adds (waking
// a pool worker costs tens of microseconds on a VM, about what one core needs for that much work)
// and 64 rows or columns (each block re-packs the operand it shares with the others; 64 amortises
// that), and the count is a power of two up to 16 so that 2, 4, 8 or 16 threads get equal shares.
constexpr std::int64_t kMinimumBlockVolume = std::int64_t{1} << 19;
constexpr std::int64_t kMinimumBlockSide = 64;
constexpr std::int64_t kMaximumBlocks = 16;
// Column blocks start on multiples of 16 floats (64 bytes) of their row.
constexpr std::int64_t kColumnGranule = 16;

std::int64_t blockCount(std::int64_t side, std::int64_t volume) {
  const std::int64_t limit = std::min({kMaximumBlocks, side / kMinimumBlockSide, volume / kMinimumBlockVolume});
  std::int64_t blocks = 1;
  while (blocks * 2 <= limit) blocks *= 2;
  return blocks;
}

// One thread of OpenBLAS (see thread-pool.hpp for why BLAS never runs its own threads).
void blasSgemm(bool transposeA, bool transposeB, std::int64_t m, std::int64_t n, std::int64_t k, float alpha,
               const float* a, std::int64_t lda, const float* b, std::int64_t ldb, float beta, float* c,
               std::int64_t ldc) {
  if (m == 1 && !transposeA) {
    // A batch of one: BLAS' GEMM path has more overhead than the matrix-vector kernel.
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

}  // namespace

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
  sgemmStrided(transposeA, transposeB, m, n, k, alpha, a, transposeA ? m : k, b, transposeB ? k : n, beta, c, n);
}

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
  const bool byRows = m >= n;
  const std::int64_t blocks = blockCount(byRows ? m : n, m * n * k);
  if (blocks == 1) {
    blasSgemm(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    return;
  }
  // Every element keeps its whole sum over k inside one block, in BLAS' order.
  auto runBlock = [&](std::int64_t block) {
    if (byRows) {
      const std::int64_t begin = m * block / blocks, end = m * (block + 1) / blocks;
      // op(a) rows are stored rows of a, or stored columns when a is transposed.
      const float* aBlock = transposeA ? a + begin : a + begin * lda;
      blasSgemm(transposeA, transposeB, end - begin, n, k, alpha, aBlock, lda, b, ldb, beta, c + begin * ldc, ldc);
    } else {
      const std::int64_t granules = (n + kColumnGranule - 1) / kColumnGranule;
      const std::int64_t begin = std::min(n, granules * block / blocks * kColumnGranule);
      const std::int64_t end = std::min(n, granules * (block + 1) / blocks * kColumnGranule);
      const float* bBlock = transposeB ? b + begin * ldb : b + begin;
      blasSgemm(transposeA, transposeB, m, end - begin, k, alpha, a, lda, bBlock, ldb, beta, c + begin, ldc);
    }
  };
  const int parts = static_cast<int>(std::min<std::int64_t>(kernelThreads(), blocks));
  runParallel(parts, [&](int part) {
    for (std::int64_t block = blocks * part / parts; block < blocks * (part + 1) / parts; ++block) runBlock(block);
  });
}

}  // namespace recur
