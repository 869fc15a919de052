import { abs, mean, sub, type Tensor } from '@recur/tensor';
import { alignTargets } from '../align.js';

/**
 * Mean absolute error per sample: `mean(|yTrue - yPred|)` over the last axis (Keras
 * `mean_absolute_error`, alias `mae`).
 *
 * @example
 * ```ts
 * import { meanAbsoluteError } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * meanAbsoluteError(tensor([[0, 1]]), tensor([[1, 3]])).toArray(); // [1.5]
 * ```
 */
export function meanAbsoluteError(yTrue: Tensor, yPred: Tensor): Tensor {
  const [target, prediction] = alignTargets('meanAbsoluteError', yTrue, yPred);
  return mean(abs(sub(target, prediction)), -1);
}
