import { describe, expect, it } from 'vitest';
import { nativeRuntime } from '../src/backend/native/native-runtime.js';
import {
  gateCount,
  RECURRENT_CELLS,
  recurrentWorkspaceLayout,
} from '../src/backend/recurrent-kernels.js';

const runNative = nativeRuntime().binding !== null || process.env.RECUR_BACKEND === 'native';

// The workspace one backend fills is read by the other's backward: the TS and C++ layouts (and
// gate counts) must agree to the element for every cell and many shapes.
describe.runIf(runNative)('recurrent contract: TS and C++ agree', () => {
  it('has the same workspace layout and gate count in both languages', () => {
    const binding = nativeRuntime().binding!;
    let compared = 0;
    for (const cell of RECURRENT_CELLS) {
      for (const [batch, steps, inputSize, units] of [
        [1, 1, 1, 1],
        [2, 3, 5, 7],
        [32, 100, 64, 256],
        [7, 1, 300, 1024],
      ]) {
        const native = binding.recurrentWorkspaceLayout({ cell, batch, steps, inputSize, units });
        expect(native).toEqual({
          ...recurrentWorkspaceLayout(cell, batch, steps, inputSize, units),
          gateCount: gateCount(cell),
        });
        compared++;
      }
    }
    expect(compared).toBe(12);
  });
});
