import type { NativeInfo } from 'recurjs';
import { describe, expect, it } from 'vitest';
import { formatInfo } from '../src/format-info.js';

const report: NativeInfo = {
  backend: 'native',
  reason: 'addon loaded',
  addon: {
    installed: true,
    loaded: true,
    path: '/x/recur_native.node',
    error: null,
    fix: null,
    lastBuild: null,
  },
  openblas: {
    version: '0.3.21',
    config: 'OpenBLAS 0.3.21 DYNAMIC_ARCH Haswell',
    coreName: 'Haswell',
    coreTypeSource: 'environment',
    bestCoreType: 'Cooperlake',
  },
  threads: 2,
  heapReuse: 'applied',
  cpu: { model: 'Test CPU', flags: ['avx2', 'fma'], addonFeatures: ['avx2'], kernelIsa: 'avx2' },
  node: 'v20.0.0',
  platform: 'linux-x64',
};

describe('recurjs info', () => {
  it('prints backend, addon, OpenBLAS core and its source, threads, CPU and Node', () => {
    const text = formatInfo(report, '1.2.3');
    expect(text).toContain('backend    native (addon loaded)');
    expect(text).toContain('addon      /x/recur_native.node');
    expect(text).toContain(
      'core       Haswell (OPENBLAS_CORETYPE from the environment); this CPU supports Cooperlake',
    );
    expect(text).toContain('threads    2');
    expect(text).toContain('heap       large buffers reused from the heap');
    expect(text).toContain('kernel isa avx2');
    expect(text).toContain('node       v20.0.0 (linux-x64)');
  });

  it('explains a missing addon', () => {
    const text = formatInfo(
      {
        ...report,
        backend: 'js',
        addon: {
          installed: true,
          loaded: false,
          path: '/x',
          error: 'it was not built',
          fix: 'npx @recur/native build',
          lastBuild: null,
        },
        openblas: { ...report.openblas, coreName: null },
        heapReuse: 'unavailable',
        cpu: { ...report.cpu, kernelIsa: null },
      },
      '1.2.3',
    );
    expect(text).toContain('addon      not loaded: it was not built');
    expect(text).toContain('fix        npx @recur/native build');
    expect(text).toContain('core       n/a (addon not loaded)');
    expect(text).toContain('kernel isa n/a (addon not loaded)');
    expect(text).toContain('heap       n/a (addon not loaded, or not glibc)');
  });
});
