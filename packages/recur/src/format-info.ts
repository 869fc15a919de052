import { addonReportRows } from '@recur/native';
import type { NativeInfo } from './info.js';

/**
 * Renders {@link NativeInfo} as the aligned text `recurjs info` prints (internal to the CLI; users
 * run `npx recurjs info`, or `npx recurjs info --json` for the raw report).
 */
export function formatInfo(report: NativeInfo, version: string): string {
  const heap = {
    applied: 'large buffers reused from the heap (RECUR_HEAP_REUSE=0 turns it off)',
    environment: 'glibc malloc settings from the environment, left as they are',
    disabled: 'off (RECUR_HEAP_REUSE=0)',
    unavailable: 'n/a (addon not loaded, or not glibc)',
  }[report.heapReuse];
  const rows: Array<[string, string]> = [
    ['recurjs', version],
    ['backend', `${report.backend} (${report.reason})`],
    ...addonReportRows(report),
    ...(report.addon.fix ? ([['fix', report.addon.fix]] as Array<[string, string]>) : []),
    ['threads', `${report.threads} (RECUR_NUM_THREADS, default all cores)`],
    ['heap', heap],
    ['node', `${report.node} (${report.platform})`],
  ];
  return rows.map(([key, value]) => `${key.padEnd(10)} ${value}`).join('\n');
}
