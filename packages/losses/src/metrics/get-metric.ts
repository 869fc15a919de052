import { type Tensor, ValueError } from '@recur/tensor';
import { checkOptions, describeValue, isPlainObject } from '../validation.js';
import { getLoss, type LossIdentifier } from '../get-loss.js';
import { binaryCrossentropy } from '../functions/binary-crossentropy.js';
import { categoricalCrossentropy } from '../functions/categorical-crossentropy.js';
import { huber } from '../functions/huber.js';
import { kullbackLeiblerDivergence } from '../functions/kl-divergence.js';
import { logCosh } from '../functions/log-cosh.js';
import { meanAbsolutePercentageError } from '../functions/mean-absolute-percentage-error.js';
import { sparseCategoricalCrossentropy } from '../functions/sparse-categorical-crossentropy.js';
import {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  SparseCategoricalCrossentropy,
} from '../loss-classes.js';
import type { Loss, SerializedObject } from '../loss.js';
import {
  Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  MeanAbsoluteErrorMetric,
  MeanSquaredErrorMetric,
  SparseCategoricalAccuracy,
  SparseTopKCategoricalAccuracy,
  TopKCategoricalAccuracy,
} from './metric-classes.js';
import { type MetricFunction, MeanMetricWrapper } from './mean-metric-wrapper.js';
import { Metric } from './metric.js';
import { Perplexity } from './perplexity.js';
import { RootMeanSquaredError } from './root-mean-squared-error.js';

/**
 * What {@link getMetric} may use to resolve `'accuracy'` / `'acc'` (and `'perplexity'`): the
 * model's loss and the shapes of one batch of targets and predictions.
 */
export interface MetricContext {
  loss?: LossIdentifier | null;
  yTrueShape?: readonly number[];
  yPredShape?: readonly number[];
}

/** Anything {@link getMetric} turns into a {@link Metric}. */
export type MetricIdentifier = string | Metric | MetricFunction | SerializedObject;

// biome-ignore lint/suspicious/noExplicitAny: each class takes its own config type
type MetricClass = new (config?: any) => Metric;

// Maps, so that 'constructor', 'valueOf' or '__proto__' finds nothing instead of a property of
// Object.prototype.
const CLASSES: ReadonlyMap<string, MetricClass> = new Map<string, MetricClass>([
  ['Accuracy', Accuracy],
  ['BinaryAccuracy', BinaryAccuracy],
  ['CategoricalAccuracy', CategoricalAccuracy],
  ['SparseCategoricalAccuracy', SparseCategoricalAccuracy],
  ['TopKCategoricalAccuracy', TopKCategoricalAccuracy],
  ['SparseTopKCategoricalAccuracy', SparseTopKCategoricalAccuracy],
  ['MeanAbsoluteErrorMetric', MeanAbsoluteErrorMetric],
  ['MeanSquaredErrorMetric', MeanSquaredErrorMetric],
  ['RootMeanSquaredError', RootMeanSquaredError],
  ['Perplexity', Perplexity],
]);

// Keras metric names (class names, their snake_case forms, aliases) and camelCase names.
const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    binary_accuracy: 'BinaryAccuracy',
    binaryAccuracy: 'BinaryAccuracy',
    categorical_accuracy: 'CategoricalAccuracy',
    categoricalAccuracy: 'CategoricalAccuracy',
    sparse_categorical_accuracy: 'SparseCategoricalAccuracy',
    sparseCategoricalAccuracy: 'SparseCategoricalAccuracy',
    top_k_categorical_accuracy: 'TopKCategoricalAccuracy',
    topKCategoricalAccuracy: 'TopKCategoricalAccuracy',
    sparse_top_k_categorical_accuracy: 'SparseTopKCategoricalAccuracy',
    sparseTopKCategoricalAccuracy: 'SparseTopKCategoricalAccuracy',
    mae: 'MeanAbsoluteErrorMetric',
    MAE: 'MeanAbsoluteErrorMetric',
    mean_absolute_error: 'MeanAbsoluteErrorMetric',
    MeanAbsoluteError: 'MeanAbsoluteErrorMetric',
    meanAbsoluteError: 'MeanAbsoluteErrorMetric',
    mse: 'MeanSquaredErrorMetric',
    MSE: 'MeanSquaredErrorMetric',
    mean_squared_error: 'MeanSquaredErrorMetric',
    MeanSquaredError: 'MeanSquaredErrorMetric',
    meanSquaredError: 'MeanSquaredErrorMetric',
    rmse: 'RootMeanSquaredError',
    RMSE: 'RootMeanSquaredError',
    root_mean_squared_error: 'RootMeanSquaredError',
    rootMeanSquaredError: 'RootMeanSquaredError',
    perplexity: 'Perplexity',
  }),
);

// Losses usable as metrics (the running mean of the per-sample loss), by their Keras names.
const LOSS_FUNCTIONS: ReadonlyMap<string, MetricFunction> = new Map<string, MetricFunction>(
  Object.entries({
    mean_absolute_percentage_error: meanAbsolutePercentageError,
    mape: meanAbsolutePercentageError,
    MAPE: meanAbsolutePercentageError,
    meanAbsolutePercentageError,
    huber: (t: Tensor, p: Tensor) => huber(t, p),
    log_cosh: logCosh,
    logcosh: logCosh,
    logCosh,
    kl_divergence: kullbackLeiblerDivergence,
    kullback_leibler_divergence: kullbackLeiblerDivergence,
    kld: kullbackLeiblerDivergence,
    KLD: kullbackLeiblerDivergence,
    kullbackLeiblerDivergence,
    binary_crossentropy: (t: Tensor, p: Tensor) => binaryCrossentropy(t, p),
    bce: (t: Tensor, p: Tensor) => binaryCrossentropy(t, p),
    binaryCrossentropy: (t: Tensor, p: Tensor) => binaryCrossentropy(t, p),
    categorical_crossentropy: (t: Tensor, p: Tensor) => categoricalCrossentropy(t, p),
    categoricalCrossentropy: (t: Tensor, p: Tensor) => categoricalCrossentropy(t, p),
    sparse_categorical_crossentropy: (t: Tensor, p: Tensor) => sparseCategoricalCrossentropy(t, p),
    sparseCategoricalCrossentropy: (t: Tensor, p: Tensor) => sparseCategoricalCrossentropy(t, p),
  }),
);

/**
 * The names {@link getMetric} understands.
 *
 * @example
 * ```ts
 * import { metricNames } from '@recur/losses';
 * console.log(metricNames().includes('rmse')); // true
 * ```
 */
export function metricNames(): string[] {
  return ['accuracy', 'acc', ...CLASSES.keys(), ...ALIASES.keys(), ...LOSS_FUNCTIONS.keys()];
}

/**
 * Resolves a metric: a {@link Metric} (returned as is), a function `(yTrue, yPred) => per-sample
 * values` (a {@link MeanMetricWrapper}), a serialised `{ className, config }`, or a name (see
 * {@link metricNames}): Keras class names, their snake_case forms and aliases (`'mae'`, `'mse'`,
 * `'rmse'`, `'perplexity'`, `'top_k_categorical_accuracy'`, ...), and loss names (the running
 * mean of that loss). As in Keras' `compile`, a metric from a string is named after the string.
 *
 * `'accuracy'` / `'acc'` (any case) resolves like Keras' `compile`, using `context`:
 * 1. the loss, when it is a cross-entropy: binary cross-entropy gives {@link BinaryAccuracy},
 *    categorical {@link CategoricalAccuracy}, sparse categorical {@link SparseCategoricalAccuracy}
 *    (this also makes multi-label binary models use binary accuracy);
 * 2. otherwise the shapes (Keras 3's rule): predictions with a last axis of 1 give binary;
 *    targets of lower rank than the predictions, or a last axis of 1 against more than one
 *    class, give sparse categorical; anything else categorical;
 * 3. with neither, {@link Accuracy} (exact match), like `keras.metrics.get('accuracy')`.
 *
 * `'perplexity'` takes `fromLogits` from the context's loss when that is a cross-entropy.
 *
 * @example
 * ```ts
 * import { getMetric } from '@recur/losses';
 * getMetric('accuracy', { loss: 'sparse_categorical_crossentropy' }).className;
 * // 'SparseCategoricalAccuracy'
 * getMetric('acc', { yTrueShape: [32, 1], yPredShape: [32, 1] }).className; // 'BinaryAccuracy'
 * getMetric('mae').name; // 'mae'
 * ```
 */
export function getMetric(identifier: MetricIdentifier, context: MetricContext = {}): Metric {
  if (identifier instanceof Metric) return identifier;
  if (typeof identifier === 'function') return new MeanMetricWrapper(identifier);
  if (typeof identifier === 'string') {
    const given = checkContext(context);
    if (identifier.toLowerCase() === 'accuracy' || identifier.toLowerCase() === 'acc')
      return resolveAccuracy(identifier, given);
    if (identifier === 'perplexity' || identifier === 'Perplexity') {
      const fromLogits = contextLoss(given)?.fromLogits ?? false;
      return new Perplexity({ name: 'perplexity', fromLogits });
    }
    const create = CLASSES.get(identifier);
    if (create) return new create();
    const alias = ALIASES.get(identifier);
    if (alias !== undefined) return new (CLASSES.get(alias) as MetricClass)({ name: identifier });
    const fn = LOSS_FUNCTIONS.get(identifier);
    if (fn) return new MeanMetricWrapper(fn, { name: identifier });
    throw new ValueError(
      'getMetric',
      `a metric name among ${metricNames().join(', ')}`,
      describeValue(identifier),
    );
  }
  if (isPlainObject(identifier) && 'className' in identifier)
    return metricFromConfig(identifier as unknown as SerializedObject);
  throw new ValueError(
    'getMetric',
    'a metric name, a Metric, a function (yTrue, yPred) => Tensor, or { className, config }',
    describeValue(identifier),
  );
}

/**
 * Rebuilds a metric from {@link Metric.getConfig}'s output (a {@link MeanMetricWrapper} of a
 * custom function cannot be rebuilt: pass the function to {@link getMetric}). The class refuses
 * options it does not take.
 *
 * @example
 * ```ts
 * import { TopKCategoricalAccuracy, metricFromConfig } from '@recur/losses';
 * metricFromConfig(new TopKCategoricalAccuracy({ k: 3 }).getConfig());
 * ```
 */
export function metricFromConfig(serialized: SerializedObject): Metric {
  if (!isPlainObject(serialized))
    throw new ValueError('metricFromConfig', '{ className, config }', describeValue(serialized));
  const { className } = serialized;
  const create = typeof className === 'string' ? CLASSES.get(className) : undefined;
  if (create === undefined) {
    throw new ValueError(
      'metricFromConfig',
      `a className among ${[...CLASSES.keys()].join(', ')}`,
      describeValue(className),
    );
  }
  return new create(serialized.config ?? {});
}

/** The context of {@link getMetric}, checked: shapes must be arrays of sizes. */
function checkContext(context: unknown): MetricContext {
  const given = checkOptions('getMetric context', context, ['loss', 'yTrueShape', 'yPredShape']);
  for (const key of ['yTrueShape', 'yPredShape']) {
    const shape = given[key];
    if (
      shape !== undefined &&
      !(Array.isArray(shape) && shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    )
      throw new ValueError(
        'getMetric context',
        `${key} an array of non-negative integers`,
        describeValue(shape),
      );
  }
  return given as MetricContext;
}

type Crossentropy = BinaryCrossentropy | CategoricalCrossentropy | SparseCategoricalCrossentropy;

function contextLoss(context: MetricContext): Crossentropy | null {
  if (context.loss === undefined || context.loss === null) return null;
  let loss: Loss;
  try {
    loss = getLoss(context.loss);
  } catch {
    return null;
  }
  return loss instanceof BinaryCrossentropy ||
    loss instanceof CategoricalCrossentropy ||
    loss instanceof SparseCategoricalCrossentropy
    ? loss
    : null;
}

function resolveAccuracy(name: string, context: MetricContext): Metric {
  const loss = contextLoss(context);
  if (loss instanceof BinaryCrossentropy) return new BinaryAccuracy({ name });
  if (loss instanceof SparseCategoricalCrossentropy) return new SparseCategoricalAccuracy({ name });
  if (loss instanceof CategoricalCrossentropy) return new CategoricalAccuracy({ name });
  const { yTrueShape, yPredShape } = context;
  if (yTrueShape && yPredShape && yPredShape.length > 0) {
    const predictionLast = yPredShape[yPredShape.length - 1];
    const targetLast = yTrueShape[yTrueShape.length - 1];
    if (predictionLast === 1) return new BinaryAccuracy({ name });
    if (yTrueShape.length < yPredShape.length || (targetLast === 1 && predictionLast > 1))
      return new SparseCategoricalAccuracy({ name });
    return new CategoricalAccuracy({ name });
  }
  return new Accuracy({ name });
}
