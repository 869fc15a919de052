import { mean, square, sub, type Tensor } from '@recur/tensor';
import { alignTargets } from '../align.js';

/**
 * Mean squared error per sample: `mean((yTrue - yPred)^2)` over the last axis (Keras
 * `mean_squared_error`, aliases `mse`). Differentiable through the tensor ops.
 *
 * @example
 * ```ts
 * import { meanSquaredError } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * meanSquaredError(tensor([[0, 1], [0, 0]]), tensor([[1, 1], [1, 0]])).toArray(); // [0.5, 0.5]
 * ```
 */
export function meanSquaredError(yTrue: Tensor, yPred: Tensor): Tensor {
  const [target, prediction] = alignTargets('meanSquaredError', yTrue, yPred);
  return mean(square(sub(target, prediction)), -1);
}
