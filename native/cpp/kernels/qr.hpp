// Reduced QR of a row-major, densely packed m x n matrix (m >= n >= 1) through LAPACK: a = q r
// with q m x n (orthonormal columns) and r n x n upper triangular, both row-major. float32 tries
// CholeskyQR first (cholesky-qr.hpp: positive diagonal); otherwise Householder reflections with
// LAPACK's sign convention (diag(r) may be negative). Callers validate sizes
// (m and n within kMaximumBlasDimension) and that the three arrays are disjoint; this file trusts
// them.
#pragma once
#include <cstdint>

namespace recur {

void qr(std::int64_t m, std::int64_t n, const float* a, float* q, float* r);
void qr(std::int64_t m, std::int64_t n, const double* a, double* q, double* r);

}  // namespace recur
