import { abs, lessEqual, mean, mul, square, sub, type Tensor, where } from '@recur/tensor';
import { alignTargets, checkRange } from '../align.js';

/** Options of {@link huber}. */
export interface HuberOptions {
  /** Where the loss turns from quadratic to linear (Keras default 1). */
  delta?: number;
}

/**
 * Huber loss per sample (Keras `huber`): with `e = yPred - yTrue`, `0.5 e^2` where
 * `|e| <= delta` and `delta |e| - 0.5 delta^2` elsewhere, averaged over the last axis.
 *
 * @example
 * ```ts
 * import { huber } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * huber(tensor([[0, 0]]), tensor([[0.5, 3]])).toArray(); // [1.3125]
 * ```
 */
export function huber(yTrue: Tensor, yPred: Tensor, options: HuberOptions = {}): Tensor {
  const { delta = 1 } = options;
  checkRange('huber', 'delta', delta, 0, Number.POSITIVE_INFINITY);
  const [target, prediction] = alignTargets('huber', yTrue, yPred);
  const error = sub(prediction, target);
  const absolute = abs(error);
  const quadratic = mul(square(error), 0.5);
  const linear = sub(mul(absolute, delta), 0.5 * delta * delta);
  return mean(where(lessEqual(absolute, delta), quadratic, linear), -1);
}
