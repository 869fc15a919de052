import type { FloatArray } from '../../dtype.js';
import { choleskyQr } from './cholesky-qr.js';
import { householderQr } from './householder-qr.js';

/**
 * Reduced QR of the row-major `[m, n]` `a` (m >= n >= 1): `q` `[m, n]`, `r` `[n, n]`, row-major,
 * on the TS backend. float32 results take CholeskyQR when it is accurate to float32 (well
 * conditioned `a`; see cholesky-qr.ts), everything else the blocked Householder QR. The two
 * may differ in the signs of R's rows (the op makes diag(R) non-negative for every backend).
 */
export function qr(a: FloatArray, m: number, n: number, q: FloatArray, r: FloatArray): void {
  if (q instanceof Float32Array && choleskyQr(a, m, n, q, r)) return;
  householderQr(a, m, n, q, r);
}
