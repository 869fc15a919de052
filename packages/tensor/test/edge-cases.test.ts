import * as t from '@recur/tensor';
import { describeBackends, expectClose } from '@recur/testing';
import { expect, it } from 'vitest';

const { tensor } = t;

describeBackends('edge cases', () => {
  it('size-0 dimensions flow through every op family', () => {
    const empty = t.zeros([0, 3]);
    expect(empty.add(t.ones([3])).shape).toEqual([0, 3]);
    expect(empty.tanh().shape).toEqual([0, 3]);
    expect(empty.matmul(t.ones([3, 2])).shape).toEqual([0, 2]);
    expect(
      t
        .ones([2, 0])
        .matmul(t.ones([0, 3]))
        .toArray(),
    ).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(empty.sum(0).toArray()).toEqual([0, 0, 0]);
    expect(empty.sum().item()).toBe(0);
    expect(Number.isNaN(empty.mean().item())).toBe(true);
    expect(empty.max(0).toArray()).toEqual([-Infinity, -Infinity, -Infinity]);
    expect(empty.transpose().shape).toEqual([3, 0]);
    expect(empty.softmax().shape).toEqual([0, 3]);
    expect(t.concat([empty, t.ones([1, 3])]).shape).toEqual([1, 3]);
    expect(empty.reshape([3, 0]).shape).toEqual([3, 0]);
    expect(t.ones([4, 3]).slice([2, 0], [0, 3]).shape).toEqual([0, 3]);
    expect(t.ones([3, 2]).gather(tensor([], [0], { dtype: 'int32' })).shape).toEqual([0, 2]);
  });

  it('scalars and axes of length 1', () => {
    const s = tensor(2);
    expect(s.add(3).item()).toBe(5);
    expect(s.mul(t.ones([2, 1])).shape).toEqual([2, 1]);
    expect(s.sum().shape).toEqual([]);
    expectClose(t.ones([1, 1, 3]).add(t.ones([2, 1, 1])), new Array(6).fill(2));
    expect(
      t
        .ones([1, 1])
        .matmul(t.ones([1, 1]))
        .item(),
    ).toBe(1);
    expect(t.ones([3, 1]).squeeze().shape).toEqual([3]);
    expect(t.ones([1]).softmax().item()).toBe(1);
  });

  it('outputs of transpose and slice are valid inputs (storage is always contiguous)', () => {
    const x = t.arange(12).reshape([3, 4]);
    const xt = x.transpose();
    expectClose(xt.add(1).slice([1, 0], [1, 3]), [[2, 6, 10]]);
    expectClose(xt.matmul(t.ones([3, 1])), [[12], [15], [18], [21]]);
    const part = x.slice([1, 1], [2, 2]);
    expectClose(part.matmul(part.transpose()), [
      [5 * 5 + 6 * 6, 5 * 9 + 6 * 10],
      [9 * 5 + 10 * 6, 9 * 9 + 10 * 10],
    ]);
    expectClose(part.sum(0), [14, 16]);
    const reshaped = xt.reshape([2, 6]);
    expectClose(reshaped.slice([1, 0], [1, 2]), [[2, 6]]);
  });

  it('no NaN for finite inputs of any magnitude', () => {
    const extremes = [-3.4e38, -1e30, -1000, -88.8, 88.8, 1000, 1e30, 3.4e38];
    const x = tensor(extremes);
    for (const op of [
      'sigmoid',
      'logSigmoid',
      'tanh',
      'softplus',
      'softsign',
      'hardSigmoid',
      'swish',
      'gelu',
      'elu',
      'selu',
      'relu',
      'leakyRelu',
      'exp',
    ] as const) {
      const y = x[op]();
      expect(y.data.some(Number.isNaN), `${op} gave NaN`).toBe(false);
    }
    const s = x.sigmoid().data;
    expect(s[0]).toBe(0);
    expect(s[7]).toBe(1);
    expect([...s].every((v, k) => k === 0 || v >= s[k - 1])).toBe(true);
    expect(x.softmax().data.some(Number.isNaN)).toBe(false);
    expect(x.logSoftmax().data.some(Number.isNaN)).toBe(false);
    expectClose(tensor([1000, 1000]).softmax(), [0.5, 0.5]);
    expectClose(tensor([0, 1000]).logSoftmax(), [-1000, 0]);
    expectClose(tensor([-1000, -1000]).logSoftmax(), [-Math.LN2, -Math.LN2], { rtol: 1e-6 });
    // Gradients stay finite too.
    const w = tensor(extremes, undefined, { requiresGrad: true });
    w.sigmoid().add(w.tanh()).add(w.softplus()).add(w.logSigmoid()).sum().backward();
    expect(w.grad!.data.some(Number.isNaN)).toBe(false);
  });

  it('int32 tensors support integer-safe ops and refuse float-only ones', () => {
    const i = tensor([3, -2], undefined, { dtype: 'int32' });
    expect(i.add(1).toArray()).toEqual([4, -1]);
    expect(i.abs().toArray()).toEqual([3, 2]);
    expect(i.mul(i).dtype).toBe('int32');
    expect(() => i.exp()).toThrow(t.DTypeError);
    expect(() => i.softmax()).toThrow(t.DTypeError);
  });
});
