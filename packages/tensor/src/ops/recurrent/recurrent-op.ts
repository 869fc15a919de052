import { isGradEnabled } from '../../autograd/grad-mode.js';
import { registerGradient } from '../../autograd/gradient-registry.js';
import { record } from '../../autograd/tape.js';
import { backendFor } from '../../backend/current-backend.js';
import { jsBackend } from '../../backend/js/js-backend.js';
import {
  gateCount,
  type RecurrentActivation,
  type RecurrentCell,
  type RecurrentProblem,
  recurrentWorkspaceLayout,
} from '../../backend/recurrent-kernels.js';
import { allocate, type FloatArray } from '../../dtype.js';
import { DTypeError, ShapeError, ValueError } from '../../errors.js';
import { formatShape, sameShape } from '../../shape.js';
import { Tensor } from '../../tensor.js';
import { cast } from '../cast.js';
import { output } from '../operands.js';

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

const ACTIVATIONS = new Set<RecurrentActivation>([
  'tanh',
  'sigmoid',
  'hardSigmoid',
  'relu',
  'linear',
]);

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
  options: GruOptions,
): RecurrentResult {
  const op = cell;
  if (!(x instanceof Tensor)) throw new DTypeError(op, 'x as a Tensor', typeof x);
  if (x.dtype === 'int32') throw new DTypeError(op, 'a float32 or float64 x', 'int32');
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
  const G = gateCount(cell);
  const resetAfter = cell === 'gru' ? (options.resetAfter ?? true) : false;
  const same = (name: string, t: Tensor | null | undefined) => {
    if (t && !(t instanceof Tensor)) throw new DTypeError(op, `${name} as a Tensor`, typeof t);
    if (t && t.dtype !== x.dtype)
      throw new DTypeError(op, `${name} of dtype ${x.dtype} (like x)`, t.dtype);
  };
  same('kernel', kernel);
  same('recurrentKernel', recurrentKernel);
  same('bias', bias);
  same('initialH', options.initialH);
  same('initialC', options.initialC);
  same('recurrentDropoutMask', options.recurrentDropoutMask);
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
  if (bias) {
    const expected = cell === 'gru' && resetAfter ? [2, 3 * H] : [G * H];
    if (!sameShape(bias.shape, expected)) {
      throw new ShapeError(
        op,
        `bias of shape ${formatShape(expected)}${cell === 'gru' ? ` (resetAfter ${resetAfter})` : ''}`,
        formatShape(bias.shape),
      );
    }
  }
  for (const [name, state] of [
    ['initialH', options.initialH],
    ['initialC', options.initialC],
  ] as const) {
    if (state && !sameShape(state.shape, [B, H]))
      throw new ShapeError(op, `${name} of shape ${formatShape([B, H])}`, formatShape(state.shape));
  }
  if (options.initialC && cell !== 'lstm')
    throw new ValueError(op, 'no initialC (only LSTM has a cell state)', 'an initialC tensor');
  if (options.recurrentDropoutMask && !sameShape(options.recurrentDropoutMask.shape, [B, H])) {
    throw new ShapeError(
      op,
      `recurrentDropoutMask of shape ${formatShape([B, H])}`,
      formatShape(options.recurrentDropoutMask.shape),
    );
  }
  let mask: Tensor | null = null;
  if (options.mask) {
    if (!(options.mask instanceof Tensor))
      throw new DTypeError(op, 'mask as a Tensor', typeof options.mask);
    if (!sameShape(options.mask.shape, [B, T]))
      throw new ShapeError(
        op,
        `mask of shape ${formatShape([B, T])}`,
        formatShape(options.mask.shape),
      );
    mask = binaryMask(options.mask, x.dtype);
  }
  const activation = options.activation ?? 'tanh';
  const recurrentActivation = options.recurrentActivation ?? 'sigmoid';
  for (const [name, value] of [
    ['activation', activation],
    ['recurrentActivation', recurrentActivation],
  ] as const) {
    if (!ACTIVATIONS.has(value))
      throw new ValueError(
        op,
        `${name} one of ${[...ACTIVATIONS].join(', ')}`,
        JSON.stringify(value),
      );
  }

  const inputs: Tensor[] = [x, kernel, recurrentKernel];
  const slots: Slots = { bias: -1, initialH: -1, initialC: -1 };
  if (bias) slots.bias = inputs.push(bias) - 1;
  if (options.initialH) slots.initialH = inputs.push(options.initialH) - 1;
  if (options.initialC) slots.initialC = inputs.push(options.initialC) - 1;
  const recording =
    (options.training ?? true) && isGradEnabled() && inputs.some((t) => t.requiresGrad);

  const problem: RecurrentProblem = {
    cell,
    resetAfter,
    batch: B,
    steps: T,
    inputSize: D,
    units: H,
    goBackwards: options.goBackwards ?? false,
    activation,
    recurrentActivation,
    x: x.data as FloatArray,
    kernel: kernel.data as FloatArray,
    recurrentKernel: recurrentKernel.data as FloatArray,
    bias: (bias?.data as FloatArray) ?? null,
    initialH: (options.initialH?.data as FloatArray) ?? null,
    initialC: (options.initialC?.data as FloatArray) ?? null,
    mask: (mask?.data as FloatArray) ?? null,
    recurrentDropoutMask: (options.recurrentDropoutMask?.data as FloatArray) ?? null,
  };
  const sequence = output(x.dtype, [B, T, H]);
  const h = output(x.dtype, [B, H]);
  const c = cell === 'lstm' ? output(x.dtype, [B, H]) : null;
  const workspace = recording
    ? (allocate(x.dtype, recurrentWorkspaceLayout(cell, B, T, D, H).size) as FloatArray)
    : null;
  const backend = backendFor(cell, x.dtype);
  (backend.recurrentForward ?? jsBackend.recurrentForward!)({
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

for (const cell of ['lstm', 'gru', 'simpleRnn'] as const) {
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
    const dtype = node.inputs[0].dtype;
    const backend = backendFor(cell, dtype);
    (backend.recurrentBackward ?? jsBackend.recurrentBackward!)({
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
