import { backendInfo, configuredThreads, setBackend, setNumThreads } from '@recur/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type RecurrentCase,
  recurrentCases,
  recurrentInputs,
  runForward,
  runWithGradients,
} from './recurrent-cases.js';

// The native kernels split batch rows across threads, and large GEMMs into blocks that depend on
// the shape only, so every element is summed in the same order whatever the thread count: the
// same seed gives the same bits on 1, 2 or 3 threads.
const runNative = backendInfo().native.loaded && process.env.RECUR_BACKEND !== 'js';

// Big enough for every GEMM of the call to be cut into blocks (input projection, weight and input
// gradients), with 16 rows for the recurrence to split.
const blocked: RecurrentCase[] = recurrentCases
  .filter((c) => c.label.endsWith(': defaults'))
  .map((c) => ({ ...c, label: `${c.cell} B=16 T=40 D=32 H=64`, B: 16, T: 40, D: 32, H: 64 }));
const cases = [...recurrentCases.filter((c) => c.B >= 5), ...blocked];

describe.runIf(runNative)('native recurrent kernels give the same bits on any thread count', () => {
  afterAll(() => setNumThreads(configuredThreads()));
  it('covers the threaded-rows case of every cell and the blocked GEMMs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });
  for (const c of cases) {
    it(c.label, () => {
      setBackend('native');
      const given = recurrentInputs(c);
      const [one, ...others] = [1, 2, 3].map((threads) => {
        setNumThreads(threads);
        const { outputs, grads } = runWithGradients(c, given, 'float32');
        // The inference path too: each thread projects its own rows' inputs per step.
        const inference = runForward(c, given, 'float32');
        return [...outputs, ...grads, ...inference].map((t) => Array.from(t.data));
      });
      for (const other of others) expect(other).toEqual(one);
    });
  }
});
