import { Random } from '@recur/tensor';
import { describeBackends, expectClose } from '@recur/testing';
import { expect, it } from 'vitest';
import { choleskyQr } from '../src/backend/js/cholesky-qr.js';
import { nativeRuntime } from '../src/backend/native/native-runtime.js';

// The native float32 QR takes the same float64 CholeskyQR as the TS backend for well-conditioned
// matrices (native/cpp/kernels/cholesky-qr.cpp), so on those the two backends agree to float32
// rounding, where a float32 Householder QR would differ by ~1e-6. What it declines (ill-conditioned,
// rank-deficient, non-finite) goes to LAPACK's Householder QR, whose invariants qr.test.ts checks.
const runNative = nativeRuntime().binding !== null || process.env.RECUR_BACKEND === 'native';

function gaussian(random: Random, length: number): Float32Array {
  const values = new Float32Array(length);
  random.fillNormal(values);
  return values;
}

describeBackends('native CholeskyQR', () => {
  it.runIf(runNative)('matches the TS CholeskyQR to float32 rounding', async () => {
    const { nativeQr } = await import('../src/backend/native/native-qr.js');
    const random = new Random(21);
    for (const [m, n] of [
      [4, 4],
      [300, 129],
      [700, 200],
      [1024, 256],
    ] as Array<[number, number]>) {
      const a = gaussian(random, m * n);
      const q = new Float32Array(m * n);
      const r = new Float32Array(n * n);
      nativeQr({ m, n, a, q, r });
      const tsQ = new Float32Array(m * n);
      const tsR = new Float32Array(n * n);
      expect(choleskyQr(a, m, n, tsQ, tsR), `${m}x${n} taken by the TS backend`).toBe(true);
      // Both round a float64 result: at most a unit in the last place apart (6e-8 relative).
      expectClose(q, tsQ, { rtol: 1.2e-7, atol: 1e-12, label: `${m}x${n} q` });
      expectClose(r, tsR, { rtol: 1.2e-7, atol: 1e-12, label: `${m}x${n} r` });
      for (let j = 0; j < n; j++) expect(r[j * n + j], `r[${j}, ${j}]`).toBeGreaterThan(0);
    }
  });

  it.runIf(runNative)('declines non-finite entries and a zero column', async () => {
    const { nativeQr } = await import('../src/backend/native/native-qr.js');
    const random = new Random(22);
    const [m, n] = [40, 10];
    const zeroColumn = gaussian(random, m * n).map((v, i) => (i % n === 4 ? 0 : v));
    const q = new Float32Array(m * n);
    const r = new Float32Array(n * n);
    nativeQr({ m, n, a: zeroColumn, q, r });
    // Householder gives a zero R diagonal entry where CholeskyQR would fail; Q stays finite.
    expect(Math.abs(r[4 * n + 4])).toBeLessThan(1e-5);
    expect(q.every(Number.isFinite)).toBe(true);
    const infinite = gaussian(random, m * n);
    infinite[7] = Infinity;
    nativeQr({ m, n, a: infinite, q, r });
    expect(r.some((v) => !Number.isFinite(v))).toBe(true);
  });
});
