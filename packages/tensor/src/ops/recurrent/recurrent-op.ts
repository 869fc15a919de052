import { isGradEnabled } from '../../autograd/grad-mode.js';
import { record } from '../../autograd/tape.js';
import { currentBackend } from '../../backend/current-backend.js';
import {
  type RecurrentCell,
  type RecurrentProblem,
  recurrentWorkspaceLayout,
} from '../../backend/recurrent-kernels.js';
import { allocate, type FloatArray } from '../../dtype.js';
import type { Tensor } from '../../tensor.js';
import { checkAllocation } from '../../validation/check-allocation.js';
import { output } from '../operands.js';
import { checkRecurrentArguments } from './check-recurrent-arguments.js';
import type { Slots } from './recurrent-gradient.js';
import type { GruOptions, RecurrentResult, RecurrentStates } from './recurrent-options.js';
// Registers the cells' gradients (backpropagation through time).
import './recurrent-gradient.js';

export type {
  GruOptions,
  RecurrentOptions,
  RecurrentResult,
  RecurrentStates,
} from './recurrent-options.js';

/** Validates everything (shapes, dtypes, options) before any kernel runs, then runs and records. */
export function runRecurrent(
  cell: RecurrentCell,
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  options: GruOptions | undefined,
): RecurrentResult | RecurrentStates {
  const op = cell;
  const checked = checkRecurrentArguments(cell, x, kernel, recurrentKernel, bias, options);
  const { B, T, D, H, initialH, initialC, mask } = checked;
  const biasTensor = checked.bias;
  const inputs: Tensor[] = [x, kernel, recurrentKernel];
  const slots: Slots = { bias: -1, initialH: -1, initialC: -1 };
  if (biasTensor) slots.bias = inputs.push(biasTensor) - 1;
  if (initialH) slots.initialH = inputs.push(initialH) - 1;
  if (initialC) slots.initialC = inputs.push(initialC) - 1;
  const recording = checked.training && isGradEnabled() && inputs.some((t) => t.requiresGrad);

  const problem: RecurrentProblem = {
    cell,
    resetAfter: checked.resetAfter,
    batch: B,
    steps: T,
    inputSize: D,
    units: H,
    goBackwards: checked.goBackwards,
    activation: checked.activation,
    recurrentActivation: checked.recurrentActivation,
    x: x.data as FloatArray,
    kernel: kernel.data as FloatArray,
    recurrentKernel: recurrentKernel.data as FloatArray,
    bias: (biasTensor?.data as FloatArray) ?? null,
    initialH: (initialH?.data as FloatArray) ?? null,
    initialC: (initialC?.data as FloatArray) ?? null,
    mask: (mask?.data as FloatArray) ?? null,
    recurrentDropoutMask: (checked.dropoutMask?.data as FloatArray) ?? null,
  };
  // With buffers the outputs and the workspace are the ones kept from the last call (same bits:
  // the kernels write every element they return before reading it).
  const buffers = checked.buffers;
  const result = (name: string, shape: number[]) =>
    buffers ? buffers.tensor(op, name, x.dtype, shape) : output(x.dtype, shape, op);
  const sequence = checked.sequence ? result('sequence', [B, T, H]) : null;
  const h = result('h', [B, H]);
  const c = cell === 'lstm' ? result('c', [B, H]) : null;
  const workspaceSize = recording ? recurrentWorkspaceLayout(cell, B, T, D, H).size : 0;
  const workspace = !recording
    ? null
    : buffers
      ? buffers.array(op, 'workspace', x.dtype, workspaceSize)
      : (allocate(
          x.dtype,
          checkAllocation(op, 'x and units (the training workspace)', [workspaceSize], x.dtype),
        ) as FloatArray);
  currentBackend().recurrentForward({
    ...problem,
    sequence: (sequence?.data as FloatArray) ?? null,
    finalH: h.data as FloatArray,
    finalC: (c?.data as FloatArray) ?? null,
    workspace,
  });
  // The gradient function finds dSequence, dFinalH and dFinalC by these positions.
  const outputs = [...(sequence ? [sequence] : []), h, ...(c ? [c] : [])];
  if (recording)
    record(cell, inputs, outputs, {
      problem,
      workspace,
      slots,
      buffers,
      hasSequence: sequence !== null,
      generation: buffers?.refill() ?? 0,
    });
  return (c ? { sequence, h, c } : { sequence, h }) as RecurrentResult | RecurrentStates;
}
