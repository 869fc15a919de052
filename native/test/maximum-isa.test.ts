import { afterAll, describe, expect, it } from 'vitest';
import {
  info,
  type KernelIsa,
  loadNative,
  NativeArgumentError,
  setMaximumIsa,
} from '../src/index.js';

const runNative = loadNative().binding !== null || process.env.RECUR_BACKEND === 'native';

describe.runIf(runNative)('setMaximumIsa', () => {
  const best = info().cpu.kernelIsa as KernelIsa;
  afterAll(() => setMaximumIsa('avx512'));

  it('caps the kernel path, and a cap above the CPU leaves the best path', () => {
    expect(['baseline', 'avx2', 'avx512']).toContain(best);
    setMaximumIsa('baseline');
    expect(info().cpu.kernelIsa).toBe('baseline');
    setMaximumIsa('avx512');
    expect(info().cpu.kernelIsa).toBe(best);
  });

  it('rejects an unknown instruction set with a typed error naming the choices', () => {
    expect(() => setMaximumIsa('sse4' as KernelIsa)).toThrow(NativeArgumentError);
    expect(() => setMaximumIsa('sse4' as KernelIsa)).toThrow(
      /'baseline', 'avx2' or 'avx512'.*"sse4"/s,
    );
    // The addon checks too, for callers that reach the binding directly.
    const binding = loadNative().binding!;
    expect(() => binding.setMaximumIsa(7 as unknown as KernelIsa)).toThrow(/isa/);
  });
});
