import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import { currentBackend } from '../backend/current-backend.js';
import type { FloatArray } from '../dtype.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import type { Tensor, TensorLike } from '../tensor.js';
import { checkTensor } from '../validation/check-tensor.js';
import { output, tensorArgument } from './operands.js';

/**
 * Rows of `table` (axis 0) picked by int32 `indices` of any shape: the result has shape
 * `[...indices.shape, ...table.shape.slice(1)]`. This is an embedding lookup; its gradient adds
 * each output row back into the row it came from.
 *
 * @example
 * ```ts
 * import { gather, tensor } from '@recur/tensor';
 * const table = tensor([[0, 0], [1, 1], [2, 2]]);
 * gather(table, tensor([[2, 0]], undefined, { dtype: 'int32' })).toArray(); // [[[2, 2], [0, 0]]]
 * ```
 */
export function gather(table: Tensor, indices: TensorLike): Tensor {
  checkTensor('gather', 'table', table);
  const index = tensorArgument('gather', 'indices', indices, 'int32');
  if (index.dtype !== 'int32') throw new DTypeError('gather', 'int32 indices', index.dtype);
  if (table.rank < 1) throw new ShapeError('gather', 'a table of rank >= 1', 'a scalar');
  const rows = table.shape[0];
  const ids = index.data as Int32Array;
  // Checked here so no kernel ever reads outside the table.
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] < 0 || ids[i] >= rows)
      throw new ValueError('gather', `indices in [0, ${rows})`, `${ids[i]} at flat position ${i}`);
  }
  const rowShape = table.shape.slice(1);
  const rowSize = table.size / Math.max(rows, 1);
  const out = output(table.dtype, [...index.shape, ...rowShape], 'gather');
  currentBackend().gather(table.data, rowSize, ids, out.data);
  record('gather', [table, index], [out]);
  return out;
}

registerGradient('gather', ([dy], { inputs: [table, index] }) => {
  const dTable = output(table.dtype, table.shape);
  const rowSize = table.size / Math.max(table.shape[0], 1);
  currentBackend().scatterAdd(
    dTable.data as FloatArray,
    rowSize,
    index.data as Int32Array,
    dy!.data as FloatArray,
  );
  return [dTable, null];
});
