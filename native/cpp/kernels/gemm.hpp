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
