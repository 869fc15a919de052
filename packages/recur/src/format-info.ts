import type { NativeInfo } from '@recur/native';

/**
 * Renders {@link NativeInfo} as the aligned text `recur info` prints (internal to the CLI; users
 * run `npx recur info`, or `npx recur info --json` for the raw report).
 */
export function formatInfo(report: NativeInfo, version: string): string {
  const { openblas } = report;
  const coreSource =
    openblas.coreTypeSource === 'environment'
      ? 'OPENBLAS_CORETYPE from the environment'
      : openblas.coreTypeSource === 'detected'
        ? 'chosen by recur from the CPU flags'
        : "OpenBLAS' own detection";
  let core = openblas.coreName ? `${openblas.coreName} (${coreSource})` : 'n/a (addon not loaded)';
  if (openblas.coreName && openblas.bestCoreType && openblas.coreName !== openblas.bestCoreType) {
    core += `; this CPU supports ${openblas.bestCoreType}, which may be faster (OPENBLAS_CORETYPE=${openblas.bestCoreType})`;
  }
  const heap = {
    applied: 'large buffers reused from the heap (RECUR_HEAP_REUSE=0 turns it off)',
    environment: 'glibc malloc settings from the environment, left as they are',
    disabled: 'off (RECUR_HEAP_REUSE=0)',
    unavailable: 'n/a (addon not loaded, or not glibc)',
  }[report.heapReuse];
  const rows: Array<[string, string]> = [
    ['recur', version],
    ['backend', `${report.backend} (${report.reason})`],
    ['addon', report.addon.loaded ? report.addon.path : `not loaded: ${report.addon.error}`],
    ['openblas', openblas.version ?? 'n/a'],
    ['core', core],
    ['config', openblas.config ?? 'n/a'],
    ['threads', `${report.threads} (RECUR_NUM_THREADS, default all cores)`],
    ['heap', heap],
    ['cpu', report.cpu.model],
    ['cpu flags', report.cpu.flags.join(' ') || 'n/a'],
    ['kernel isa', report.cpu.kernelIsa ?? 'n/a (addon not loaded)'],
    ['node', `${report.node} (${report.platform})`],
  ];
  return rows.map(([key, value]) => `${key.padEnd(10)} ${value}`).join('\n');
}
