import { equal, mean, type Tensor } from '@recur/tensor';
import { alignTargets } from '../../align.js';

/**
 * How often predictions equal targets exactly, per sample (Keras `keras.metrics.Accuracy`'s
 * function): `mean(yTrue == yPred)` over the last axis. For class predictions use
 * {@link binaryAccuracy}, {@link categoricalAccuracy} or {@link sparseCategoricalAccuracy}, or
 * let `getMetric('accuracy', context)` choose.
 *
 * @example
 * ```ts
 * import { accuracy } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * accuracy(tensor([[1], [2]]), tensor([[0], [2]])).toArray(); // [0, 1]
 * ```
 */
export function accuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  const [target, prediction] = alignTargets('accuracy', yTrue, yPred);
  return mean(equal(target, prediction), -1);
}
