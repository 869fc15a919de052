import { Orthogonal } from '@recur/layers';
import { randomFor } from '@recur/tensor';
import { describeBackends, expectClose } from '@recur/testing';
import { expect, it } from 'vitest';

/**
 * The Orthogonal initializer as it was before it called qr (Gram-Schmidt applied twice over the
 * same draws, in float64), kept here only to check that seeded weights did not change.
 */
function gramSchmidtOrthogonal(shape: number[], gain: number, seed: number): Float64Array {
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const cols = shape[shape.length - 1];
  const tall = Math.max(rows, cols);
  const narrow = Math.min(rows, cols);
  const random = randomFor(seed);
  const q = Array.from({ length: narrow }, () =>
    Float64Array.from({ length: tall }, () => random.normal()),
  );
  for (let j = 0; j < narrow; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < tall; i++) dot += q[k][i] * q[j][i];
        for (let i = 0; i < tall; i++) q[j][i] -= dot * q[k][i];
      }
    }
    let norm = 0;
    for (let i = 0; i < tall; i++) norm += q[j][i] * q[j][i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < tall; i++) q[j][i] /= norm;
  }
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) data[r * cols + c] = gain * (rows >= cols ? q[c][r] : q[r][c]);
  }
  return data;
}

// Square, tall, wide, a vector-like edge, rank 3 (flattened to [6, 5]) and sizes that cross the
// QR kernels' blocks.
const shapes = [
  [3, 3],
  [16, 4],
  [4, 16],
  [7, 1],
  [1, 7],
  [2, 3, 5],
  [33, 65],
  [130, 40],
];

describeBackends('Orthogonal', () => {
  it('keeps the weights seeded models had (float64 Gram-Schmidt on the same draws)', () => {
    for (const shape of shapes) {
      for (const [gain, seed] of [
        [1, 1],
        [2.5, 42],
      ]) {
        const expected = gramSchmidtOrthogonal(shape, gain, seed);
        for (const dtype of ['float64', 'float32'] as const) {
          const actual = new Orthogonal({ gain, seed }).generate(shape, dtype);
          expect(actual.shape).toEqual(shape);
          expect(actual.dtype).toBe(dtype);
          expectClose(actual, expected, {
            rtol: 0,
            atol: dtype === 'float64' ? 1e-12 : 1e-6,
            label: `${shape} ${dtype} gain ${gain}`,
          });
        }
      }
    }
  });

  it('gives orthonormal rows (wide) or columns (tall), times the gain', () => {
    const rows = 64;
    const cols = 256;
    for (const [r, c] of [
      [rows, cols],
      [cols, rows],
    ]) {
      const w = new Orthogonal({ gain: 3, seed: 5 }).generate([r, c], 'float32');
      const gram = r <= c ? w.matmul(w, { transposeB: true }) : w.matmul(w, { transposeA: true });
      const n = Math.min(r, c);
      const identity = Float64Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 9 : 0));
      expectClose(gram, identity, { rtol: 0, atol: 1e-4, label: `[${r}, ${c}] gram` });
    }
  });

  it('returns an empty tensor for an empty shape', () => {
    expect(new Orthogonal({ seed: 1 }).generate([0, 4], 'float32').shape).toEqual([0, 4]);
    expect(new Orthogonal({ seed: 1 }).generate([3, 0], 'float64').size).toBe(0);
  });
});
