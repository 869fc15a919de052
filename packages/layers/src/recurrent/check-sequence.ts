import { describeValue, formatShape, ShapeError, type Tensor, ValueError } from '@recur/tensor';
import { checkShapeIs } from './check-shape-is.js';

/**
 * Refuses an empty batch or sequence (the kernels need one step to produce the last output) and a
 * mask that is not `[batch, steps]` of 0s and 1s: a 0.5 would blend a step's state with the
 * previous one, a NaN poison it. O(batch * steps), like the mask the kernels read.
 */
export function checkSequence(layer: string, inputs: Tensor, mask: Tensor | null): void {
  const [batch, steps] = inputs.shape;
  if (batch === 0 || steps === 0)
    throw new ShapeError(
      layer,
      'inputs of at least one sequence of at least one step',
      formatShape(inputs.shape),
    );
  if (!mask) return;
  checkShapeIs(layer, 'mask', mask, [batch, steps], '[batch, steps]');
  const values = mask.data;
  for (let i = 0; i < values.length; i++)
    if (values[i] !== 0 && values[i] !== 1)
      throw new ValueError(
        layer,
        'mask of 0 (padding) and 1 (a valid step) values',
        `${describeValue(values[i])} at flat position ${i}`,
      );
}
