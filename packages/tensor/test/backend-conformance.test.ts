import { cast, type Tensor, tensor } from '@recur/tensor';
import { describeBackends, expectClose } from '@recur/testing';
import { expect, it } from 'vitest';
import { opCases } from './op-cases.js';

function outputs(result: Tensor | Tensor[] | Record<string, Tensor>): Tensor[] {
  return Array.isArray(result)
    ? result
    : 'data' in result
      ? [result as Tensor]
      : Object.values(result);
}

// Every op in float32 on the backend under test against the float64 TS reference on the same
// inputs, forward (rtol 1e-5) and gradients (rtol 1e-4).
describeBackends('float32 on the backend vs float64 reference', () => {
  for (const c of opCases) {
    it(c.label, () => {
      const reference64 = c.inputs().map((x) => (x.dtype === 'int32' ? x : cast(x, 'float64')));
      const inputs64 = reference64.map((x) => (x.dtype === 'int32' ? x : x.detach()));
      const inputs32 = reference64.map((x) => (x.dtype === 'int32' ? x : cast(x, 'float32')));
      for (const x of [...inputs64, ...inputs32]) if (x.dtype !== 'int32') x.requiresGrad = true;
      const out64 = outputs(c.run(...inputs64));
      const out32 = outputs(c.run(...inputs32));
      expect(out32.length).toBe(out64.length);
      out32.forEach((y, k) => {
        expect(y.dtype).toBe('float32');
        expectClose(y, out64[k], { rtol: 1e-5, atol: 1e-6, label: `${c.label} output ${k}` });
      });
      // Same scalar objective on both: every output element weighted by sin(position + 1).
      const weights = (y: Tensor) =>
        tensor(
          Float64Array.from({ length: y.size }, (_, i) => Math.sin(i + 1)),
          y.shape,
          { dtype: y.dtype },
        );
      const objective = (list: Tensor[]) =>
        list.map((y) => y.mul(weights(y)).sum()).reduce((a, b) => a.add(b));
      objective(out64).backward();
      objective(out32).backward();
      inputs32.forEach((x, i) => {
        if (x.dtype === 'int32') return;
        expect(x.grad, `${c.label}: gradient of input ${i}`).not.toBeNull();
        expectClose(x.grad!, inputs64[i].grad!, {
          rtol: 1e-4,
          atol: 1e-5,
          label: `${c.label} gradient ${i}`,
        });
      });
    });
  }
});
