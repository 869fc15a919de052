import { abs, div, maximum, mean, mul, sub, type Tensor } from '@recur/tensor';
import { alignTargets } from '../align.js';
import { EPSILON } from '../epsilon.js';

/**
 * Mean absolute percentage error per sample:
 * `100 * mean(|(yTrue - yPred) / max(|yTrue|, epsilon)|)` over the last axis (Keras
 * `mean_absolute_percentage_error`, alias `mape`; epsilon 1e-7 keeps zero targets finite).
 *
 * @example
 * ```ts
 * import { meanAbsolutePercentageError } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * meanAbsolutePercentageError(tensor([[2, 4]]), tensor([[1, 5]])).toArray(); // [37.5]
 * ```
 */
export function meanAbsolutePercentageError(yTrue: Tensor, yPred: Tensor): Tensor {
  const [target, prediction] = alignTargets('meanAbsolutePercentageError', yTrue, yPred);
  const relative = div(sub(target, prediction), maximum(abs(target), EPSILON));
  return mul(mean(abs(relative), -1), 100);
}
