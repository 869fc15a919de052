import { MinMaxScaler, RobustScaler, StandardScaler } from '@recur/data';
import { ShapeError, tensor, ValueError } from '@recur/tensor';
import { expectClose } from '@recur/testing';
import { describe, expect, it } from 'vitest';
import { thrown } from './helpers.js';

// The examples of scikit-learn's documentation for each scaler.
describe('MinMaxScaler (scikit-learn semantics)', () => {
  const data = [
    [-1, 2],
    [-0.5, 6],
    [0, 10],
    [1, 18],
  ];

  it("reproduces scikit-learn's documented example", () => {
    const scaler = new MinMaxScaler();
    const scaled = scaler.fitTransform(data);
    expect(scaler.dataMax).toEqual([1, 18]);
    expect(scaler.dataMin).toEqual([-1, 2]);
    expect(scaler.dataRange).toEqual([2, 16]);
    expectClose(scaled, [
      [0, 0],
      [0.25, 0.25],
      [0.5, 0.5],
      [1, 1],
    ]);
    expectClose(scaler.transform([[2, 2]]), [[1.5, 0]]);
    expectClose(scaler.inverseTransform(scaled), data);
  });

  it('maps to a custom featureRange', () => {
    const scaler = new MinMaxScaler([-1, 1]);
    expectClose(scaler.fitTransform([0, 5, 10]), [-1, 0, 1]);
    expectClose(scaler.inverseTransform([1]), [10]);
  });

  it('gives a constant feature scale 1 and maps it to the range minimum, not NaN', () => {
    const scaler = new MinMaxScaler([2, 3]);
    const scaled = scaler.fitTransform([
      [1, 7],
      [3, 7],
    ]);
    expect(scaler.scale[1]).toBe(1);
    expect(scaled.toArray()).toEqual([
      [2, 2],
      [3, 2],
    ]);
    expectClose(scaler.inverseTransform(scaled), [
      [1, 7],
      [3, 7],
    ]);
  });

  it('rejects an empty or reversed featureRange', () => {
    expect(thrown(() => new MinMaxScaler([1, 1]))).toBeInstanceOf(ValueError);
    expect(thrown(() => new MinMaxScaler([1, 0])).message).toContain('finite min < max');
  });
});

describe('StandardScaler (scikit-learn semantics)', () => {
  it("reproduces scikit-learn's documented example", () => {
    const scaler = new StandardScaler();
    const scaled = scaler.fitTransform([
      [0, 0],
      [0, 0],
      [1, 1],
      [1, 1],
    ]);
    expect(scaler.mean).toEqual([0.5, 0.5]);
    expectClose(scaled, [
      [-1, -1],
      [-1, -1],
      [1, 1],
      [1, 1],
    ]);
    expectClose(scaler.transform([[2, 2]]), [[3, 3]]);
  });

  it('uses the population standard deviation (divided by n)', () => {
    const scaler = new StandardScaler().fit([1, 2, 3, 4]);
    const mean = 2.5;
    const variance = [1, 2, 3, 4].reduce((sum, v) => sum + (v - mean) ** 2, 0) / 4;
    expect(scaler.variance[0]).toBeCloseTo(variance, 12);
    expect(scaler.scale[0]).toBeCloseTo(Math.sqrt(variance), 12);
    expectClose(scaler.transform([4]), [(4 - mean) / Math.sqrt(variance)]);
  });

  it('gives a constant feature scale 1 and exactly zero output, not NaN', () => {
    const scaler = new StandardScaler();
    const scaled = scaler.fitTransform(Array.from({ length: 10 }, (_, i) => [0.1, i]));
    expect(scaler.scale[0]).toBe(1);
    expect(scaler.variance[0]).toBe(0);
    for (let i = 0; i < 10; i++) expect(scaled.data[2 * i]).toBe(0);
  });

  it('honours withMean and withStd', () => {
    expectClose(new StandardScaler({ withMean: false }).fitTransform([2, 4]), [2, 4]);
    expectClose(new StandardScaler({ withStd: false }).fitTransform([2, 4]), [-1, 1]);
  });

  it('scales the last axis of [batch, time, features] data and keeps float64', () => {
    const data = tensor(
      [
        [
          [1, 10],
          [3, 30],
        ],
        [
          [5, 50],
          [7, 70],
        ],
      ],
      undefined,
      { dtype: 'float64' },
    );
    const scaler = new StandardScaler();
    const scaled = scaler.fitTransform(data);
    expect(scaled.shape).toEqual([2, 2, 2]);
    expect(scaled.dtype).toBe('float64');
    expect(scaler.mean).toEqual([4, 40]);
    expectClose(scaler.inverseTransform(scaled), data);
  });
});

describe('RobustScaler (scikit-learn semantics)', () => {
  it("reproduces scikit-learn's documented example", () => {
    const scaler = new RobustScaler();
    const scaled = scaler.fitTransform([
      [1, -2, 2],
      [-2, 1, 3],
      [4, 1, -2],
    ]);
    expectClose(scaled, [
      [0, -2, 0],
      [-1, 0, 0.4],
      [1, 0, -1.6],
    ]);
    expect(scaler.center).toEqual([1, 1, 2]);
  });

  it('interpolates quantiles linearly and barely moves with an outlier', () => {
    const scaler = new RobustScaler({ quantileRange: [10, 90] }).fit([1, 2, 3, 4, 1000]);
    // Ranks 0.4 and 3.6 of the sorted values: 1 + 0.4 * 1 and 4 + 0.6 * 996.
    expect(scaler.scale[0]).toBeCloseTo(4 + 0.6 * 996 - 1.4, 9);
    expect(new RobustScaler().fit([1, 2, 3, 4, 1000]).scale).toEqual([2]);
  });

  it('gives a zero interquantile range scale 1', () => {
    const scaler = new RobustScaler();
    expect(scaler.fitTransform([5, 5, 5, 9]).toArray()).toEqual([0, 0, 0, 4]);
    expect(scaler.scale).toEqual([1]);
  });

  it('rejects a bad quantileRange', () => {
    expect(thrown(() => new RobustScaler({ quantileRange: [80, 20] }))).toBeInstanceOf(ValueError);
  });
});

describe('every scaler', () => {
  const makers = [
    () => new MinMaxScaler([-1, 1]),
    () => new StandardScaler(),
    () => new RobustScaler(),
  ];
  const fromJSON = [MinMaxScaler.fromJSON, StandardScaler.fromJSON, RobustScaler.fromJSON];
  const data = [
    [1, 200],
    [4, 150],
    [9, 120],
    [2, 180],
  ];

  it('round-trips through JSON text with the same transform', () => {
    makers.forEach((make, k) => {
      const scaler = make().fit(data);
      const restored = fromJSON[k](JSON.stringify(scaler));
      expect(restored.transform(data).toArray()).toEqual(scaler.transform(data).toArray());
      expect(restored.samplesSeen).toBe(4);
      expect(restored.featureCount).toBe(2);
      const unfitted = fromJSON[k](JSON.stringify(make()));
      expect(unfitted.featureCount).toBeNull();
    });
  });

  it('rejects JSON of another class', () => {
    const error = thrown(() => MinMaxScaler.fromJSON(JSON.stringify(new StandardScaler())));
    expect(error).toBeInstanceOf(ValueError);
    expect(error.message).toContain("className 'StandardScaler'");
  });

  it('inverts its transform', () => {
    for (const make of makers) {
      const scaler = make();
      expectClose(scaler.inverseTransform(scaler.fitTransform(data)), data, { rtol: 1e-6 });
    }
  });

  it('refuses NaN or infinite values when fitting, naming where', () => {
    for (const make of makers) {
      const error = thrown(() => make().fit([1, 2, Number.NaN, 4]));
      expect(error).toBeInstanceOf(ValueError);
      expect(error.message).toContain('expected finite values');
      expect(error.message).toContain('NaN at sample 2, feature 0');
      expect(thrown(() => make().fit([[1, Number.POSITIVE_INFINITY]])).message).toContain(
        'Infinity at sample 0, feature 1',
      );
    }
  });

  it('refuses to transform before fit, or with another number of features', () => {
    for (const make of makers) {
      const unfitted = thrown(() => make().transform([1, 2]));
      expect(unfitted).toBeInstanceOf(ValueError);
      expect(unfitted.message).toContain('a fitted scaler (call fit first)');
      const wrong = thrown(() =>
        make()
          .fit(data)
          .transform([[1, 2, 3]]),
      );
      expect(wrong).toBeInstanceOf(ShapeError);
      expect(wrong.message).toContain(
        '2 features on the last axis (as fitted), received shape [1, 3]',
      );
      expect(thrown(() => make().fit([]))).toBeInstanceOf(ValueError);
    }
  });
});
