import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bestOpenblasCoreType, readCpuDescription } from './cpu-features.js';
import { RecurConfigurationError } from './errors.js';
import { ADDON_ABI_VERSION, type NativeBinding } from './native-binding.js';

/** Where the OpenBLAS core type in use came from. */
export type CoreTypeSource = 'environment' | 'detected' | 'openblas';

/**
 * Whether large buffers are reused from the heap (see `keepLargeAllocationsInHeap` in the addon):
 * `applied` by recur's loader; `environment`: the user's own glibc malloc settings are left alone;
 * `disabled` by `RECUR_HEAP_REUSE=0`; `unavailable`: no addon, or a C library other than glibc.
 */
export type HeapReuse = 'applied' | 'environment' | 'disabled' | 'unavailable';

/** The outcome of loading the addon: the binding, or `null` and the reason. */
export type NativeLoadResult =
  | {
      binding: NativeBinding;
      path: string;
      reason: null;
      coreTypeSource: CoreTypeSource;
      threads: number;
      heapReuse: HeapReuse;
    }
  | {
      binding: null;
      path: string;
      reason: string;
      coreTypeSource: CoreTypeSource;
      threads: number;
      heapReuse: 'unavailable';
    };

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The addon file the loader uses: `RECUR_NATIVE_ADDON` when set (an explicit path, for
 * deployments that build elsewhere), otherwise the cmake-js output of this package.
 *
 * @example
 * ```ts
 * import { addonPath } from '@recur/native';
 * console.log(addonPath());
 * ```
 */
export function addonPath(): string {
  const override = process.env.RECUR_NATIVE_ADDON;
  if (override) return resolve(override);
  return join(packageRoot, 'build', 'Release', 'recur_native.node');
}

/**
 * Threads for recur's native kernels and GEMMs: `RECUR_NUM_THREADS`, default all cores.
 *
 * @example
 * ```ts
 * import { configuredThreads } from '@recur/native';
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
 * OpenBLAS reads `OPENBLAS_CORETYPE` once, when the library is loaded, so it must be set before
 * the addon (which links OpenBLAS) is loaded. The user's own setting always wins.
 */
function chooseOpenblasCoreType(): CoreTypeSource {
  if (process.env.OPENBLAS_CORETYPE) return 'environment';
  const coreType = bestOpenblasCoreType(readCpuDescription().flags);
  if (coreType === null) return 'openblas';
  process.env.OPENBLAS_CORETYPE = coreType;
  return 'detected';
}

/**
 * Large tensors and kernel workspaces are freed and allocated again every training step; glibc
 * would hand each one back to the kernel and page-fault it in again (heap-policy.hpp in the
 * addon has the numbers). The user's own malloc settings, or `RECUR_HEAP_REUSE=0`, win.
 */
function chooseHeapReuse(): HeapReuse | 'recur' {
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

let cached: NativeLoadResult | undefined;

/**
 * Loads the native addon once per process. Never throws for a missing or broken addon: it returns
 * `binding: null` and the reason, and the caller decides whether to fall back.
 *
 * @example
 * ```ts
 * import { loadNative } from '@recur/native';
 * const loaded = loadNative();
 * console.log(loaded.binding ? `addon at ${loaded.path}` : `no addon: ${loaded.reason}`);
 * ```
 */
export function loadNative(): NativeLoadResult {
  if (cached) return cached;
  const path = addonPath();
  const threads = configuredThreads();
  const coreTypeSource = chooseOpenblasCoreType();
  const heapChoice = chooseHeapReuse();
  const failed = (reason: string): NativeLoadResult => ({
    binding: null,
    path,
    reason,
    coreTypeSource,
    threads,
    heapReuse: 'unavailable',
  });
  if (!existsSync(path)) {
    cached = failed(`the addon file ${path} does not exist (it was not built)`);
    return cached;
  }
  try {
    const binding = createRequire(import.meta.url)(path) as NativeBinding;
    const abiVersion = binding.info().abiVersion;
    if (abiVersion !== ADDON_ABI_VERSION) {
      cached = failed(
        `the addon at ${path} is stale (ABI ${abiVersion}, this package needs ${ADDON_ABI_VERSION}); rebuild it`,
      );
      return cached;
    }
    binding.setNumThreads(threads);
    const heapReuse =
      heapChoice !== 'recur'
        ? heapChoice
        : binding.keepLargeAllocationsInHeap()
          ? 'applied'
          : 'unavailable';
    cached = { binding, path, reason: null, coreTypeSource, threads, heapReuse };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    cached = failed(`loading ${path} failed: ${message.split('\n')[0]}`);
  }
  return cached;
}
