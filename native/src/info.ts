import { type BackendName, chooseBackend } from './choose-backend.js';
import { bestOpenblasCoreType, readCpuDescription } from './cpu-features.js';
import { type CoreTypeSource, type HeapReuse, loadNative } from './load-native.js';

/** Everything {@link info} reports. */
export interface NativeInfo {
  /** The backend recur uses in this process, and why. */
  backend: BackendName | 'unavailable';
  reason: string;
  addon: { loaded: boolean; path: string; error: string | null };
  openblas: {
    version: string | null;
    config: string | null;
    coreName: string | null;
    /** `environment`: OPENBLAS_CORETYPE was set by the user; `detected`: set by recur's loader. */
    coreTypeSource: CoreTypeSource;
    /** The core type this CPU supports best, for comparison with `coreName`. */
    bestCoreType: string | null;
  };
  threads: number;
  /** Whether large buffers are reused from glibc's heap (see `HeapReuse`; off: `RECUR_HEAP_REUSE=0`). */
  heapReuse: HeapReuse;
  cpu: {
    model: string;
    flags: string[];
    addonFeatures: string[];
    /** The vector path the native kernels dispatch to (see `setMaximumIsa`); null without the addon. */
    kernelIsa: string | null;
  };
  node: string;
  platform: string;
}

// The flags that matter for the kernels recur and OpenBLAS pick.
const RELEVANT_FLAGS = [
  'sse4_2',
  'avx',
  'avx2',
  'fma',
  'f16c',
  'avx512f',
  'avx512bw',
  'avx512dq',
  'avx512vl',
  'avx512cd',
  'avx512_bf16',
  'avx512_vnni',
  'amx_tile',
];

/**
 * Describes the backend in use, the addon, OpenBLAS (version, config, core name), threads, CPU
 * flags and Node version. Never throws: a missing addon is reported, not raised.
 *
 * @example
 * ```ts
 * import { info } from '@recur/native';
 * const report = info();
 * console.log(report.backend, report.openblas.coreName, report.threads);
 * ```
 */
export function info(): NativeInfo {
  const loaded = loadNative();
  let backend: NativeInfo['backend'];
  let reason: string;
  try {
    const choice = chooseBackend();
    backend = choice.name;
    reason = choice.reason;
  } catch (error) {
    backend = 'unavailable';
    reason =
      error instanceof Error ? error.message.split('\n').slice(0, 2).join(' ') : String(error);
  }
  const addonInfo = loaded.binding?.info() ?? null;
  const cpu = readCpuDescription();
  const config = addonInfo?.config ?? null;
  return {
    backend,
    reason,
    addon: { loaded: loaded.binding !== null, path: loaded.path, error: loaded.reason },
    openblas: {
      version: config?.match(/OpenBLAS\s+([\d.]+)/)?.[1] ?? null,
      config,
      coreName: addonInfo?.coreName ?? null,
      coreTypeSource: loaded.coreTypeSource,
      bestCoreType: bestOpenblasCoreType(cpu.flags),
    },
    threads: addonInfo?.numThreads ?? loaded.threads,
    heapReuse: loaded.heapReuse,
    cpu: {
      model: cpu.model,
      flags: RELEVANT_FLAGS.filter((flag) => cpu.flags.includes(flag)),
      addonFeatures: addonInfo?.cpuFeatures ?? [],
      kernelIsa: addonInfo?.activationIsa ?? null,
    },
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}
