import { add, clip, div, log, logSoftmax, mul, neg, sum, type Tensor } from '@recur/tensor';
import { alignTargets, resolveAxis } from '../align.js';
import { EPSILON } from '../epsilon.js';
import { checkOptions } from '../validation.js';
import { crossentropyOptions } from './crossentropy-options.js';

/** Options of {@link categoricalCrossentropy} (Keras names and defaults). */
export interface CategoricalCrossentropyOptions {
  /** Whether `yPred` holds logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** In [0, 1]: one-hot targets become `t (1 - s) + s / classes`. Default 0. */
  labelSmoothing?: number;
  /** The class axis. Default -1. */
  axis?: number;
}

/**
 * Categorical cross-entropy per sample for one-hot (or soft) targets of the same shape as the
 * predictions (Keras `categorical_crossentropy`); the class axis is reduced.
 *
 * - `fromLogits: true`: `-sum(t * logSoftmax(x))`, the fused log-softmax (never `log(softmax)`),
 *   finite for logits of any magnitude.
 * - probabilities (default): as Keras, `p / sum(p)` is renormalised over the class axis, clipped to
 *   `[1e-7, 1 - 1e-7]`, then `-sum(t * log p)`.
 *
 * @example
 * ```ts
 * import { categoricalCrossentropy } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * const yTrue = tensor([[0, 1, 0], [0, 0, 1]]);
 * categoricalCrossentropy(yTrue, tensor([[0.05, 0.95, 0], [0.1, 0.8, 0.1]])).toArray();
 * // [0.0513, 2.303] (approximately)
 * ```
 */
export function categoricalCrossentropy(
  yTrue: Tensor,
  yPred: Tensor,
  options: CategoricalCrossentropyOptions = {},
): Tensor {
  const op = 'categoricalCrossentropy';
  const { fromLogits, labelSmoothing, axis } = crossentropyOptions(
    op,
    checkOptions(op, options, ['fromLogits', 'labelSmoothing', 'axis']),
  );
  let [target, prediction] = alignTargets(op, yTrue, yPred);
  const classAxis = resolveAxis(op, axis, prediction.rank);
  if (labelSmoothing > 0) {
    const classes = prediction.shape[classAxis];
    target = add(mul(target, 1 - labelSmoothing), labelSmoothing / classes);
  }
  let logProbability: Tensor;
  if (fromLogits) {
    logProbability = logSoftmax(prediction, axis);
  } else {
    const normalized = div(prediction, sum(prediction, axis, true));
    logProbability = log(clip(normalized, EPSILON, 1 - EPSILON));
  }
  return neg(sum(mul(target, logProbability), axis));
}
