// The sizes of a recurrent call's arrays, derived from the contract in recurrent-kernels.ts.
import {
  gateCount,
  type RecurrentCell,
  type RecurrentProblem,
  recurrentWorkspaceLayout,
} from './recurrent-kernels.js';

/** Rows of the bias: GRU reset-after keeps an input and a recurrent bias (`[2, 3H]`), the rest one. */
export function biasRows(cell: RecurrentCell, resetAfter: boolean): number {
  return cell === 'gru' && resetAfter ? 2 : 1;
}

/** The length every array of a recurrent call must have, keyed by its argument name. */
export function recurrentArrayLengths(
  problem: Pick<
    RecurrentProblem,
    'cell' | 'resetAfter' | 'batch' | 'steps' | 'inputSize' | 'units'
  >,
): Record<string, number> {
  const { cell, resetAfter, batch: B, steps: T, inputSize: D, units: H } = problem;
  const GH = gateCount(cell) * H;
  return {
    x: B * T * D,
    kernel: D * GH,
    recurrentKernel: H * GH,
    bias: biasRows(cell, resetAfter) * GH,
    initialH: B * H,
    initialC: B * H,
    mask: B * T,
    recurrentDropoutMask: B * H,
    sequence: B * T * H,
    finalH: B * H,
    finalC: B * H,
    workspace: recurrentWorkspaceLayout(cell, B, T, D, H).size,
    dSequence: B * T * H,
    dFinalH: B * H,
    dFinalC: B * H,
    dx: B * T * D,
    dKernel: D * GH,
    dRecurrentKernel: H * GH,
    dBias: biasRows(cell, resetAfter) * GH,
    dInitialH: B * H,
    dInitialC: B * H,
  };
}
