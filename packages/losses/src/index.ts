/**
 * `@recur/losses`: Keras-compatible losses (functional per-sample forms and `Loss` classes with
 * Keras 3 reductions and sample weights) and stateful metrics, resolvable by Keras names.
 *
 * @module @recur/losses
 * @packageDocumentation
 */
export { EPSILON } from './epsilon.js';
export { squeezeOrExpandToSameRank } from './align.js';

export { meanSquaredError } from './functions/mean-squared-error.js';
export { meanAbsoluteError } from './functions/mean-absolute-error.js';
export { meanAbsolutePercentageError } from './functions/mean-absolute-percentage-error.js';
export { huber, type HuberOptions } from './functions/huber.js';
export { logCosh } from './functions/log-cosh.js';
export { kullbackLeiblerDivergence } from './functions/kl-divergence.js';
export {
  binaryCrossentropy,
  type BinaryCrossentropyOptions,
} from './functions/binary-crossentropy.js';
export {
  categoricalCrossentropy,
  type CategoricalCrossentropyOptions,
} from './functions/categorical-crossentropy.js';
export {
  sparseCategoricalCrossentropy,
  type SparseCategoricalCrossentropyOptions,
} from './functions/sparse-categorical-crossentropy.js';

export {
  type ReduceOptions,
  type Reduction,
  reduceWeightedValues,
} from './reduction.js';
export {
  Loss,
  type LossConfig,
  type LossFunction,
  LossFunctionWrapper,
  type SerializedObject,
} from './loss.js';
export {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  Huber,
  KLDivergence,
  LogCosh,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredError,
  SparseCategoricalCrossentropy,
} from './loss-classes.js';
export { getLoss, lossFromConfig, lossNames, type LossIdentifier } from './get-loss.js';

export { Metric, type MetricDirection } from './metrics/metric.js';
export { Mean } from './metrics/mean.js';
export {
  MeanMetricWrapper,
  type MeanMetricWrapperOptions,
  type MetricFunction,
} from './metrics/mean-metric-wrapper.js';
export { accuracy } from './metrics/functions/accuracy.js';
export { binaryAccuracy } from './metrics/functions/binary-accuracy.js';
export { categoricalAccuracy } from './metrics/functions/categorical-accuracy.js';
export { sparseCategoricalAccuracy } from './metrics/functions/sparse-categorical-accuracy.js';
export {
  sparseTopKCategoricalAccuracy,
  topKCategoricalAccuracy,
} from './metrics/functions/top-k-categorical-accuracy.js';
export {
  Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  MeanAbsoluteErrorMetric,
  MeanSquaredErrorMetric,
  type MetricConfig,
  SparseCategoricalAccuracy,
  SparseTopKCategoricalAccuracy,
  TopKCategoricalAccuracy,
} from './metrics/metric-classes.js';
export { RootMeanSquaredError } from './metrics/root-mean-squared-error.js';
export { Perplexity, type PerplexityConfig } from './metrics/perplexity.js';
export {
  getMetric,
  metricFromConfig,
  metricNames,
  type MetricContext,
  type MetricIdentifier,
} from './metrics/get-metric.js';
