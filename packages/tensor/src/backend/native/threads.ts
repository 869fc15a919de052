import { NativeArgumentError } from '../backend-errors.js';
import { requireBinding } from './native-runtime.js';

/**
 * Sets the threads recur's native kernels and matrix products use from now on (OpenBLAS itself
 * stays single-threaded: recur splits the work). The process-wide default comes from
 * `RECUR_NUM_THREADS` (default: all cores). Results do not depend on the thread count.
 *
 * @example
 * ```ts
 * import { setNumThreads } from '@recur/tensor';
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
  requireBinding().setNumThreads(threads);
}
