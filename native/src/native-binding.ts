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

/**
 * The options record of the fused recurrent kernels. Its fields (cell, sizes, activations and the
 * Float32Array buffers) are `@recur/tensor`'s `RecurrentForwardArguments` /
 * `RecurrentBackwardArguments`, the one definition of the recurrent contract; this package only
 * passes the record on, and the addon checks what memory safety needs.
 */
export type NativeRecurrentOptions = object;

/**
 * The training workspace layout as the addon computes it: `@recur/tensor`'s
 * `RecurrentWorkspaceLayout` (section offsets and total size, in elements) plus the cell's
 * `gateCount`. Only a test reads it, to check that the C++ and TS layouts agree, so this package
 * does not spell the sections out again.
 */
export type NativeWorkspaceLayout = Readonly<Record<string, number>>;

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
  recurrentForward(options: NativeRecurrentOptions): void;
  recurrentBackward(options: NativeRecurrentOptions): void;
  /** The C++ workspace layout (and gate count) for `{ cell, batch, steps, inputSize, units }`. */
  recurrentWorkspaceLayout(options: NativeRecurrentOptions): NativeWorkspaceLayout;
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
export const ADDON_ABI_VERSION = 7;
