import {
  Accuracy,
  BinaryAccuracy,
  BinaryCrossentropy,
  CategoricalAccuracy,
  getMetric,
  Mean,
  MeanMetricWrapper,
  Metric,
  metricFromConfig,
  metricNames,
  Perplexity,
  SparseCategoricalAccuracy,
  SparseCategoricalCrossentropy,
  sparseCategoricalCrossentropy,
  TopKCategoricalAccuracy,
} from '@recur/losses';
import { isGradEnabled, type Tensor, tensor, ValueError, zeros } from '@recur/tensor';
import { describeBackends } from '@recur/testing';
import { describe, expect, it } from 'vitest';

const int = (values: number[] | number[][]) => tensor(values, undefined, { dtype: 'int32' });

describe("metrics: getMetric and Keras' accuracy resolution", () => {
  it('resolves accuracy from the loss first', () => {
    const cases: Array<[unknown, string]> = [
      ['binary_crossentropy', 'BinaryAccuracy'],
      [new BinaryCrossentropy({ fromLogits: true }), 'BinaryAccuracy'],
      ['categorical_crossentropy', 'CategoricalAccuracy'],
      ['sparse_categorical_crossentropy', 'SparseCategoricalAccuracy'],
      [new SparseCategoricalCrossentropy({ fromLogits: true }), 'SparseCategoricalAccuracy'],
    ];
    for (const [loss, className] of cases) {
      const metric = getMetric('accuracy', {
        loss: loss as string,
        // Shapes that alone would say "categorical": the loss wins.
        yTrueShape: [8, 5],
        yPredShape: [8, 5],
      });
      expect(metric.className, String(loss)).toBe(className);
      expect(metric.name).toBe('accuracy');
    }
  });

  it("falls back to Keras 3's shape rule, then to exact-match Accuracy", () => {
    const resolve = (yTrueShape: number[], yPredShape: number[]) =>
      getMetric('acc', { loss: 'mse', yTrueShape, yPredShape }).className;
    expect(resolve([8, 1], [8, 1])).toBe('BinaryAccuracy');
    expect(resolve([8], [8, 5])).toBe('SparseCategoricalAccuracy');
    expect(resolve([8, 1], [8, 5])).toBe('SparseCategoricalAccuracy');
    expect(resolve([8, 20], [8, 20, 5])).toBe('SparseCategoricalAccuracy');
    expect(resolve([8, 5], [8, 5])).toBe('CategoricalAccuracy');
    expect(getMetric('accuracy')).toBeInstanceOf(Accuracy);
    expect(getMetric('ACC').name).toBe('ACC');
  });

  it('resolves Keras names and aliases, named after the string', () => {
    const expected: Record<string, string> = {
      mae: 'MeanAbsoluteErrorMetric',
      mean_absolute_error: 'MeanAbsoluteErrorMetric',
      mse: 'MeanSquaredErrorMetric',
      MeanSquaredError: 'MeanSquaredErrorMetric',
      rmse: 'RootMeanSquaredError',
      root_mean_squared_error: 'RootMeanSquaredError',
      RootMeanSquaredError: 'RootMeanSquaredError',
      binary_accuracy: 'BinaryAccuracy',
      categorical_accuracy: 'CategoricalAccuracy',
      sparse_categorical_accuracy: 'SparseCategoricalAccuracy',
      top_k_categorical_accuracy: 'TopKCategoricalAccuracy',
      sparse_top_k_categorical_accuracy: 'SparseTopKCategoricalAccuracy',
      topKCategoricalAccuracy: 'TopKCategoricalAccuracy',
      perplexity: 'Perplexity',
      sparse_categorical_crossentropy: 'MeanMetricWrapper',
      kld: 'MeanMetricWrapper',
    };
    for (const [name, className] of Object.entries(expected)) {
      const metric = getMetric(name);
      expect(metric.className, name).toBe(className);
      if (name !== className) expect(metric.name).toBe(name);
    }
    for (const name of metricNames()) expect(getMetric(name)).toBeInstanceOf(Metric);
    expect(getMetric('mae').direction).toBe('down');
    expect(getMetric('accuracy', { loss: 'bce' }).direction).toBe('up');
  });

  it('perplexity inherits fromLogits from a cross-entropy loss', () => {
    const fromLoss = getMetric('perplexity', {
      loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
    }) as Perplexity;
    expect(fromLoss.fromLogits).toBe(true);
    expect((getMetric('perplexity') as Perplexity).fromLogits).toBe(false);
  });

  it('round-trips configs and rejects unknown names and options', () => {
    for (const metric of [
      new BinaryAccuracy({ threshold: 0.3, name: 'b' }),
      new TopKCategoricalAccuracy({ k: 2 }),
      new Perplexity({ fromLogits: true, maskTokenId: 0 }),
    ]) {
      const copy = metricFromConfig(JSON.parse(JSON.stringify(metric.getConfig())));
      expect(copy.getConfig()).toEqual(metric.getConfig());
    }
    expect(() => getMetric('f1_score')).toThrow(ValueError);
    expect(() => metricFromConfig({ className: 'BinaryAccuracy', config: { thresh: 1 } })).toThrow(
      /thresh/,
    );
    expect(() => new BinaryAccuracy({ threshold: 1 })).toThrow(ValueError);
  });
});

describeBackends('metrics: behaviour', () => {
  it('runs the metric function without recording gradients', () => {
    const seen: boolean[] = [];
    const metric = new MeanMetricWrapper((t: Tensor, p: Tensor) => {
      seen.push(isGradEnabled());
      return p.sub(t).abs().mean(-1);
    });
    const yPred = tensor([[1, 2]], undefined, { requiresGrad: true });
    metric.updateState(tensor([[0, 0]]), yPred);
    expect(seen).toEqual([false]);
    expect(metric.result()).toBe(1.5);
    const perplexity = new Perplexity({ fromLogits: true });
    perplexity.updateState(int([[1]]), tensor([[[0, 1]]], undefined, { requiresGrad: true }));
    expect(isGradEnabled()).toBe(true);
  });

  it('accumulates a weighted mean across batches (Keras Mean)', () => {
    const m = new Mean();
    m.updateState(tensor([1, 3, 5, 7]), tensor([1, 1, 0, 0]));
    expect(m.result()).toBe(2);
    m.updateState(tensor([[10, 20]]));
    // total 4 + 15, count 2 + 1
    expect(m.result()).toBeCloseTo(19 / 3, 12);
    m.updateState(4, 3);
    expect(m.result()).toBeCloseTo(31 / 6, 12);
    m.resetState();
    expect(m.result()).toBe(0);
  });

  it('keeps exact-match Accuracy, categorical and sparse variants consistent', () => {
    const probabilities = tensor([
      [0.1, 0.6, 0.3],
      [0.05, 0.95, 0],
      [0.7, 0.2, 0.1],
    ]);
    const sparse = new SparseCategoricalAccuracy();
    sparse.updateState(int([2, 1, 0]), probabilities);
    const categorical = new CategoricalAccuracy();
    categorical.updateState(
      tensor([
        [0, 0, 1],
        [0, 1, 0],
        [1, 0, 0],
      ]),
      probabilities,
    );
    expect(sparse.result()).toBeCloseTo(2 / 3, 12);
    expect(categorical.result()).toBeCloseTo(2 / 3, 12);
  });

  it('perplexity is exp of the mean cross-entropy, ignoring masked tokens', () => {
    const m = new Perplexity({ fromLogits: true });
    m.updateState(int([[1, 2]]), zeros([1, 2, 4]));
    expect(m.result()).toBeCloseTo(4, 6);
    const logits = tensor([
      [
        [2, 0, -1],
        [0.5, 0.5, 3],
      ],
    ]);
    const labels = int([[0, 2]]);
    const masked = new Perplexity({ fromLogits: true, maskTokenId: 2 });
    masked.updateState(labels, logits);
    const first = sparseCategoricalCrossentropy(labels, logits, { fromLogits: true }).data[0];
    expect(masked.result()).toBeCloseTo(Math.exp(first), 6);
  });

  it('rejects mismatched shapes and bad labels', () => {
    const m = new SparseCategoricalAccuracy();
    expect(() => m.updateState(int([1, 2, 0]), zeros([2, 3]))).toThrow(/labels of shape/);
    expect(() => new TopKCategoricalAccuracy({ k: 0 })).toThrow(ValueError);
    const top = new TopKCategoricalAccuracy({ k: 1 });
    expect(() => top.updateState(tensor([[1, 0]]), tensor([[0.2, 0.8, 0]]))).toThrow(/same shape/);
  });
});
