import { add, clip, log, logSigmoid, mean, mul, neg, sub, type Tensor } from '@recur/tensor';
import { alignTargets, resolveAxis } from '../align.js';
import { EPSILON } from '../epsilon.js';
import { checkOptions } from '../validation.js';
import { crossentropyOptions } from './crossentropy-options.js';

/** Options of {@link binaryCrossentropy} (Keras names and defaults). */
export interface BinaryCrossentropyOptions {
  /** Whether `yPred` holds logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** In [0, 1]: targets become `t (1 - s) + 0.5 s`. Default 0. */
  labelSmoothing?: number;
  /** The axis averaged over. Default -1. */
  axis?: number;
}

/**
 * Binary cross-entropy per sample, averaged over `axis` (Keras `binary_crossentropy`, alias
 * `bce`). Targets and predictions must have the same shape (after Keras' rank alignment).
 *
 * - `fromLogits: true`: `-(t log sigmoid(x) + (1 - t) log sigmoid(-x))` through the fused
 *   `logSigmoid` op, exact for any logit (no NaN or Infinity even at +-1e30).
 * - probabilities (default): `p` clipped to `[1e-7, 1 - 1e-7]` as Keras does, then
 *   `-(t log p + (1 - t) log(1 - p))`.
 *
 * @example
 * ```ts
 * import { binaryCrossentropy } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * binaryCrossentropy(tensor([[0, 1], [0, 0]]), tensor([[0.6, 0.4], [0.4, 0.6]])).toArray();
 * // [0.916, 0.714] (approximately)
 * binaryCrossentropy(tensor([[1]]), tensor([[1e30]]), { fromLogits: true }).toArray(); // [0]
 * ```
 */
export function binaryCrossentropy(
  yTrue: Tensor,
  yPred: Tensor,
  options: BinaryCrossentropyOptions = {},
): Tensor {
  const op = 'binaryCrossentropy';
  const { fromLogits, labelSmoothing, axis } = crossentropyOptions(
    op,
    checkOptions(op, options, ['fromLogits', 'labelSmoothing', 'axis']),
  );
  let [target, prediction] = alignTargets(op, yTrue, yPred);
  resolveAxis(op, axis, prediction.rank);
  if (labelSmoothing > 0) target = add(mul(target, 1 - labelSmoothing), 0.5 * labelSmoothing);
  let elementwise: Tensor;
  if (fromLogits) {
    // log(1 - sigmoid(x)) = logSigmoid(-x); each term is finite for finite x, and a zero target
    // multiplies a finite number, so extreme logits cannot produce 0 * Infinity.
    const positive = mul(target, logSigmoid(prediction));
    const negative = mul(sub(1, target), logSigmoid(neg(prediction)));
    elementwise = neg(add(positive, negative));
  } else {
    const probability = clip(prediction, EPSILON, 1 - EPSILON);
    const positive = mul(target, log(probability));
    const negative = mul(sub(1, target), log(sub(1, probability)));
    elementwise = neg(add(positive, negative));
  }
  return mean(elementwise, axis);
}
