import {
  BinaryCrossentropy,
  binaryCrossentropy,
  CategoricalCrossentropy,
  categoricalCrossentropy,
  getLoss,
  Huber,
  KLDivergence,
  Loss,
  LossFunctionWrapper,
  lossFromConfig,
  lossNames,
  MeanSquaredError,
  meanSquaredError,
  reduceWeightedValues,
  SparseCategoricalCrossentropy,
  sparseCategoricalCrossentropy,
} from '@recur/losses';
import { DTypeError, mean, ShapeError, type Tensor, tensor, ValueError } from '@recur/tensor';
import { describeBackends, expectClose } from '@recur/testing';
import { describe, expect, it } from 'vitest';

const int = (values: number[] | number[][], shape?: number[]) =>
  tensor(values, shape, { dtype: 'int32' });

describe('losses: lookup by name', () => {
  const expected: Record<string, string> = {
    mean_squared_error: 'MeanSquaredError',
    mse: 'MeanSquaredError',
    MSE: 'MeanSquaredError',
    meanSquaredError: 'MeanSquaredError',
    MeanSquaredError: 'MeanSquaredError',
    mean_absolute_error: 'MeanAbsoluteError',
    mae: 'MeanAbsoluteError',
    meanAbsoluteError: 'MeanAbsoluteError',
    mean_absolute_percentage_error: 'MeanAbsolutePercentageError',
    mape: 'MeanAbsolutePercentageError',
    huber: 'Huber',
    Huber: 'Huber',
    log_cosh: 'LogCosh',
    logcosh: 'LogCosh',
    logCosh: 'LogCosh',
    binary_crossentropy: 'BinaryCrossentropy',
    bce: 'BinaryCrossentropy',
    binaryCrossentropy: 'BinaryCrossentropy',
    categorical_crossentropy: 'CategoricalCrossentropy',
    categoricalCrossentropy: 'CategoricalCrossentropy',
    sparse_categorical_crossentropy: 'SparseCategoricalCrossentropy',
    sparseCategoricalCrossentropy: 'SparseCategoricalCrossentropy',
    SparseCategoricalCrossentropy: 'SparseCategoricalCrossentropy',
    kl_divergence: 'KLDivergence',
    kullback_leibler_divergence: 'KLDivergence',
    kld: 'KLDivergence',
    KLD: 'KLDivergence',
    kullbackLeiblerDivergence: 'KLDivergence',
    KLDivergence: 'KLDivergence',
  };

  it('resolves Keras names, aliases and camelCase names to the loss classes', () => {
    for (const [name, className] of Object.entries(expected)) {
      expect(getLoss(name).className, name).toBe(className);
    }
    for (const name of lossNames()) expect(getLoss(name)).toBeInstanceOf(Loss);
  });

  it('names a loss after a function-style string, as Keras compile does', () => {
    expect(getLoss('mse').name).toBe('mse');
    expect(getLoss('kld').name).toBe('kld');
    expect(getLoss('MeanSquaredError').name).toBe('mean_squared_error');
    expect(getLoss('Huber').name).toBe('huber_loss');
  });

  it('returns Loss objects as they are, wraps functions, and rebuilds configs', () => {
    const loss = new BinaryCrossentropy({ fromLogits: true });
    expect(getLoss(loss)).toBe(loss);
    const wrapped = getLoss(function l1(t: Tensor, p: Tensor) {
      return mean(p.sub(t).abs(), -1);
    });
    expect(wrapped).toBeInstanceOf(LossFunctionWrapper);
    expect(wrapped.name).toBe('l1');
    expect(wrapped.compute(tensor([[0, 0]]), tensor([[1, -3]])).item()).toBe(2);
    const rebuilt = getLoss({ className: 'CategoricalCrossentropy', config: { fromLogits: true } });
    expect(rebuilt).toBeInstanceOf(CategoricalCrossentropy);
    expect((rebuilt as CategoricalCrossentropy).fromLogits).toBe(true);
  });

  it('round-trips every configurable loss through JSON', () => {
    const losses: Loss[] = [
      new MeanSquaredError({ reduction: 'sum', name: 'my_mse' }),
      new Huber({ delta: 0.3 }),
      new KLDivergence({ reduction: 'none' }),
      new BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.2, axis: -1 }),
      new CategoricalCrossentropy({ labelSmoothing: 0.1, reduction: 'mean_with_sample_weight' }),
      new SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: 0 }),
    ];
    for (const loss of losses) {
      const config = JSON.parse(JSON.stringify(loss.getConfig()));
      const copy = lossFromConfig(config);
      expect(copy.getConfig()).toEqual(loss.getConfig());
      expect(copy.constructor).toBe(loss.constructor);
    }
    expect(new Huber({ delta: 0.3 }).getConfig()).toEqual({
      className: 'Huber',
      config: { name: 'huber_loss', reduction: 'sum_over_batch_size', delta: 0.3 },
    });
  });

  it('rejects unknown names, options and reductions with typed errors', () => {
    expect(() => getLoss('mean_cubed_error')).toThrow(ValueError);
    expect(() => getLoss('mean_cubed_error')).toThrow(/loss name/);
    expect(() => lossFromConfig({ className: 'Nope', config: {} })).toThrow(ValueError);
    expect(() =>
      lossFromConfig({ className: 'BinaryCrossentropy', config: { from_logits: true } }),
    ).toThrow(/from_logits/);
    expect(() => new MeanSquaredError({ reduction: 'average' as unknown as 'sum' })).toThrow(
      ValueError,
    );
    expect(() => new BinaryCrossentropy({ labelSmoothing: 1.5 })).toThrow(ValueError);
    expect(() => getLoss(42 as unknown as string)).toThrow(ValueError);
  });
});

describeBackends('losses: shapes, dtypes and errors', () => {
  it('per-sample losses are differentiable and keep the batch axes', () => {
    const yPred = tensor(
      [
        [0.2, 0.8],
        [0.6, 0.4],
        [0.5, 0.5],
      ],
      undefined,
      { requiresGrad: true },
    );
    const yTrue = tensor([
      [0, 1],
      [1, 0],
      [1, 0],
    ]);
    for (const fn of [meanSquaredError, binaryCrossentropy, categoricalCrossentropy]) {
      const values = fn(yTrue, yPred);
      expect(values.shape).toEqual([3]);
      expect(values.requiresGrad).toBe(true);
    }
  });

  it('accepts sparse labels as [batch], [batch, 1], int32 or integer floats', () => {
    const logits = tensor([
      [1, 2, 0.5],
      [0.1, -1, 3],
    ]);
    const reference = sparseCategoricalCrossentropy(int([1, 2]), logits, { fromLogits: true });
    for (const labels of [int([[1], [2]]), tensor([1, 2]), tensor([[1], [2]])]) {
      const values = sparseCategoricalCrossentropy(labels, logits, { fromLogits: true });
      expect(values.shape).toEqual([2]);
      expectClose(values, reference);
    }
    // Equal to categorical cross-entropy on the one-hot targets.
    const onehot = tensor([
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expectClose(reference, categoricalCrossentropy(onehot, logits, { fromLogits: true }));
  });

  it('handles [batch, T] labels with [batch, T, classes] predictions', () => {
    const logits = tensor(
      Array.from({ length: 2 * 3 * 4 }, (_, i) => Math.sin(i)),
      [2, 3, 4],
    );
    const labels = int([
      [0, 3, 1],
      [2, 2, 0],
    ]);
    const values = sparseCategoricalCrossentropy(labels, logits, { fromLogits: true });
    expect(values.shape).toEqual([2, 3]);
    const flat = sparseCategoricalCrossentropy(labels.reshape([6]), logits.reshape([6, 4]), {
      fromLogits: true,
    });
    expectClose(values, flat.reshape([2, 3]));
    const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
    const weights = tensor([
      [1, 1, 0],
      [1, 0, 0],
    ]);
    // sum_over_batch_size divides by the 6 entries, not by the weight total.
    const weighted = loss.compute(labels, logits, weights).item();
    const expected = (values.data[0] + values.data[1] + values.data[3]) / 6;
    expect(weighted).toBeCloseTo(expected, 6);
  });

  it('rejects bad labels, shapes and dtypes with typed errors', () => {
    const probabilities = tensor([
      [0.2, 0.8],
      [0.5, 0.5],
    ]);
    expect(() => sparseCategoricalCrossentropy(int([0, 2]), probabilities)).toThrow(ValueError);
    expect(() => sparseCategoricalCrossentropy(int([0, 2]), probabilities)).toThrow(
      /labels in \[0, 2\)/,
    );
    expect(() => sparseCategoricalCrossentropy(tensor([0.5, 1]), probabilities)).toThrow(
      ValueError,
    );
    expect(() => sparseCategoricalCrossentropy(int([0, 1, 1]), probabilities)).toThrow(ShapeError);
    expect(() => meanSquaredError(tensor([1, 2]), probabilities)).toThrow(ShapeError);
    expect(() => meanSquaredError(tensor([1, 2]), probabilities)).toThrow(/same shape/);
    expect(() => categoricalCrossentropy(tensor([[1, 0, 0]]), tensor([[0.5, 0.5]]))).toThrow(
      ShapeError,
    );
    expect(() => binaryCrossentropy(tensor([[1]]), int([[1]]))).toThrow(DTypeError);
    expect(() =>
      new MeanSquaredError().compute(probabilities, probabilities, tensor([1, 2, 3])),
    ).toThrow(ShapeError);
  });

  it('never produces NaN or Infinity for extreme logits (values and gradients, float32)', () => {
    for (const scale of [1e4, 1e30]) {
      const raw = [
        [scale, -scale, 0],
        [-scale, scale, 0.5 * scale],
      ];
      const checks: Array<[string, (yPred: Tensor) => Tensor]> = [
        [
          'binary',
          (p) =>
            new BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }).compute(
              tensor([
                [1, 0, 1],
                [1, 1, 0],
              ]),
              p,
            ),
        ],
        [
          'sparse',
          (p) => new SparseCategoricalCrossentropy({ fromLogits: true }).compute(int([1, 0]), p),
        ],
        [
          'categorical',
          (p) =>
            new CategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }).compute(
              tensor([
                [0, 1, 0],
                [1, 0, 0],
              ]),
              p,
            ),
        ],
      ];
      for (const [label, compute] of checks) {
        const yPred = tensor(raw, undefined, { requiresGrad: true });
        const value = compute(yPred);
        value.backward();
        expect(Number.isFinite(value.item()), `${label} ${scale}`).toBe(true);
        expect(Array.from(yPred.grad!.data).every(Number.isFinite), `${label} ${scale}`).toBe(true);
      }
    }
  });

  it('reduces like Keras 3: sum over batch size divides by the count, not the weights', () => {
    const values = tensor([1, 2, 3, 4]);
    const weights = tensor([1, 1, 0, 0]);
    expect(reduceWeightedValues(values, { sampleWeight: weights }).item()).toBe(0.75);
    expect(reduceWeightedValues(values, { sampleWeight: weights, reduction: 'sum' }).item()).toBe(
      3,
    );
    expect(
      reduceWeightedValues(values, {
        sampleWeight: weights,
        reduction: 'mean_with_sample_weight',
      }).item(),
    ).toBe(1.5);
    // A mask leaves masked entries out of the count as well.
    expect(reduceWeightedValues(values, { mask: weights }).item()).toBe(1.5);
    expect(reduceWeightedValues(values, { mask: tensor([0, 0, 0, 0]) }).item()).toBe(0);
    expectClose(
      reduceWeightedValues(values, { sampleWeight: weights, reduction: 'none' }),
      [1, 2, 0, 0],
    );
  });
});
