import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { bestOpenblasCoreType, readCpuDescription } from './cpu-features.js';
import { readBuildOutcome } from './build-outcome.js';
import { ADDON_ABI_VERSION, type NativeBinding } from './native-binding.js';
import { packagePath } from './package-path.js';

/** Where the OpenBLAS core type in use came from. */
export type CoreTypeSource = 'environment' | 'detected' | 'openblas';

/** The outcome of loading the addon: the binding, or `null` and the reason. */
export type AddonLoadResult =
  | { binding: NativeBinding; path: string; reason: null; coreTypeSource: CoreTypeSource }
  | { binding: null; path: string; reason: string; coreTypeSource: CoreTypeSource };

/**
 * The addon file the loader uses: `RECUR_NATIVE_ADDON` when set (an explicit path, for
 * deployments that build elsewhere), otherwise the cmake-js output inside this package.
 *
 * @example
 * ```ts
 * import { addonPath } from '@recur/native';
 * console.log(addonPath()); // .../node_modules/@recur/native/build/Release/recur_native.node
 * ```
 */
export function addonPath(): string {
  const override = process.env.RECUR_NATIVE_ADDON;
  if (override) return resolve(override);
  return packagePath('build', 'Release', 'recur_native.node');
}

let coreTypeSource: CoreTypeSource | undefined;

/**
 * OpenBLAS reads `OPENBLAS_CORETYPE` once, when the library is loaded, so it must be set before
 * the addon (which links OpenBLAS) is loaded. The user's own setting always wins.
 */
function chooseOpenblasCoreType(): CoreTypeSource {
  if (coreTypeSource) return coreTypeSource;
  if (process.env.OPENBLAS_CORETYPE) coreTypeSource = 'environment';
  else {
    const coreType = bestOpenblasCoreType(readCpuDescription().flags);
    if (coreType !== null) process.env.OPENBLAS_CORETYPE = coreType;
    coreTypeSource = coreType === null ? 'openblas' : 'detected';
  }
  return coreTypeSource;
}

// A missing system library is the one load failure a user can fix without rebuilding.
function explainLoadFailure(path: string, message: string): string {
  const first = message.split('\n')[0];
  if (/libopenblas[^:]*: cannot open shared object file/.test(first)) {
    return `loading ${path} failed: the system OpenBLAS library it was built against is missing (${first}); install it (Debian/Ubuntu: sudo apt-get install -y libopenblas0), or rebuild the addon`;
  }
  return `loading ${path} failed: ${first}`;
}

const loaded = new Map<string, AddonLoadResult>();

/**
 * Loads the compiled addon (once per path and process) after choosing the OpenBLAS core type.
 * Never throws for a missing, stale or broken addon: it returns `binding: null` and the reason,
 * and `@recur/tensor` decides whether to fall back to its TypeScript backend.
 *
 * @example
 * ```ts
 * import { loadAddon } from '@recur/native';
 * const addon = loadAddon();
 * console.log(addon.binding ? `addon at ${addon.path}` : `no addon: ${addon.reason}`);
 * ```
 */
export function loadAddon(): AddonLoadResult {
  const path = addonPath();
  const known = loaded.get(path);
  if (known) return known;
  const source = chooseOpenblasCoreType();
  const failed = (reason: string): AddonLoadResult => ({
    binding: null,
    path,
    reason,
    coreTypeSource: source,
  });
  let result: AddonLoadResult;
  if (!existsSync(path)) {
    const outcome = process.env.RECUR_NATIVE_ADDON ? null : readBuildOutcome();
    result = failed(
      outcome && !outcome.built
        ? `the addon was not built (${outcome.reason})`
        : `the addon file ${path} does not exist (it was not built)`,
    );
  } else {
    try {
      const binding = createRequire(import.meta.url)(path) as NativeBinding;
      const abiVersion = binding.info().abiVersion;
      result =
        abiVersion === ADDON_ABI_VERSION
          ? { binding, path, reason: null, coreTypeSource: source }
          : failed(
              `the addon at ${path} is stale (ABI ${abiVersion}, this package needs ${ADDON_ABI_VERSION}); rebuild it`,
            );
    } catch (error) {
      result = failed(
        explainLoadFailure(path, error instanceof Error ? error.message : String(error)),
      );
    }
  }
  loaded.set(path, result);
  return result;
}
