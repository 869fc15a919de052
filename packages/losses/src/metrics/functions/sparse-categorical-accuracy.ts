import { argMax, type DType, Tensor, allocate } from '@recur/tensor';
import { checkLabel, checkTargetsAndPredictions, sparseLabelShape } from '../../align.js';

/**
 * Whether the predicted class (arg max) equals the integer label, per position (Keras
 * `sparse_categorical_accuracy`). Labels `[...batch]` or `[...batch, 1]` (int32 or integer
 * floats) with predictions `[...batch, classes]`, including sequences (`[batch, T]` labels with
 * `[batch, T, classes]` predictions); the result has the labels' shape without a trailing 1.
 *
 * @example
 * ```ts
 * import { sparseCategoricalAccuracy } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * sparseCategoricalAccuracy(tensor([[2], [1]]), tensor([[0.1, 0.6, 0.3], [0.05, 0.95, 0]]))
 *   .toArray(); // [0, 1]
 * ```
 */
export function sparseCategoricalAccuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  const op = 'sparseCategoricalAccuracy';
  checkTargetsAndPredictions(op, yTrue, yPred);
  const shape = sparseLabelShape(op, yTrue, yPred);
  // Integers only; an id outside the classes (an ignored -1) is a miss, as in Keras.
  for (let r = 0; r < yTrue.size; r++) checkLabel(op, yTrue.data[r], r, null);
  return matches(yTrue.reshape(shape), argMax(yPred, -1), yPred.dtype);
}

/** 1 where `labels` equals `predicted` (compared as numbers), else 0, in `dtype`. */
export function matches(labels: Tensor, predicted: Tensor, dtype: DType): Tensor {
  const out = allocate(dtype, predicted.size);
  for (let i = 0; i < out.length; i++) out[i] = labels.data[i] === predicted.data[i] ? 1 : 0;
  return new Tensor(out, predicted.shape);
}
