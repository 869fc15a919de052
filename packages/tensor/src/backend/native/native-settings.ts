import { availableParallelism } from 'node:os';
import { RecurConfigurationError } from '../backend-errors.js';

/**
 * Whether large buffers are reused from the heap (the addon's `keepLargeAllocationsInHeap`):
 * `applied` by recur; `environment`: the user's own glibc malloc settings are left alone;
 * `disabled` by `RECUR_HEAP_REUSE=0`; `unavailable`: no addon, or a C library other than glibc.
 */
export type HeapReuse = 'applied' | 'environment' | 'disabled' | 'unavailable';

/**
 * Threads for recur's native kernels and GEMMs, and for the TS backend's thread pool (its large
 * QR and normal draws): `RECUR_NUM_THREADS`, default all cores.
 *
 * @example
 * ```ts
 * import { configuredThreads } from '@recur/tensor';
 * console.log(configuredThreads()); // e.g. 2
 * ```
 */
export function configuredThreads(): number {
  const value = process.env.RECUR_NUM_THREADS;
  if (value === undefined || value === '') return availableParallelism();
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1 || threads > 1024) {
    throw new RecurConfigurationError('RECUR_NUM_THREADS', 'an integer in [1, 1024]', value);
  }
  return threads;
}

/**
 * Large tensors and kernel workspaces are freed and allocated again every training step; glibc
 * would hand each one back to the kernel and page-fault it in again (heap-policy.hpp in the
 * addon has the numbers). The user's own malloc settings, or `RECUR_HEAP_REUSE=0`, win.
 */
export function chooseHeapReuse(): HeapReuse | 'recur' {
  const setting = process.env.RECUR_HEAP_REUSE;
  if (setting !== undefined && setting !== '' && setting !== '0' && setting !== '1') {
    throw new RecurConfigurationError('RECUR_HEAP_REUSE', "'0' or '1'", setting);
  }
  if (setting === '0') return 'disabled';
  const own = ['MALLOC_MMAP_THRESHOLD_', 'MALLOC_TRIM_THRESHOLD_', 'MALLOC_TOP_PAD_'];
  if (
    own.some((name) => process.env[name]) ||
    (process.env.GLIBC_TUNABLES ?? '').includes('glibc.malloc.')
  )
    return 'environment';
  return 'recur';
}
