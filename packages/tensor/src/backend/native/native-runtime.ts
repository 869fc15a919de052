import type { NativeBinding } from '@recur/native';
import { NativeUnavailableError } from '../backend-errors.js';
import { findNativePackage } from './find-native-package.js';
import { chooseHeapReuse, configuredThreads, type HeapReuse } from './native-settings.js';

/** The native addon as this process uses it, or why it is not available and what fixes it. */
export interface NativeRuntime {
  binding: NativeBinding | null;
  /** Whether the `@recur/native` package is installed (the addon may still be unbuilt). */
  installed: boolean;
  version: string | null;
  /** The addon file, when the package is installed. */
  path: string | null;
  /** Why there is no binding (`null` when there is one). */
  reason: string | null;
  /** The command that fixes it in an app (`null` when there is a binding). */
  fix: string | null;
  threads: number;
  heapReuse: HeapReuse;
}

let cached: NativeRuntime | undefined;

/**
 * Finds `@recur/native`, loads its addon and applies recur's settings (threads, heap reuse), once
 * per process. Never throws for a missing or broken addon (it reports the reason and the fix);
 * throws {@link RecurConfigurationError} for a setting it cannot use.
 */
export function nativeRuntime(): NativeRuntime {
  if (cached) return cached;
  const threads = configuredThreads();
  const heapChoice = chooseHeapReuse();
  const lookup = findNativePackage();
  if (!lookup.native) {
    cached = {
      binding: null,
      installed: lookup.version !== null,
      version: lookup.version,
      path: null,
      reason: lookup.reason,
      fix: lookup.fix,
      threads,
      heapReuse: 'unavailable',
    };
    return cached;
  }
  const addon = lookup.native.loadAddon();
  const common = { installed: true, version: lookup.version, path: addon.path, threads };
  if (!addon.binding) {
    const fix = 'npx @recur/native build (needs cmake, a C++ compiler and OpenBLAS)';
    cached = { ...common, binding: null, reason: addon.reason, fix, heapReuse: 'unavailable' };
    return cached;
  }
  addon.binding.setNumThreads(threads);
  const heapReuse =
    heapChoice !== 'recur'
      ? heapChoice
      : addon.binding.keepLargeAllocationsInHeap()
        ? 'applied'
        : 'unavailable';
  cached = { ...common, binding: addon.binding, reason: null, fix: null, heapReuse };
  return cached;
}

/** The loaded addon, or a {@link NativeUnavailableError} with the reason and the fix. */
export function requireBinding(): NativeBinding {
  const runtime = nativeRuntime();
  if (runtime.binding) return runtime.binding;
  throw new NativeUnavailableError(
    runtime.reason ?? 'the addon did not load',
    runtime.fix ?? undefined,
    runtime.installed,
  );
}
