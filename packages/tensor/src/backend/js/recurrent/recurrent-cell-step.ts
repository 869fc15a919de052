import type { FloatArray } from '../../../dtype.js';

/**
 * The views one forward step of a cell reads and writes, all for the step s being processed and
 * all `[B, ...]` row-major (time-major workspace blocks, see recurrentWorkspaceLayout).
 */
export interface ForwardStepViews {
  /** `[B, G*H]`: the input projection (input bias included) on entry, the activated gates on exit. */
  gates: FloatArray;
  /** `[B, H]` h_{t-1} as carried; the update `h = z * hPrev + ...` of a GRU reads this one. */
  hPrev: FloatArray;
  /** `[B, H]` h_{t-1} as the recurrent product sees it (times the recurrent dropout mask, if any). */
  hIn: FloatArray;
  hNext: FloatArray;
  /** LSTM: `[B, H]` c_{t-1} and c_t; empty for cells without a cell state. */
  cPrev: FloatArray;
  cNext: FloatArray;
  /** `[B, H]` this step's block of the workspace's `extra` section (empty if the cell has none). */
  saved: FloatArray;
}

/** The views of one backward step (same blocks as forward, plus the gradients). */
export interface BackwardStepViews {
  /** `[B, G*H]` activated gates saved by forward. */
  gates: FloatArray;
  hPrev: FloatArray;
  cPrev: FloatArray;
  saved: FloatArray;
  /** Per batch row: is step s valid (not masked)? Masked rows must leave zero gradients. */
  valid: boolean[];
  /** `[B, H]` dL/dh_t of the valid rows (zero on masked rows). */
  total: FloatArray;
  /** LSTM: `[B, H]` dL/dc_t on entry, dL/dc_{t-1} on exit (masked rows untouched). */
  dc: FloatArray;
  /** `[B, H]` dL/dh_{t-1} that bypasses the recurrent product; valid rows hold 0 on entry. */
  direct: FloatArray;
  /** Out `[B, G*H]`: gradients of the pre-activations fed by the input projection. */
  preActivations: FloatArray;
  /** Out `[B, G*H]`: those fed by the recurrent product; the same array unless biasRows is 2. */
  recurrentPreActivations: FloatArray;
  /** Out `[B, H]`: dL/dhIn, the gradient reaching h_{t-1} through the recurrent product. */
  recurrentGradient: FloatArray;
}

/** One cell's step functions, created once per kernel call (scratch buffers live in the closure). */
export interface RecurrentCellStep {
  forward(views: ForwardStepViews): void;
  backward(views: BackwardStepViews): void;
  /**
   * `dRecurrentKernel[H, G*H]` from all steps at once, when it is not simply
   * `hiddenInputs^T . dGr` (`hiddenInputs` `[T*B, H]` is h_{t-1} times the dropout mask).
   */
  recurrentKernelGradient?(
    hiddenInputs: FloatArray,
    dG: FloatArray,
    saved: FloatArray,
    out: FloatArray,
  ): void;
}
