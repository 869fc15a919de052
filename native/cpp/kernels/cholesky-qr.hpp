// Reduced QR of a row-major, densely packed float32 m x n matrix (m >= n >= 1) by CholeskyQR in
// float64, when that is accurate to float32: all entries finite, A^T A positive definite and R's
// estimated condition number small (cholesky-qr.cpp). Returns false otherwise, leaving q and r
// unspecified, and the caller runs the Householder QR. R's diagonal is positive. Callers validate
// sizes and that the arrays are disjoint (as for qr.hpp).
#pragma once
#include <cstdint>

namespace recur {

bool choleskyQr(std::int64_t m, std::int64_t n, const float* a, float* q, float* r);

}  // namespace recur
