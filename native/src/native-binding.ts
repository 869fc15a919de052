/** What the addon reports about itself and the OpenBLAS it is linked to. */
export interface AddonInfo {
  coreName: string;
  config: string;
  numThreads: number;
  cpuFeatures: string[];
  abiVersion: number;
}

/**
 * The raw functions of the compiled addon. They check their arguments again, but call them
 * through the validated wrappers of this package (for example {@link sgemm}), which throw typed
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
}

/** Bumped whenever the addon's exported functions change shape; the loader refuses a mismatch. */
export const ADDON_ABI_VERSION = 1;
