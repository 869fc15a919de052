import { argMax, formatShape, ShapeError, type Tensor } from '@recur/tensor';
import { checkTargetsAndPredictions, sameShape } from '../../align.js';
import { matches } from './sparse-categorical-accuracy.js';

/**
 * Whether the predicted class (arg max) is the one-hot target's class, per sample (Keras
 * `categorical_accuracy`); logits work as well as probabilities. Result shape: `yPred` without
 * its class axis.
 *
 * @example
 * ```ts
 * import { categoricalAccuracy } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * categoricalAccuracy(tensor([[0, 0, 1], [0, 1, 0]]), tensor([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]))
 *   .toArray(); // [0, 1]
 * ```
 */
export function categoricalAccuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  checkTargetsAndPredictions('categoricalAccuracy', yTrue, yPred);
  if (yPred.rank < 1 || !sameShape(yTrue.shape, yPred.shape))
    throw new ShapeError(
      'categoricalAccuracy',
      `one-hot yTrue of the same shape as yPred ${formatShape(yPred.shape)}`,
      formatShape(yTrue.shape),
    );
  return matches(argMax(yTrue, -1), argMax(yPred, -1), yPred.dtype);
}
