import { abs, lessEqual, mean, mul, square, sub, type Tensor, where } from '@recur/tensor';
import { alignTargets } from '../align.js';
import { checkOptions, checkRange, orDefault } from '../validation.js';

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
  const delta = huberDelta('huber', checkOptions('huber', options, ['delta']).delta);
  const [target, prediction] = alignTargets('huber', yTrue, yPred);
  const error = sub(prediction, target);
  const absolute = abs(error);
  const quadratic = mul(square(error), 0.5);
  const linear = sub(mul(absolute, delta), 0.5 * delta * delta);
  return mean(where(lessEqual(absolute, delta), quadratic, linear), -1);
}

/**
 * Huber's `delta` (default 1): a finite number > 0 (at 0 the loss would be identically 0).
 *
 * @example
 * ```ts
 * import { huberDelta } from './huber.js';
 * huberDelta('Huber', undefined); // 1
 * ```
 */
export function huberDelta(op: string, delta: unknown): number {
  return checkRange(op, 'delta', orDefault(delta, 1), 0, Number.MAX_VALUE, true);
}
