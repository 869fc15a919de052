import { type BackendName, decideBackend } from './choose-backend.js';
import { findNativePackage } from './native/find-native-package.js';
import { nativeRuntime } from './native/native-runtime.js';
import type { HeapReuse } from './native/native-settings.js';

/** What {@link backendInfo} reports. */
export interface BackendInfo {
  /** The backend recur uses in this process (`unavailable`: the one requested cannot run). */
  backend: BackendName | 'unavailable';
  /** Why, or what went wrong. */
  reason: string;
  native: {
    /** Whether `@recur/native` is installed. */
    installed: boolean;
    version: string | null;
    /** Whether its addon is built and loads. */
    loaded: boolean;
    /** The addon file (when the package is installed). */
    path: string | null;
    /** Why the addon is not loaded (`null` when it is). */
    error: string | null;
    /** What fixes that in an app (`null` when nothing needs fixing). */
    fix: string | null;
    /** The vector path the kernels dispatch to (see `setMaximumIsa`), null without the addon. */
    kernelIsa: string | null;
  };
  /** Threads for the native kernels (`RECUR_NUM_THREADS`, default all cores). */
  threads: number;
  /** Whether large buffers are reused from glibc's heap (off: `RECUR_HEAP_REUSE=0`). */
  heapReuse: HeapReuse;
  node: string;
  platform: string;
}

/**
 * Describes the backend in use and why, the native addon (installed, loaded, or why not and what
 * fixes it), threads and heap reuse. Never throws for a missing addon or a bad setting, and
 * prints no notice: it reports them. `npx recurjs info` prints this together with the OpenBLAS and CPU details.
 *
 * @example
 * ```ts
 * import { backendInfo } from '@recur/tensor';
 * const report = backendInfo();
 * console.log(report.backend, report.reason, report.native.fix ?? 'nothing to fix');
 * ```
 */
export function backendInfo(): BackendInfo {
  let backend: BackendInfo['backend'];
  let reason: string;
  try {
    const choice = decideBackend();
    backend = choice.name;
    reason = choice.reason;
  } catch (error) {
    backend = 'unavailable';
    reason =
      error instanceof Error ? error.message.split('\n').slice(0, 2).join(' ') : String(error);
  }
  let native: BackendInfo['native'];
  let threads = 0;
  let heapReuse: HeapReuse = 'unavailable';
  try {
    const runtime = nativeRuntime();
    native = {
      installed: runtime.installed,
      version: runtime.version,
      loaded: runtime.binding !== null,
      path: runtime.path,
      error: runtime.reason,
      fix: runtime.fix,
      kernelIsa: runtime.binding?.info().activationIsa ?? null,
    };
    threads = runtime.binding?.info().numThreads ?? runtime.threads;
    heapReuse = runtime.heapReuse;
  } catch (error) {
    // A setting the runtime cannot use (RECUR_NUM_THREADS=two): already the reason above.
    const message = error instanceof Error ? error.message : String(error);
    const { version } = findNativePackage();
    native = {
      installed: version !== null,
      version,
      loaded: false,
      path: null,
      error: message,
      fix: null,
      kernelIsa: null,
    };
  }
  return {
    backend,
    reason,
    native,
    threads,
    heapReuse,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}
