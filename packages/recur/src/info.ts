import { type AddonReport, describeAddon } from '@recur/native';
import { type BackendInfo, backendInfo, type HeapReuse } from '@recur/tensor';

/** Everything {@link info} reports: the backend, the addon, OpenBLAS, threads, CPU and Node. */
export interface NativeInfo {
  /** The backend recur uses in this process, and why. */
  backend: BackendInfo['backend'];
  reason: string;
  addon: AddonReport['addon'] & {
    installed: boolean;
    /** What fixes a missing addon in an app (`null` when it is loaded). */
    fix: string | null;
  };
  openblas: AddonReport['openblas'];
  /** Threads for recur's native kernels and GEMMs (`RECUR_NUM_THREADS`, default all cores). */
  threads: number;
  /** Whether large buffers are reused from glibc's heap (off: `RECUR_HEAP_REUSE=0`). */
  heapReuse: HeapReuse;
  cpu: AddonReport['cpu'];
  node: string;
  platform: string;
}

/**
 * Describes the backend in use and why, the addon (loaded, or why not and the command that fixes
 * it), OpenBLAS (version, config, core name), threads, CPU flags and Node version: what
 * `npx recurjs info` prints. Never throws: a missing addon is reported, not raised.
 *
 * @example
 * ```ts
 * import { info } from 'recurjs';
 * const report = info();
 * console.log(report.backend, report.openblas.coreName, report.threads);
 * ```
 */
export function info(): NativeInfo {
  const backend = backendInfo();
  const addon = describeAddon();
  return {
    backend: backend.backend,
    reason: backend.reason,
    addon: { ...addon.addon, installed: backend.native.installed, fix: backend.native.fix },
    openblas: addon.openblas,
    threads: backend.threads,
    heapReuse: backend.heapReuse,
    cpu: addon.cpu,
    node: backend.node,
    platform: backend.platform,
  };
}
