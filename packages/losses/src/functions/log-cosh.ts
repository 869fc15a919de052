import { add, mean, mul, softplus, sub, type Tensor } from '@recur/tensor';
import { alignTargets } from '../align.js';

/**
 * Log-cosh loss per sample (Keras `log_cosh`, legacy alias `logcosh`): `mean(log(cosh(e)))` over
 * the last axis with `e = yPred - yTrue`, computed as `e + softplus(-2e) - log 2`, which never
 * overflows (cosh itself would for |e| > 710).
 *
 * @example
 * ```ts
 * import { logCosh } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * logCosh(tensor([[0, 1]]), tensor([[1, 1]])).toArray(); // [Math.log(Math.cosh(1)) / 2]
 * ```
 */
export function logCosh(yTrue: Tensor, yPred: Tensor): Tensor {
  const [target, prediction] = alignTargets('logCosh', yTrue, yPred);
  const error = sub(prediction, target);
  return mean(sub(add(error, softplus(mul(error, -2))), Math.LN2), -1);
}
