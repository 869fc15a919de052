import { readBuildOutcome } from './build-outcome.js';
import { bestOpenblasCoreType, readCpuDescription } from './cpu-features.js';
import { type CoreTypeSource, loadAddon } from './load-addon.js';

/** What {@link describeAddon} reports: the addon, the OpenBLAS it links, and the CPU. */
export interface AddonReport {
  addon: {
    loaded: boolean;
    path: string;
    /** Why the addon did not load (`null` when it did). */
    error: string | null;
    /** The line the last build printed, when one ran here. */
    lastBuild: string | null;
  };
  openblas: {
    version: string | null;
    config: string | null;
    coreName: string | null;
    /** `environment`: OPENBLAS_CORETYPE was set by the user; `detected`: set by recur's loader. */
    coreTypeSource: CoreTypeSource;
    /** The core type this CPU supports best, for comparison with `coreName`. */
    bestCoreType: string | null;
  };
  cpu: {
    model: string;
    flags: string[];
    addonFeatures: string[];
    /** The vector path the native kernels dispatch to (capped by `setMaximumIsa`); null without the addon. */
    kernelIsa: string | null;
  };
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
 * Describes the addon (loaded or why not), OpenBLAS (version, config, core name and where it came
 * from) and the CPU. Loads the addon if it is not loaded yet; never throws.
 *
 * @example
 * ```ts
 * import { describeAddon } from '@recur/native';
 * const report = describeAddon();
 * console.log(report.addon.loaded, report.openblas.coreName, report.cpu.kernelIsa);
 * ```
 */
export function describeAddon(): AddonReport {
  const loaded = loadAddon();
  const addonInfo = loaded.binding?.info() ?? null;
  const cpu = readCpuDescription();
  const config = addonInfo?.config ?? null;
  return {
    addon: {
      loaded: loaded.binding !== null,
      path: loaded.path,
      error: loaded.reason,
      lastBuild: readBuildOutcome()?.line ?? null,
    },
    openblas: {
      version: config?.match(/OpenBLAS\s+([\d.]+)/)?.[1] ?? null,
      config,
      coreName: addonInfo?.coreName ?? null,
      coreTypeSource: loaded.coreTypeSource,
      bestCoreType: bestOpenblasCoreType(cpu.flags),
    },
    cpu: {
      model: cpu.model,
      flags: RELEVANT_FLAGS.filter((flag) => cpu.flags.includes(flag)),
      addonFeatures: addonInfo?.cpuFeatures ?? [],
      kernelIsa: addonInfo?.activationIsa ?? null,
    },
  };
}

/**
 * The rows of an {@link AddonReport} as `[label, text]` pairs, in the order `npx @recur/native info`
 * and `npx recurjs info` print them.
 *
 * @example
 * ```ts
 * import { addonReportRows, describeAddon } from '@recur/native';
 * for (const [label, text] of addonReportRows(describeAddon())) console.log(label.padEnd(10), text);
 * ```
 */
export function addonReportRows(report: AddonReport): Array<[string, string]> {
  const { addon, openblas, cpu } = report;
  const coreSource = {
    environment: 'OPENBLAS_CORETYPE from the environment',
    detected: 'chosen by recur from the CPU flags',
    openblas: "OpenBLAS' own detection",
  }[openblas.coreTypeSource];
  let core = openblas.coreName ? `${openblas.coreName} (${coreSource})` : 'n/a (addon not loaded)';
  if (openblas.coreName && openblas.bestCoreType && openblas.coreName !== openblas.bestCoreType) {
    core += `; this CPU supports ${openblas.bestCoreType}, which may be faster (OPENBLAS_CORETYPE=${openblas.bestCoreType})`;
  }
  return [
    ['addon', addon.loaded ? addon.path : `not loaded: ${addon.error}`],
    ['openblas', openblas.version ?? 'n/a'],
    ['core', core],
    ['config', openblas.config ?? 'n/a'],
    ['cpu', cpu.model],
    ['cpu flags', cpu.flags.join(' ') || 'n/a'],
    ['kernel isa', cpu.kernelIsa ?? 'n/a (addon not loaded)'],
  ];
}
