import type { FloatArray } from '../dtype.js';

/**
 * Fused whole-sequence recurrent kernels: one call runs every time step of a layer, forward or
 * backward through time. Both backends implement the same algorithm and the same workspace layout
 * (so a forward pass on one backend can be differentiated on the other):
 *
 * - input projection for all steps as one GEMM: `Xg = X[T*B, D] . kernel + inputBias`, time-major in
 *   processing order (step s reads time t = goBackwards ? T-1-s : s);
 * - per step one GEMM for the recurrent part (GRU reset-before needs a second, dependent one for the
 *   candidate), then one element-wise pass (activations, state update, masking);
 * - backward: per step (reverse) one element-wise pass producing the pre-activation gradients
 *   `dG_t` into one `[T*B, G*H]` buffer and `dh_{t-1} = dG_t . recurrentKernel^T`; after the loop
 *   the weight gradients as single GEMMs over all steps.
 *
 * Keras 3 layouts and gate orders: LSTM `i, f, c, o` (kernel `[D, 4H]`); GRU `z, r, h` (kernel
 * `[D, 3H]`, bias `[2, 3H]` = input and recurrent bias when `resetAfter`, else `[3H]`); SimpleRNN
 * `[D, H]`. GRU update `h = z * h_prev + (1 - z) * candidate`.
 *
 * Masks follow Keras: at a masked step the state is carried unchanged and the output repeats the
 * previous output (zeros before the first valid step). The recurrent-dropout mask is one fixed
 * `[B, H]` mask (already scaled by `1 / (1 - rate)`) applied to `h_{t-1}` where it enters the
 * recurrent GEMMs, shared by all gates (Keras' single-mask form); the carried state is not masked.
 */
export const RECURRENT_CELLS = ['lstm', 'gru', 'simpleRnn'] as const;
export type RecurrentCell = (typeof RECURRENT_CELLS)[number];

/**
 * Every activation the fused kernels implement (the native addon parses the same names). Each one's
 * derivative is a function of its output, which is why the workspace keeps activated values only.
 */
export const RECURRENT_ACTIVATIONS = ['tanh', 'sigmoid', 'hardSigmoid', 'relu', 'linear'] as const;
export type RecurrentActivation = (typeof RECURRENT_ACTIVATIONS)[number];

export interface RecurrentProblem<T extends FloatArray = FloatArray> {
  cell: RecurrentCell;
  /** GRU only: reset gate applied after the recurrent matmul (Keras 3 default). */
  resetAfter: boolean;
  batch: number;
  steps: number;
  inputSize: number;
  units: number;
  goBackwards: boolean;
  activation: RecurrentActivation;
  recurrentActivation: RecurrentActivation;
  /** `[B, T, D]`, batch-major as the layer receives it. */
  x: T;
  kernel: T;
  recurrentKernel: T;
  bias: T | null;
  initialH: T | null;
  initialC: T | null;
  /** `[B, T]`, 1 = valid, 0 = masked. */
  mask: T | null;
  /** `[B, H]`, scaled keep-mask applied to `h_{t-1}` in the recurrent GEMMs. */
  recurrentDropoutMask: T | null;
}

export interface RecurrentForwardArguments<T extends FloatArray = FloatArray>
  extends RecurrentProblem<T> {
  /** Output `[B, T, H]` in processing order, or null when it is not wanted. */
  sequence: T | null;
  finalH: T;
  finalC: T | null;
  /** What backward needs (see {@link recurrentWorkspaceLayout}), or null for inference. */
  workspace: T | null;
}

export interface RecurrentBackwardArguments<T extends FloatArray = FloatArray>
  extends RecurrentProblem<T> {
  workspace: T;
  dSequence: T | null;
  dFinalH: T | null;
  dFinalC: T | null;
  /** Gradient outputs, each overwritten; null where no gradient is wanted. */
  dx: T | null;
  dKernel: T | null;
  dRecurrentKernel: T | null;
  dBias: T | null;
  dInitialH: T | null;
  dInitialC: T | null;
}

export interface RecurrentKernels {
  recurrentForward(args: RecurrentForwardArguments): void;
  recurrentBackward(args: RecurrentBackwardArguments): void;
}

/**
 * Gates per cell: the kernel is `[D, gateCount * units]`.
 *
 * @example
 * ```ts
 * import { gateCount } from '@recur/tensor';
 * gateCount('lstm'); // 4
 * ```
 */
export function gateCount(cell: RecurrentCell): number {
  return cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
}

/** Offsets (in elements) of the sections of the training workspace, and its total size. */
export interface RecurrentWorkspaceLayout {
  /** `[T*B, D]` inputs, time-major in processing order. */
  inputs: number;
  /** `[T*B, G*H]` activated gates (LSTM i,f,g,o; GRU z,r,candidate; SimpleRNN h). */
  gates: number;
  /** `[(T+1)*B, H]` hidden states in processing order; block 0 is the initial state. */
  states: number;
  /** LSTM: `[(T+1)*B, H]` cell states. */
  cells: number;
  /** LSTM: `[T*B, H]` activation(c_t). GRU reset-after: `[T*B, H]` recurrent candidate part
   *  (h_{t-1} U_h + b_rh). GRU reset-before: `[T*B, H]` r * h_{t-1} (dropout-masked). */
  extra: number;
  size: number;
}

/**
 * The training workspace layout shared by every backend. The addon computes the same layout in C++
 * (native/cpp/kernels/recurrent-layout.cpp); test/recurrent-layout.test.ts compares the two.
 *
 * @example
 * ```ts
 * import { recurrentWorkspaceLayout } from '@recur/tensor';
 * recurrentWorkspaceLayout('lstm', 32, 100, 64, 256).size;
 * ```
 */
export function recurrentWorkspaceLayout(
  cell: RecurrentCell,
  batch: number,
  steps: number,
  inputSize: number,
  units: number,
): RecurrentWorkspaceLayout {
  const rows = steps * batch;
  const G = gateCount(cell);
  const inputs = 0;
  const gates = inputs + rows * inputSize;
  const states = gates + rows * G * units;
  const cells = states + (steps + 1) * batch * units;
  const cellSize = cell === 'lstm' ? (steps + 1) * batch * units : 0;
  const extra = cells + cellSize;
  const extraSize = cell === 'simpleRnn' ? 0 : rows * units;
  return { inputs, gates, states, cells, extra, size: extra + extraSize };
}
