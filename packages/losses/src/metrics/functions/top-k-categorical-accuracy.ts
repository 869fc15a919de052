import { allocate, argMax, formatShape, ShapeError, Tensor } from '@recur/tensor';
import {
  checkLabel,
  checkTargetsAndPredictions,
  sameShape,
  sparseLabelShape,
} from '../../align.js';
import { checkInteger } from '../../validation.js';

/**
 * Whether the one-hot target's class is among the `k` highest predictions, per sample (Keras
 * `top_k_categorical_accuracy`, default k 5). Ties follow TensorFlow's `in_top_k`: the target
 * counts as in the top k when fewer than k classes score strictly higher; a non-finite target
 * score never does.
 *
 * @example
 * ```ts
 * import { topKCategoricalAccuracy } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * topKCategoricalAccuracy(tensor([[0, 0, 1], [0, 1, 0]]), tensor([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]), 1)
 *   .toArray(); // [0, 1]
 * ```
 */
export function topKCategoricalAccuracy(yTrue: Tensor, yPred: Tensor, k = 5): Tensor {
  checkTargetsAndPredictions('topKCategoricalAccuracy', yTrue, yPred);
  if (yPred.rank < 1 || !sameShape(yTrue.shape, yPred.shape))
    throw new ShapeError(
      'topKCategoricalAccuracy',
      `one-hot yTrue of the same shape as yPred ${formatShape(yPred.shape)}`,
      formatShape(yTrue.shape),
    );
  return inTopK('topKCategoricalAccuracy', argMax(yTrue, -1), yPred, k);
}

/**
 * {@link topKCategoricalAccuracy} for integer labels shaped as for
 * {@link sparseCategoricalAccuracy} (Keras `sparse_top_k_categorical_accuracy`).
 *
 * @example
 * ```ts
 * import { sparseTopKCategoricalAccuracy } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * sparseTopKCategoricalAccuracy(tensor([2, 1]), tensor([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]), 2)
 *   .toArray(); // [1, 1]
 * ```
 */
export function sparseTopKCategoricalAccuracy(yTrue: Tensor, yPred: Tensor, k = 5): Tensor {
  checkTargetsAndPredictions('sparseTopKCategoricalAccuracy', yTrue, yPred);
  const shape = sparseLabelShape('sparseTopKCategoricalAccuracy', yTrue, yPred);
  return inTopK('sparseTopKCategoricalAccuracy', yTrue.reshape(shape), yPred, k);
}

function inTopK(op: string, labels: Tensor, yPred: Tensor, k: number): Tensor {
  checkInteger(op, 'k', k, { min: 1 });
  const classes = yPred.shape[yPred.rank - 1];
  const scores = yPred.data;
  const out = allocate(yPred.dtype, labels.size);
  for (let r = 0; r < labels.size; r++) {
    const label = labels.data[r];
    checkLabel(op, label, r, classes);
    const row = r * classes;
    const target = scores[row + label];
    if (!Number.isFinite(target)) continue;
    let higher = 0;
    for (let c = 0; c < classes; c++) if (scores[row + c] > target) higher++;
    out[r] = higher < k ? 1 : 0;
  }
  return new Tensor(out, labels.shape);
}
