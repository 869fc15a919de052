/** What the addon reports about itself and the OpenBLAS it is linked to. */
export interface AddonInfo {
  coreName: string;
  config: string;
  /** Threads recur's kernels and GEMMs use (setNumThreads). */
  numThreads: number;
  /** OpenBLAS' own thread count: always 1, recur splits large GEMMs across its threads itself. */
  blasThreads: number;
  cpuFeatures: string[];
  abiVersion: number;
  /** The instruction set the kernels dispatch to (baseline, avx2, avx512), after any cap. */
  activationIsa: string;
}

/** Arguments of the fused recurrent kernels (see `@recur/tensor`'s recurrent-kernels.ts for the math). */
export interface NativeRecurrentProblem {
  cell: 'lstm' | 'gru' | 'simpleRnn';
  resetAfter: boolean;
  batch: number;
  steps: number;
  inputSize: number;
  units: number;
  goBackwards: boolean;
  activation: 'tanh' | 'sigmoid' | 'hardSigmoid' | 'relu' | 'linear';
  recurrentActivation: 'tanh' | 'sigmoid' | 'hardSigmoid' | 'relu' | 'linear';
  x: Float32Array;
  kernel: Float32Array;
  recurrentKernel: Float32Array;
  bias: Float32Array | null;
  initialH: Float32Array | null;
  initialC: Float32Array | null;
  mask: Float32Array | null;
  recurrentDropoutMask: Float32Array | null;
}

export interface NativeRecurrentForward extends NativeRecurrentProblem {
  sequence: Float32Array;
  finalH: Float32Array;
  finalC: Float32Array | null;
  workspace: Float32Array | null;
}

export interface NativeRecurrentBackward extends NativeRecurrentProblem {
  workspace: Float32Array;
  dSequence: Float32Array | null;
  dFinalH: Float32Array | null;
  dFinalC: Float32Array | null;
  dx: Float32Array | null;
  dKernel: Float32Array | null;
  dRecurrentKernel: Float32Array | null;
  dBias: Float32Array | null;
  dInitialH: Float32Array | null;
  dInitialC: Float32Array | null;
}

/**
 * The raw functions of the compiled addon. They check their arguments again, but call them
 * through `@recur/tensor`'s native backend, whose validated wrappers throw typed
 * errors before native code runs.
 */
export interface NativeBinding {
  sgemm(
    transposeA: boolean,
    transposeB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: Float32Array,
    b: Float32Array,
    beta: number,
    c: Float32Array,
  ): void;
  setNumThreads(threads: number): void;
  info(): AddonInfo;
  /** Caps the vector paths the kernels use (tests run every path on one machine). */
  setMaximumIsa(isa: 'baseline' | 'avx2' | 'avx512'): void;
  /** Serves large allocations from glibc's heap and keeps some freed memory there; false elsewhere. */
  keepLargeAllocationsInHeap(): boolean;
  recurrentForward(options: NativeRecurrentForward): void;
  recurrentBackward(options: NativeRecurrentBackward): void;
  /**
   * Reduced QR through LAPACK (`?geqrf`, `?larft`, `?larfb`; Q formed as `?orgqr` does, the block
   * updates on recur's threads) of the row-major `[m, n]` `a`, `m >= n >= 1`, into `q` `[m, n]`
   * and `r` `[n, n]` (row-major, zeros below r's diagonal; LAPACK's signs). The three arrays have
   * one element type and share no memory.
   */
  qr(m: number, n: number, a: Float32Array, q: Float32Array, r: Float32Array): void;
  qr(m: number, n: number, a: Float64Array, q: Float64Array, r: Float64Array): void;
}

/** Bumped whenever the addon's exported functions change shape; the loader refuses a mismatch. */
export const ADDON_ABI_VERSION = 6;
