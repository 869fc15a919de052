import { equal, greater, mean, type Tensor } from '@recur/tensor';
import { alignTargets } from '../../align.js';
import { checkRange } from '../../validation.js';

/**
 * How often thresholded predictions match 0/1 targets, per sample (Keras `binary_accuracy`):
 * `mean(yTrue == (yPred > threshold))` over the last axis.
 *
 * @example
 * ```ts
 * import { binaryAccuracy } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * binaryAccuracy(tensor([[1], [1], [0], [0]]), tensor([[0.98], [1], [0], [0.6]])).toArray();
 * // [1, 1, 1, 0]
 * ```
 */
export function binaryAccuracy(yTrue: Tensor, yPred: Tensor, threshold = 0.5): Tensor {
  checkRange('binaryAccuracy', 'threshold', threshold, 0, 1);
  const [target, prediction] = alignTargets('binaryAccuracy', yTrue, yPred);
  return mean(equal(target, greater(prediction, threshold)), -1);
}
