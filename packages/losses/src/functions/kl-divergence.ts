import { clip, div, log, mul, sum, type Tensor } from '@recur/tensor';
import { alignTargets } from '../align.js';
import { EPSILON } from '../epsilon.js';

/**
 * Kullback-Leibler divergence per sample (Keras `kl_divergence`, aliases `kld`,
 * `kullback_leibler_divergence`): `sum(t * log(t / p))` over the last axis, with both `t = yTrue`
 * and `p = yPred` clipped to `[1e-7, 1]` first (so zero probabilities stay finite).
 *
 * @example
 * ```ts
 * import { kullbackLeiblerDivergence } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * kullbackLeiblerDivergence(tensor([[0.5, 0.5]]), tensor([[0.25, 0.75]])).toArray();
 * ```
 */
export function kullbackLeiblerDivergence(yTrue: Tensor, yPred: Tensor): Tensor {
  const [target, prediction] = alignTargets('kullbackLeiblerDivergence', yTrue, yPred);
  const t = clip(target, EPSILON, 1);
  const p = clip(prediction, EPSILON, 1);
  return sum(mul(t, log(div(t, p))), -1);
}
