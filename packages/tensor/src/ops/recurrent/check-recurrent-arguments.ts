import {
  RECURRENT_ACTIVATIONS,
  type RecurrentActivation,
  type RecurrentCell,
} from '../../backend/recurrent-kernels.js';
import { DTypeError, ShapeError, ValueError } from '../../errors.js';
import { formatShape, sameShape } from '../../shape.js';
import type { Tensor } from '../../tensor.js';
import { checkBoolean } from '../../validation/check-boolean.js';
import { checkOneOf } from '../../validation/check-one-of.js';
import { checkOptions } from '../../validation/check-options.js';
import { checkTensor } from '../../validation/check-tensor.js';
import { describeValue } from '../../validation/describe-value.js';
import { requireFloat } from '../operands.js';
import { binaryMask } from './binary-mask.js';
import { checkRecurrentWeights } from './check-recurrent-weights.js';
import { isRecurrentBuffers, type RecurrentBuffers } from './recurrent-buffers.js';
import { type GruOptions, RECURRENT_OPTION_KEYS } from './recurrent-options.js';

/** A recurrent call's arguments once checked: sizes, flags and the optional tensors (or null). */
export interface RecurrentArguments {
  B: number;
  T: number;
  D: number;
  H: number;
  resetAfter: boolean;
  goBackwards: boolean;
  training: boolean;
  /** Whether the output sequence is computed. */
  sequence: boolean;
  activation: RecurrentActivation;
  recurrentActivation: RecurrentActivation;
  bias: Tensor | null;
  initialH: Tensor | null;
  initialC: Tensor | null;
  dropoutMask: Tensor | null;
  /** The mask as 0/1 in x's dtype. */
  mask: Tensor | null;
  buffers: RecurrentBuffers | null;
}

/**
 * The one validation of the recurrent contract: shapes, dtypes and options, each failure a typed
 * error naming the argument, before any kernel (TS or native) touches memory.
 */
export function checkRecurrentArguments(
  cell: RecurrentCell,
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  options: GruOptions | undefined,
): RecurrentArguments {
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
    cell === 'gru' ? [...RECURRENT_OPTION_KEYS, 'resetAfter'] : RECURRENT_OPTION_KEYS,
    ['initialH', 'initialC', 'mask', 'recurrentDropoutMask', 'buffers'],
  );
  const resetAfter = cell === 'gru' ? checkBoolean(op, 'resetAfter', o.resetAfter, true) : false;
  const goBackwards = checkBoolean(op, 'goBackwards', o.goBackwards, false);
  const training = checkBoolean(op, 'training', o.training, true);
  const sequence = checkBoolean(op, 'sequence', o.sequence, true);
  const buffers = o.buffers ?? null;
  if (buffers !== null && !isRecurrentBuffers(buffers))
    throw new ValueError(op, 'buffers a RecurrentBuffers or null', describeValue(buffers));
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
  const H = checkRecurrentWeights(cell, D, resetAfter, kernel, recurrentKernel, biasTensor);
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

  return {
    B,
    T,
    D,
    H,
    resetAfter,
    goBackwards,
    training,
    sequence,
    activation,
    recurrentActivation,
    bias: biasTensor,
    initialH,
    initialC,
    dropoutMask,
    mask,
    buffers,
  };
}
