// Single-precision GEMM on row-major, densely packed matrices: C = alpha * op(A) op(B) + beta * C.
// op(A) is M x K, op(B) is K x N, C is M x N. Callers validate sizes; this file trusts them.
#pragma once
#include <cstdint>

namespace recur {

struct SgemmArguments {
  bool transposeA;
  bool transposeB;
  std::int64_t m;
  std::int64_t n;
  std::int64_t k;
  float alpha;
  const float* a;
  const float* b;
  float beta;
  float* c;
};

void sgemm(const SgemmArguments& arguments);

// Largest dimension OpenBLAS accepts here: Debian builds it with 32-bit BLAS integers.
constexpr std::int64_t kMaximumBlasDimension = 2147483647;

}  // namespace recur

namespace recur {

// Row-major GEMM with explicit leading dimensions, for sub-blocks of larger matrices:
// c[m x n] = alpha * op(a) op(b) + beta * c. Large products are split across recur's threads.
void sgemmStrided(bool transposeA, bool transposeB, std::int64_t m, std::int64_t n, std::int64_t k,
                  float alpha, const float* a, std::int64_t lda, const float* b, std::int64_t ldb,
                  float beta, float* c, std::int64_t ldc);

}  // namespace recur
