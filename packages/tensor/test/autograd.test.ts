import * as t from '@recur/tensor';
import { describeBackends, expectClose } from '@recur/testing';
import { expect, it } from 'vitest';

const { tensor } = t;

describeBackends('autograd semantics', () => {
  it('sums gradients from every use of a tensor', () => {
    const x = tensor([2, 3], undefined, { requiresGrad: true });
    x.mul(x).add(x.mul(3)).sum().backward(); // d/dx (x^2 + 3x) = 2x + 3
    expectClose(x.grad!, [7, 9]);
  });

  it('accumulates .grad across backward calls until zeroGrad', () => {
    const x = tensor([1, 2], undefined, { requiresGrad: true });
    x.mul(2).sum().backward();
    x.mul(2).sum().backward();
    expectClose(x.grad!, [4, 4]);
    x.zeroGrad();
    expect(x.grad).toBeNull();
  });

  it('accepts a seed gradient for a non-scalar output', () => {
    const x = tensor([1, 2, 3], undefined, { requiresGrad: true });
    x.square().backward(tensor([1, 0, 2]));
    expectClose(x.grad!, [2, 0, 12]);
  });

  it('noGrad and detach stop recording', () => {
    const x = tensor([1, 2], undefined, { requiresGrad: true });
    expect(t.noGrad(() => x.mul(2)).requiresGrad).toBe(false);
    expect(t.isGradEnabled()).toBe(true);
    const y = x.detach().mul(x);
    y.sum().backward();
    expectClose(x.grad!, [1, 2]);
  });

  it('only leaves that require grad receive .grad', () => {
    const w = tensor([[1, 2]], undefined, { requiresGrad: true });
    const c = tensor([[3], [4]]);
    const hidden = w.matmul(c);
    hidden.tanh().sum().backward();
    expect(c.grad).toBeNull();
    expect(hidden.grad).toBeNull();
    expect(w.grad!.shape).toEqual([1, 2]);
  });

  it('broadcast gradients are summed back to each input shape', () => {
    const bias = tensor([0.5, -0.5], undefined, { requiresGrad: true });
    const x = t.ones([3, 2]);
    x.add(bias).sum().backward();
    expectClose(bias.grad!, [3, 3]);
  });

  it('multi-output ops deliver gradients to the outputs that were used', () => {
    const x = t.arange(6, undefined, undefined, { dtype: 'float32' });
    x.requiresGrad = true;
    const [a, , c] = x.split(3);
    a.mul(2).add(c.mul(3)).sum().backward();
    expectClose(x.grad!, [2, 2, 0, 0, 3, 3]);
  });

  it('handles deep chains without recursion limits', () => {
    const x = tensor([0.5], undefined, { requiresGrad: true });
    let y = x;
    for (let i = 0; i < 20000; i++) y = y.mul(1);
    y.sum().backward();
    expectClose(x.grad!, [1]);
  });
});
