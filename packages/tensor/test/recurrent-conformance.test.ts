import { describeBackends, expectClose } from '@recur/testing';
import { expect, it } from 'vitest';
import { recurrentCases, recurrentInputs, runWithGradients } from './recurrent-cases.js';

// The backend under test in float32 against the float64 TS twin on the same inputs, over the whole
// option product: forward rtol 1e-5, gradients rtol 1e-4.
describeBackends('fused recurrent kernels: float32 vs float64 TS reference', () => {
  for (const c of recurrentCases) {
    it(c.label, () => {
      const given = recurrentInputs(c);
      const run = (dtype: 'float32' | 'float64') => runWithGradients(c, given, dtype);
      const reference = run('float64');
      const actual = run('float32');
      actual.outputs.forEach((y, k) => {
        expect(y.dtype).toBe('float32');
        expectClose(y, reference.outputs[k], {
          rtol: 1e-5,
          atol: 2e-6,
          label: `${c.label} output ${k}`,
        });
      });
      actual.grads.forEach((g, k) => {
        expectClose(g, reference.grads[k], {
          rtol: 1e-4,
          atol: 2e-5,
          label: `${c.label} gradient ${k}`,
        });
      });
    });
  }
});
