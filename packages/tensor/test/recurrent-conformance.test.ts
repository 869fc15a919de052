import { describeBackends, expectClose } from '@recur/testing';
import { expect, it } from 'vitest';
import {
  recurrentCases,
  recurrentInputs,
  runForward,
  runWithGradients,
} from './recurrent-cases.js';

// The backend under test in float32 against the float64 TS twin on the same inputs, over the whole
// option product: forward (training and inference paths) rtol 1e-5, gradients rtol 1e-4.
// Native inference projects each step's inputs in its time loop only for an input kernel of at
// most 32 Ki floats (recurrent-forward.cpp): a wide input keeps the whole-sequence projection.
// Its 600-term float32 sums take 5x the absolute tolerance.
const wideInputs = recurrentCases
  .filter((c) => c.label.endsWith(': defaults'))
  .map((c) => ({
    ...c,
    label: `${c.label}, D=600 H=64 (whole-sequence inference projection)`,
    D: 600,
    H: 64,
  }));

describeBackends('fused recurrent kernels: float32 vs float64 TS reference', () => {
  it('has a wide-input case for every cell', () =>
    expect(new Set(wideInputs.map((c) => c.cell))).toEqual(new Set(['lstm', 'gru', 'simpleRnn'])));
  for (const c of [...recurrentCases, ...wideInputs]) {
    it(c.label, () => {
      const atol = c.D > 100 ? 1e-5 : 2e-6;
      const given = recurrentInputs(c);
      const run = (dtype: 'float32' | 'float64') => runWithGradients(c, given, dtype);
      const reference = run('float64');
      const actual = run('float32');
      actual.outputs.forEach((y, k) => {
        expect(y.dtype).toBe('float32');
        expectClose(y, reference.outputs[k], {
          rtol: 1e-5,
          atol,
          label: `${c.label} output ${k}`,
        });
      });
      // Inference (nothing requires a gradient) takes its own path through the kernels.
      runForward(c, given, 'float32').forEach((y, k) => {
        expectClose(y, reference.outputs[k], {
          rtol: 1e-5,
          atol,
          label: `${c.label} inference output ${k}`,
        });
      });
      actual.grads.forEach((g, k) => {
        expectClose(g, reference.grads[k], {
          rtol: 1e-4,
          atol: 10 * atol,
          label: `${c.label} gradient ${k}`,
        });
      });
    });
  }
});
