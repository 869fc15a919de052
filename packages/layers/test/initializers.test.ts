import * as L from '@recur/layers';
import { expect, it, describe } from 'vitest';

const stats = (data: ArrayLike<number>) => {
  let mean = 0;
  for (let i = 0; i < data.length; i++) mean += data[i] / data.length;
  let variance = 0;
  for (let i = 0; i < data.length; i++) variance += (data[i] - mean) ** 2 / data.length;
  return { mean, variance, min: Math.min(...Array.from(data)), max: Math.max(...Array.from(data)) };
};

describe('initializers', () => {
  it('constants', () => {
    expect(Array.from(new L.Zeros().generate([3], 'float32').data)).toEqual([0, 0, 0]);
    expect(Array.from(new L.Ones().generate([2], 'float32').data)).toEqual([1, 1]);
    expect(Array.from(new L.Constant({ value: 0.5 }).generate([2], 'float64').data)).toEqual([
      0.5, 0.5,
    ]);
  });

  it('variance scaling families have the Keras variances and limits', () => {
    const [fanIn, fanOut] = [200, 300];
    const glorot = stats(
      new L.GlorotUniform({ seed: 1 }).generate([fanIn, fanOut], 'float64').data,
    );
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    expect(glorot.max).toBeLessThanOrEqual(limit);
    expect(glorot.min).toBeGreaterThanOrEqual(-limit);
    expect(glorot.variance).toBeCloseTo(2 / (fanIn + fanOut), 4);
    expect(
      stats(new L.GlorotNormal({ seed: 2 }).generate([fanIn, fanOut], 'float64').data).variance,
    ).toBeCloseTo(2 / (fanIn + fanOut), 4);
    expect(
      stats(new L.HeNormal({ seed: 3 }).generate([fanIn, fanOut], 'float64').data).variance,
    ).toBeCloseTo(2 / fanIn, 3);
    expect(
      stats(new L.HeUniform({ seed: 4 }).generate([fanIn, fanOut], 'float64').data).variance,
    ).toBeCloseTo(2 / fanIn, 3);
    expect(
      stats(new L.LecunNormal({ seed: 5 }).generate([fanIn, fanOut], 'float64').data).variance,
    ).toBeCloseTo(1 / fanIn, 3);
    const truncated = stats(
      new L.TruncatedNormal({ stddev: 1, seed: 6 }).generate([20000], 'float64').data,
    );
    expect(truncated.max).toBeLessThanOrEqual(2);
    expect(truncated.min).toBeGreaterThanOrEqual(-2);
    const uniform = stats(new L.RandomUniform({ seed: 7 }).generate([20000], 'float64').data);
    expect(uniform.max).toBeLessThan(0.05);
    expect(uniform.min).toBeGreaterThanOrEqual(-0.05);
  });

  it('orthogonal gives orthonormal rows (wide) or columns (tall)', () => {
    for (const [rows, cols] of [
      [4, 16],
      [16, 4],
      [6, 6],
    ]) {
      const q = new L.Orthogonal({ seed: 8 }).generate([rows, cols], 'float64');
      const gram =
        rows <= cols ? q.matmul(q, { transposeB: true }) : q.matmul(q, { transposeA: true });
      const n = Math.min(rows, cols);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) expect(gram.data[i * n + j]).toBeCloseTo(i === j ? 1 : 0, 10);
    }
    expect(Array.from(new L.Identity({ gain: 2 }).generate([2, 3], 'float32').data)).toEqual([
      2, 0, 0, 0, 2, 0,
    ]);
  });

  it('seeds reproduce and names resolve like Keras', () => {
    expect(Array.from(new L.RandomNormal({ seed: 3 }).generate([4], 'float32').data)).toEqual(
      Array.from(new L.RandomNormal({ seed: 3 }).generate([4], 'float32').data),
    );
    expect(L.getInitializer('glorot_uniform').className).toBe('GlorotUniform');
    expect(L.getInitializer('heNormal').className).toBe('HeNormal');
    expect(
      L.getInitializer({ className: 'Orthogonal', config: { gain: 2 } }).getConfig(),
    ).toMatchObject({ gain: 2 });
    expect(() => L.getInitializer('nope')).toThrow(/getInitializer: expected one of/);
  });

  it('regularizers compute l1, l2 and both', () => {
    const w = new L.Constant({ value: -2 }).generate([3], 'float32');
    expect(L.l1(0.1).apply(w).item()).toBeCloseTo(0.6);
    expect(L.l2(0.1).apply(w).item()).toBeCloseTo(1.2);
    expect(L.l1l2({ l1: 0.1, l2: 0.1 }).apply(w).item()).toBeCloseTo(1.8);
    expect(L.getRegularizer('l2')!.l2).toBe(0.01);
    expect(L.getRegularizer(L.l1(0.2).serialize())!.l1).toBe(0.2);
  });
});
