// The Keras mean-based metric classes: thin MeanMetricWrapper subclasses with Keras names.
import type { Tensor } from '@recur/tensor';
import { meanAbsoluteError } from '../functions/mean-absolute-error.js';
import { meanSquaredError } from '../functions/mean-squared-error.js';
import type { SerializedObject } from '../loss.js';
import { accuracy } from './functions/accuracy.js';
import { binaryAccuracy } from './functions/binary-accuracy.js';
import { categoricalAccuracy } from './functions/categorical-accuracy.js';
import { sparseCategoricalAccuracy } from './functions/sparse-categorical-accuracy.js';
import {
  sparseTopKCategoricalAccuracy,
  topKCategoricalAccuracy,
} from './functions/top-k-categorical-accuracy.js';
import { checkInteger, checkName, checkOptions, checkRange, orDefault } from '../validation.js';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';

/** Options every metric class takes. */
export interface MetricConfig {
  name?: string;
}

/**
 * Exact-match accuracy (Keras `Accuracy`, name `'accuracy'`). For classifiers prefer
 * `getMetric('accuracy', context)`, which picks the binary, categorical or sparse variant.
 *
 * @example
 * ```ts
 * import { Accuracy } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * const m = new Accuracy();
 * m.updateState(tensor([[1], [2], [3], [4]]), tensor([[0], [2], [3], [4]]));
 * m.result(); // 0.75
 * ```
 */
export class Accuracy extends MeanMetricWrapper {
  override readonly className = 'Accuracy';
  constructor(config: MetricConfig = {}) {
    super(accuracy, { name: metricName('Accuracy', config, [], 'accuracy'), direction: 'up' });
  }
}

/**
 * {@link binaryAccuracy} as a running metric (Keras `BinaryAccuracy`, threshold in (0, 1),
 * default 0.5).
 *
 * @example
 * ```ts
 * import { BinaryAccuracy } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * const m = new BinaryAccuracy();
 * m.updateState(tensor([[1], [1], [0], [0]]), tensor([[0.98], [1], [0], [0.6]]), tensor([1, 0, 0, 1]));
 * m.result(); // 0.5
 * ```
 */
export class BinaryAccuracy extends MeanMetricWrapper {
  override readonly className = 'BinaryAccuracy';
  readonly threshold: number;
  constructor(config: MetricConfig & { threshold?: number } = {}) {
    const name = metricName('BinaryAccuracy', config, ['threshold'], 'binary_accuracy');
    const threshold = checkRange(
      'BinaryAccuracy',
      'threshold',
      orDefault(config.threshold, 0.5),
      0,
      1,
      true,
    );
    super((t: Tensor, p: Tensor) => binaryAccuracy(t, p, threshold), { name, direction: 'up' });
    this.threshold = threshold;
  }
  override getConfig(): SerializedObject {
    const base = super.getConfig();
    return { ...base, config: { ...base.config, threshold: this.threshold } };
  }
}

/**
 * {@link categoricalAccuracy} as a running metric (Keras `CategoricalAccuracy`).
 *
 * @example
 * ```ts
 * import { CategoricalAccuracy } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * const m = new CategoricalAccuracy();
 * m.updateState(tensor([[0, 0, 1], [0, 1, 0]]), tensor([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]));
 * m.result(); // 0.5
 * ```
 */
export class CategoricalAccuracy extends MeanMetricWrapper {
  override readonly className = 'CategoricalAccuracy';
  constructor(config: MetricConfig = {}) {
    super(categoricalAccuracy, {
      name: metricName('CategoricalAccuracy', config, [], 'categorical_accuracy'),
      direction: 'up',
    });
  }
}

/**
 * {@link sparseCategoricalAccuracy} as a running metric (Keras `SparseCategoricalAccuracy`);
 * with `[batch, T]` labels and `[batch, T]` sample weights it is the weighted accuracy over all
 * timesteps.
 *
 * @example
 * ```ts
 * import { SparseCategoricalAccuracy } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * const m = new SparseCategoricalAccuracy();
 * m.updateState(tensor([[2], [1]]), tensor([[0.1, 0.6, 0.3], [0.05, 0.95, 0]]), tensor([0.7, 0.3]));
 * m.result(); // 0.3
 * ```
 */
export class SparseCategoricalAccuracy extends MeanMetricWrapper {
  override readonly className = 'SparseCategoricalAccuracy';
  constructor(config: MetricConfig = {}) {
    super(sparseCategoricalAccuracy, {
      name: metricName('SparseCategoricalAccuracy', config, [], 'sparse_categorical_accuracy'),
      direction: 'up',
    });
  }
}

/**
 * {@link topKCategoricalAccuracy} as a running metric (Keras `TopKCategoricalAccuracy`, k 5).
 *
 * @example
 * ```ts
 * import { TopKCategoricalAccuracy } from '@recur/losses';
 * const m = new TopKCategoricalAccuracy({ k: 2 });
 * ```
 */
export class TopKCategoricalAccuracy extends MeanMetricWrapper {
  override readonly className = 'TopKCategoricalAccuracy';
  readonly k: number;
  constructor(config: MetricConfig & { k?: number } = {}) {
    const name = metricName('TopKCategoricalAccuracy', config, ['k'], 'top_k_categorical_accuracy');
    const k = checkK('TopKCategoricalAccuracy', config.k);
    super((t: Tensor, p: Tensor) => topKCategoricalAccuracy(t, p, k), { name, direction: 'up' });
    this.k = k;
  }
  override getConfig(): SerializedObject {
    const base = super.getConfig();
    return { ...base, config: { ...base.config, k: this.k } };
  }
}

/**
 * {@link sparseTopKCategoricalAccuracy} as a running metric (Keras
 * `SparseTopKCategoricalAccuracy`, k 5).
 *
 * @example
 * ```ts
 * import { SparseTopKCategoricalAccuracy } from '@recur/losses';
 * const m = new SparseTopKCategoricalAccuracy({ k: 3 });
 * ```
 */
export class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
  override readonly className = 'SparseTopKCategoricalAccuracy';
  readonly k: number;
  constructor(config: MetricConfig & { k?: number } = {}) {
    const name = metricName(
      'SparseTopKCategoricalAccuracy',
      config,
      ['k'],
      'sparse_top_k_categorical_accuracy',
    );
    const k = checkK('SparseTopKCategoricalAccuracy', config.k);
    super((t: Tensor, p: Tensor) => sparseTopKCategoricalAccuracy(t, p, k), {
      name,
      direction: 'up',
    });
    this.k = k;
  }
  override getConfig(): SerializedObject {
    const base = super.getConfig();
    return { ...base, config: { ...base.config, k: this.k } };
  }
}

/**
 * The running mean absolute error (Keras `keras.metrics.MeanAbsoluteError`, string `'mae'`;
 * named `...Metric` here because the loss class holds the plain name).
 *
 * @example
 * ```ts
 * import { MeanAbsoluteErrorMetric } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * const m = new MeanAbsoluteErrorMetric();
 * m.updateState(tensor([[0, 1]]), tensor([[1, 3]]));
 * m.result(); // 1.5
 * ```
 */
export class MeanAbsoluteErrorMetric extends MeanMetricWrapper {
  override readonly className = 'MeanAbsoluteErrorMetric';
  constructor(config: MetricConfig = {}) {
    super(meanAbsoluteError, {
      name: metricName('MeanAbsoluteErrorMetric', config, [], 'mean_absolute_error'),
      direction: 'down',
    });
  }
}

/**
 * The running mean squared error (Keras `keras.metrics.MeanSquaredError`, string `'mse'`).
 *
 * @example
 * ```ts
 * import { MeanSquaredErrorMetric } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * const m = new MeanSquaredErrorMetric();
 * m.updateState(tensor([[0, 1]]), tensor([[1, 3]]));
 * m.result(); // 2.5
 * ```
 */
export class MeanSquaredErrorMetric extends MeanMetricWrapper {
  override readonly className = 'MeanSquaredErrorMetric';
  constructor(config: MetricConfig = {}) {
    super(meanSquaredError, {
      name: metricName('MeanSquaredErrorMetric', config, [], 'mean_squared_error'),
      direction: 'down',
    });
  }
}

/** `k` of the top-k accuracies (default 5): a positive integer. */
function checkK(op: string, k: unknown): number {
  return checkInteger(op, 'k', orDefault(k, 5), { min: 1 }) as number;
}

/**
 * A metric class's `name` (default `fallback`), after checking that `config` is an options
 * object with only `name` and `options`.
 *
 * @example
 * ```ts
 * import { metricName } from './metric-classes.js';
 * metricName('Accuracy', { name: 'acc' }, [], 'accuracy'); // 'acc'
 * ```
 */
export function metricName(
  op: string,
  config: unknown,
  options: readonly string[],
  fallback: string,
): string {
  const given = checkOptions(op, config, ['name', ...options]);
  return checkName(op, 'name', given.name ?? fallback);
}
