import { isGradEnabled } from '../../autograd/grad-mode.js';
import { registerGradient } from '../../autograd/gradient-registry.js';
import { record } from '../../autograd/tape.js';
import { currentBackend } from '../../backend/current-backend.js';
import {
  biasRows,
  gateCount,
  RECURRENT_ACTIVATIONS,
  RECURRENT_CELLS,
  type RecurrentActivation,
  type RecurrentCell,
  type RecurrentProblem,
  recurrentWorkspaceLayout,
} from '../../backend/recurrent-kernels.js';
import { allocate, type FloatArray } from '../../dtype.js';
import { DTypeError, ShapeError, ValueError } from '../../errors.js';
import { formatShape, sameShape } from '../../shape.js';
import { Tensor } from '../../tensor.js';
import { checkAllocation } from '../../validation/check-allocation.js';
import { checkBoolean } from '../../validation/check-boolean.js';
import { checkOneOf } from '../../validation/check-one-of.js';
import { checkOptions } from '../../validation/check-options.js';
import { checkTensor } from '../../validation/check-tensor.js';
import { cast } from '../cast.js';
import { output, requireFloat } from '../operands.js';

/** Options shared by {@link lstm}, {@link gru} and {@link simpleRnn}. */
export interface RecurrentOptions {
  /** `[B, H]` initial hidden state (default zeros). */
  initialH?: Tensor | null;
  /** `[B, H]` initial cell state (LSTM only; default zeros). */
  initialC?: Tensor | null;
  /** Process the sequence in reverse; `sequence` is returned in processing order, as Keras does. */
  goBackwards?: boolean;
  /** `[B, T]`, non-zero = valid step. A masked step carries the state and repeats the previous output. */
  mask?: Tensor | null;
  /** Default `tanh`. */
  activation?: RecurrentActivation;
  /** Default `sigmoid`. */
  recurrentActivation?: RecurrentActivation;
  /**
   * `[B, H]` recurrent-dropout keep-mask (already scaled by 1 / (1 - rate)), applied to h_{t-1}
   * where it enters the recurrent matmul, one mask for the whole sequence and every gate.
   */
  recurrentDropoutMask?: Tensor | null;
  /** Keep what backward needs (default: whenever gradients are being recorded). */
  training?: boolean;
}

/** GRU options: `resetAfter` (default true, Keras 3) selects the reset-after form and its `[2, 3H]` bias. */
export interface GruOptions extends RecurrentOptions {
  resetAfter?: boolean;
}

/** The outputs of a recurrent op: the output sequence `[B, T, H]` and the final states `[B, H]`. */
export interface RecurrentResult {
  sequence: Tensor;
  h: Tensor;
  /** LSTM only. */
  c?: Tensor;
}

const OPTION_KEYS = [
  'initialH',
  'initialC',
  'goBackwards',
  'mask',
  'activation',
  'recurrentActivation',
  'recurrentDropoutMask',
  'training',
];

interface Slots {
  bias: number;
  initialH: number;
  initialC: number;
}

/** Validates everything (shapes, dtypes, options) before any kernel runs, then runs and records. */
export function runRecurrent(
  cell: RecurrentCell,
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  options: GruOptions | undefined,
): RecurrentResult {
  const op = cell;
  checkTensor(op, 'x', x);
  requireFloat(op, x, 'x');
  if (x.rank !== 3)
    throw new ShapeError(op, 'x of rank 3 [batch, steps, features]', formatShape(x.shape));
  const [B, T, D] = x.shape;
  if (B === 0)
    throw new ShapeError(
      op,
      'a batch of at least one sequence',
      `x of shape ${formatShape(x.shape)}`,
    );
  if (T === 0)
    throw new ShapeError(op, 'at least one time step', `x of shape ${formatShape(x.shape)}`);
  // resetAfter exists only for GRU; on the others it is an unknown key, not silently ignored.
  const o = checkOptions(
    op,
    'options',
    options,
    cell === 'gru' ? [...OPTION_KEYS, 'resetAfter'] : OPTION_KEYS,
    ['initialH', 'initialC', 'mask', 'recurrentDropoutMask'],
  );
  const G = gateCount(cell);
  const resetAfter = cell === 'gru' ? checkBoolean(op, 'resetAfter', o.resetAfter, true) : false;
  const goBackwards = checkBoolean(op, 'goBackwards', o.goBackwards, false);
  const training = checkBoolean(op, 'training', o.training, true);
  // Only null or undefined mean "none": any other value must be a tensor of x's dtype.
  const tensorOf = (name: string, t: unknown, required: boolean, anyDType = false) => {
    if (!required && (t === null || t === undefined)) return null;
    const checked = checkTensor(op, name, t);
    if (!anyDType && checked.dtype !== x.dtype)
      throw new DTypeError(op, `${name} of dtype ${x.dtype} (like x)`, checked.dtype);
    return checked;
  };
  tensorOf('kernel', kernel, true);
  tensorOf('recurrentKernel', recurrentKernel, true);
  const biasTensor = tensorOf('bias', bias, false);
  const initialH = tensorOf('initialH', o.initialH, false);
  const initialC = tensorOf('initialC', o.initialC, false);
  const dropoutMask = tensorOf('recurrentDropoutMask', o.recurrentDropoutMask, false);
  const maskTensor = tensorOf('mask', o.mask, false, true);
  if (
    kernel.rank !== 2 ||
    kernel.shape[0] !== D ||
    kernel.shape[1] % G !== 0 ||
    kernel.shape[1] === 0
  ) {
    throw new ShapeError(
      op,
      `kernel of shape [${D}, ${G}*units] (input features ${D}, ${G} gates)`,
      formatShape(kernel.shape),
    );
  }
  const H = kernel.shape[1] / G;
  if (!sameShape(recurrentKernel.shape, [H, G * H])) {
    throw new ShapeError(
      op,
      `recurrentKernel of shape ${formatShape([H, G * H])}`,
      formatShape(recurrentKernel.shape),
    );
  }
  if (biasTensor) {
    const rows = biasRows(cell, resetAfter);
    const expected = rows === 1 ? [G * H] : [rows, G * H];
    if (!sameShape(biasTensor.shape, expected)) {
      throw new ShapeError(
        op,
        `bias of shape ${formatShape(expected)}${cell === 'gru' ? ` (resetAfter ${resetAfter})` : ''}`,
        formatShape(biasTensor.shape),
      );
    }
  }
  for (const [name, state] of [
    ['initialH', initialH],
    ['initialC', initialC],
  ] as const) {
    if (state && !sameShape(state.shape, [B, H]))
      throw new ShapeError(op, `${name} of shape ${formatShape([B, H])}`, formatShape(state.shape));
  }
  if (initialC && cell !== 'lstm')
    throw new ValueError(op, 'no initialC (only LSTM has a cell state)', 'an initialC tensor');
  if (dropoutMask && !sameShape(dropoutMask.shape, [B, H])) {
    throw new ShapeError(
      op,
      `recurrentDropoutMask of shape ${formatShape([B, H])}`,
      formatShape(dropoutMask.shape),
    );
  }
  let mask: Tensor | null = null;
  if (maskTensor) {
    if (!sameShape(maskTensor.shape, [B, T]))
      throw new ShapeError(
        op,
        `mask of shape ${formatShape([B, T])}`,
        formatShape(maskTensor.shape),
      );
    mask = binaryMask(maskTensor, x.dtype);
  }
  const activation = checkOneOf(op, 'activation', o.activation ?? 'tanh', RECURRENT_ACTIVATIONS);
  const recurrentActivation = checkOneOf(
    op,
    'recurrentActivation',
    o.recurrentActivation ?? 'sigmoid',
    RECURRENT_ACTIVATIONS,
  );

  const inputs: Tensor[] = [x, kernel, recurrentKernel];
  const slots: Slots = { bias: -1, initialH: -1, initialC: -1 };
  if (biasTensor) slots.bias = inputs.push(biasTensor) - 1;
  if (initialH) slots.initialH = inputs.push(initialH) - 1;
  if (initialC) slots.initialC = inputs.push(initialC) - 1;
  const recording = training && isGradEnabled() && inputs.some((t) => t.requiresGrad);

  const problem: RecurrentProblem = {
    cell,
    resetAfter,
    batch: B,
    steps: T,
    inputSize: D,
    units: H,
    goBackwards,
    activation,
    recurrentActivation,
    x: x.data as FloatArray,
    kernel: kernel.data as FloatArray,
    recurrentKernel: recurrentKernel.data as FloatArray,
    bias: (biasTensor?.data as FloatArray) ?? null,
    initialH: (initialH?.data as FloatArray) ?? null,
    initialC: (initialC?.data as FloatArray) ?? null,
    mask: (mask?.data as FloatArray) ?? null,
    recurrentDropoutMask: (dropoutMask?.data as FloatArray) ?? null,
  };
  const sequence = output(x.dtype, [B, T, H], op);
  const h = output(x.dtype, [B, H], op);
  const c = cell === 'lstm' ? output(x.dtype, [B, H], op) : null;
  const workspace = recording
    ? (allocate(
        x.dtype,
        checkAllocation(
          op,
          'x and units (the training workspace)',
          [recurrentWorkspaceLayout(cell, B, T, D, H).size],
          x.dtype,
        ),
      ) as FloatArray)
    : null;
  currentBackend().recurrentForward({
    ...problem,
    sequence: sequence.data as FloatArray,
    finalH: h.data as FloatArray,
    finalC: (c?.data as FloatArray) ?? null,
    workspace,
  });
  const outputs = c ? [sequence, h, c] : [sequence, h];
  if (recording) record(cell, inputs, outputs, { problem, workspace, slots });
  return c ? { sequence, h, c } : { sequence, h };
}

/** A 0/1 mask in the float dtype of x (any non-zero entry counts as valid). */
function binaryMask(mask: Tensor, dtype: Tensor['dtype']): Tensor {
  const converted = cast(mask, dtype);
  const data = allocate(dtype, converted.size);
  for (let i = 0; i < data.length; i++) data[i] = converted.data[i] !== 0 ? 1 : 0;
  return new Tensor(data, mask.shape);
}

for (const cell of RECURRENT_CELLS) {
  registerGradient(cell, (outputGradients, node) => {
    const { problem, workspace, slots } = node.saved as {
      problem: RecurrentProblem;
      workspace: FloatArray;
      slots: Slots;
    };
    const [dSequence, dFinalH, dFinalC] = outputGradients;
    const want = (index: number) =>
      index >= 0 && node.inputs[index].requiresGrad
        ? output(node.inputs[index].dtype, node.inputs[index].shape)
        : null;
    const grads = [want(0), want(1), want(2)];
    const dBias = want(slots.bias);
    const dInitialH = want(slots.initialH);
    const dInitialC = want(slots.initialC);
    currentBackend().recurrentBackward({
      ...problem,
      workspace,
      dSequence: (dSequence?.data as FloatArray) ?? null,
      dFinalH: (dFinalH?.data as FloatArray) ?? null,
      dFinalC: (dFinalC?.data as FloatArray) ?? null,
      dx: (grads[0]?.data as FloatArray) ?? null,
      dKernel: (grads[1]?.data as FloatArray) ?? null,
      dRecurrentKernel: (grads[2]?.data as FloatArray) ?? null,
      dBias: (dBias?.data as FloatArray) ?? null,
      dInitialH: (dInitialH?.data as FloatArray) ?? null,
      dInitialC: (dInitialC?.data as FloatArray) ?? null,
    });
    const result: (Tensor | null)[] = [...grads];
    if (slots.bias >= 0) result[slots.bias] = dBias;
    if (slots.initialH >= 0) result[slots.initialH] = dInitialH;
    if (slots.initialC >= 0) result[slots.initialC] = dInitialC;
    return result;
  });
}
