import { gateCount, type RecurrentCell } from '../../backend/recurrent-kernels.js';
import { biasRows } from '../../backend/recurrent-shapes.js';
import { ShapeError } from '../../errors.js';
import { formatShape, sameShape } from '../../shape.js';
import type { Tensor } from '../../tensor.js';

/**
 * Checks the weights' shapes against the cell's gate count (Keras layouts: kernel `[D, G*H]`,
 * recurrentKernel `[H, G*H]`, bias `[G*H]`, or `[2, 3H]` for a reset-after GRU) and returns the
 * units H the kernel implies.
 */
export function checkRecurrentWeights(
  cell: RecurrentCell,
  D: number,
  resetAfter: boolean,
  kernel: Tensor,
  recurrentKernel: Tensor,
  biasTensor: Tensor | null,
): number {
  const G = gateCount(cell);
  if (
    kernel.rank !== 2 ||
    kernel.shape[0] !== D ||
    kernel.shape[1] % G !== 0 ||
    kernel.shape[1] === 0
  ) {
    throw new ShapeError(
      cell,
      `kernel of shape [${D}, ${G}*units] (input features ${D}, ${G} gates)`,
      formatShape(kernel.shape),
    );
  }
  const H = kernel.shape[1] / G;
  if (!sameShape(recurrentKernel.shape, [H, G * H])) {
    throw new ShapeError(
      cell,
      `recurrentKernel of shape ${formatShape([H, G * H])}`,
      formatShape(recurrentKernel.shape),
    );
  }
  if (biasTensor) {
    const rows = biasRows(cell, resetAfter);
    const expected = rows === 1 ? [G * H] : [rows, G * H];
    if (!sameShape(biasTensor.shape, expected)) {
      throw new ShapeError(
        cell,
        `bias of shape ${formatShape(expected)}${cell === 'gru' ? ` (resetAfter ${resetAfter})` : ''}`,
        formatShape(biasTensor.shape),
      );
    }
  }
  return H;
}
