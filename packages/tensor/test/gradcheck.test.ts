import { listOps } from '@recur/tensor';
import { gradcheck } from '@recur/testing';
import { describe, expect, it } from 'vitest';
import { opCases } from './op-cases.js';
import { recurrentCases } from './recurrent-cases.js';

// Gradient checks run in float64, which every backend hands to the TS kernels.
describe('gradcheck (float64 central differences, TS kernels)', () => {
  for (const c of opCases) {
    it(c.label, () => {
      const result = gradcheck(c.run, c.inputs(), c.gradcheck);
      expect(result.checked).toBeGreaterThan(0);
      expect(result.worstRatio).toBeLessThanOrEqual(1);
    });
  }

  it('every differentiable op in the registry has a gradient check', () => {
    // The fused recurrent ops have their own gradcheck suite over the option product.
    const covered = new Set([
      ...opCases.flatMap((c) => c.ops),
      ...recurrentCases.map((c) => c.cell),
    ]);
    const missing = listOps()
      .filter((op) => op.differentiable && !covered.has(op.name))
      .map((op) => op.name);
    expect(missing).toEqual([]);
  });

  it('gradcheck itself fails on a wrong gradient', async () => {
    const { registerGradient, Tensor } = await import('@recur/tensor');
    const { record } = await import('../src/autograd/tape.js');
    const { rand } = await import('./op-cases.js');
    // A deliberately wrong op: y = 2x with a registered gradient of 3 dy.
    registerGradient('test.wrongDouble', ([dy]) => [dy!.mul(3)]);
    const wrongDouble = (x: InstanceType<typeof Tensor>) => {
      const out = new Tensor(
        x.data.map((v) => 2 * v),
        x.shape,
      );
      record('test.wrongDouble', [x], [out]);
      return out;
    };
    expect(() => gradcheck(wrongDouble, [rand([3])])).toThrow(/gradient entries differ/);
  });
});
