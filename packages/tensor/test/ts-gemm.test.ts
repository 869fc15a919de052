import { Random } from '@recur/tensor';
import { describe, expect, it } from 'vitest';
import { jsBackend } from '../src/backend/js/js-backend.js';

// The TS backend's blocked GEMM against a naive float64 triple loop, on shapes that cross the
// block sizes (KC 256, MC 64, NC 1024) and the 4x4 tile edges.
describe('TS backend gemm', () => {
  const random = new Random(77);
  const cases: Array<[number, number, number, boolean, boolean, number, number]> = [
    [1, 1, 1, false, false, 1, 0],
    [5, 3, 7, true, false, 1, 0],
    [67, 1029, 3, false, true, 0.5, 0],
    [70, 9, 300, true, true, -1, 0.5],
    [130, 65, 257, false, false, 1, 1],
    [4, 4, 4, false, false, 2, -1],
  ];
  it.each(cases)('m=%i n=%i k=%i tA=%s tB=%s alpha=%d beta=%d', (m, n, k, tA, tB, alpha, beta) => {
    for (const Kind of [Float64Array, Float32Array]) {
      const filled = (length: number) => {
        const array = new Kind(length);
        for (let i = 0; i < length; i++) array[i] = random.uniform() - 0.5;
        return array;
      };
      const a = filled(m * k);
      const b = filled(k * n);
      const c = filled(m * n);
      const expected = new Float64Array(m * n);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let p = 0; p < k; p++)
            s += (tA ? a[p * m + i] : a[i * k + p]) * (tB ? b[j * k + p] : b[p * n + j]);
          expected[i * n + j] = alpha * s + beta * c[i * n + j];
        }
      }
      jsBackend.gemm({ transposeA: tA, transposeB: tB, m, n, k, alpha, a, b, beta, c });
      const tolerance = Kind === Float64Array ? 1e-12 : 1e-5;
      let worst = 0;
      for (let i = 0; i < m * n; i++)
        worst = Math.max(worst, Math.abs(c[i] - expected[i]) / (1 + Math.abs(expected[i])));
      expect(worst).toBeLessThan(tolerance);
    }
  });
});
