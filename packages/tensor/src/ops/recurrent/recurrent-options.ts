import type { RecurrentActivation } from '../../backend/recurrent-kernels.js';
import type { Tensor } from '../../tensor.js';
import type { RecurrentBuffers } from './recurrent-buffers.js';

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
  /**
   * Compute the output sequence (default true). `false` returns the final states only, with
   * `sequence: null`: no `[B, T, H]` output is written or kept (a layer without
   * `returnSequences` and without a mask needs only h).
   */
  sequence?: boolean;
  /**
   * Storage kept from call to call: the outputs, the workspace and the gradients are written
   * there instead of freshly allocated (see {@link RecurrentBuffers}; default none).
   */
  buffers?: RecurrentBuffers | null;
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

/** The outputs of a recurrent op run with `sequence: false`: the final states only. */
export interface RecurrentStates {
  sequence: null;
  h: Tensor;
  /** LSTM only. */
  c?: Tensor;
}

/** The keys the options of every cell accept (GRU adds `resetAfter`). */
export const RECURRENT_OPTION_KEYS = [
  'initialH',
  'initialC',
  'goBackwards',
  'mask',
  'activation',
  'recurrentActivation',
  'recurrentDropoutMask',
  'training',
  'buffers',
  'sequence',
];
