import { NativeArgumentError, NativeUnavailableError } from './errors.js';
import { loadNative } from './load-native.js';

/**
 * Sets the threads OpenBLAS (and recur's native kernels) use from now on. The process-wide
 * default comes from `RECUR_NUM_THREADS` (default: all cores).
 *
 * @example
 * ```ts
 * import { setNumThreads } from '@recur/native';
 * setNumThreads(1); // measure single-threaded
 * ```
 */
export function setNumThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1 || threads > 1024) {
    throw new NativeArgumentError(
      'setNumThreads',
      'threads',
      'an integer in [1, 1024]',
      String(threads),
    );
  }
  const { binding, reason } = loadNative();
  if (!binding) throw new NativeUnavailableError(reason);
  binding.setNumThreads(threads);
}
