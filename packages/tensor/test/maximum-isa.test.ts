import { afterAll, describe, expect, it } from 'vitest';
import { nativeRuntime } from '../src/backend/native/native-runtime.js';
import { backendInfo, type KernelIsa, NativeArgumentError, setMaximumIsa } from '../src/index.js';

const runNative = nativeRuntime().binding !== null || process.env.RECUR_BACKEND === 'native';
const kernelIsa = () => backendInfo().native.kernelIsa;

describe.runIf(runNative)('setMaximumIsa', () => {
  const best = kernelIsa() as KernelIsa;
  afterAll(() => setMaximumIsa('avx512'));

  it('caps the kernel path, and a cap above the CPU leaves the best path', () => {
    expect(['baseline', 'avx2', 'avx512']).toContain(best);
    setMaximumIsa('baseline');
    expect(kernelIsa()).toBe('baseline');
    setMaximumIsa('avx512');
    expect(kernelIsa()).toBe(best);
  });

  it('rejects an unknown instruction set with a typed error naming the choices', () => {
    expect(() => setMaximumIsa('sse4' as KernelIsa)).toThrow(NativeArgumentError);
    expect(() => setMaximumIsa('sse4' as KernelIsa)).toThrow(
      /'baseline', 'avx2' or 'avx512'.*"sse4"/s,
    );
    // The addon checks too, for callers that reach the binding directly.
    const binding = nativeRuntime().binding!;
    expect(() => binding.setMaximumIsa(7 as unknown as KernelIsa)).toThrow(/isa/);
  });
});
