import { cast, type Tensor, tensor } from '@recur/tensor';
import { describeBackends, expectClose } from '@recur/testing';
import { expect, it } from 'vitest';
import { recurrentCases, recurrentInputs, runCase } from './recurrent-cases.js';

// The backend under test in float32 against the float64 TS twin on the same inputs, over the whole
// option product: forward rtol 1e-5, gradients rtol 1e-4.
describeBackends('fused recurrent kernels: float32 vs float64 TS reference', () => {
  for (const c of recurrentCases) {
    it(c.label, () => {
      const { inputs, mask, dropout } = recurrentInputs(c);
      const run = (dtype: 'float32' | 'float64') => {
        const xs = inputs.map((t) => {
          const copy = cast(t, dtype).detach();
          copy.requiresGrad = true;
          return copy;
        });
        const out = runCase(c, xs, mask && cast(mask, dtype), dropout && cast(dropout, dtype));
        const outputs = [out.sequence, out.h, ...(out.c ? [out.c] : [])];
        // A fixed weighting of every output element, so every output's gradient path is exercised.
        let loss: Tensor | null = null;
        for (const y of outputs) {
          const weights = tensor(
            Float64Array.from({ length: y.size }, (_, i) => Math.sin(i + 1)),
            y.shape,
            { dtype },
          );
          const term = y.mul(weights).sum();
          loss = loss ? loss.add(term) : term;
        }
        loss!.backward();
        return { outputs, grads: xs.map((t) => t.grad!) };
      };
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
