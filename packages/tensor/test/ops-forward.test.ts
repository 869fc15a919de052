import * as t from '@recur/tensor';
import { describeBackends, expectClose } from '@recur/testing';
import { expect, it } from 'vitest';

const { tensor } = t;
const int = (values: number[] | number[][], shape?: number[]) =>
  tensor(values, shape, { dtype: 'int32' });

// Forward values computed by hand, on the backend under test.
describeBackends('ops: forward values', () => {
  it('arithmetic with broadcasting', () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expectClose(a.add(tensor([10, 20, 30])), [
      [11, 22, 33],
      [14, 25, 36],
    ]);
    expectClose(a.sub(tensor([[1], [2]])), [
      [0, 1, 2],
      [2, 3, 4],
    ]);
    expectClose(a.mul(2), [
      [2, 4, 6],
      [8, 10, 12],
    ]);
    expectClose(a.div(tensor([1, 2, 4])), [
      [1, 1, 0.75],
      [4, 2.5, 1.5],
    ]);
    expectClose(tensor([2, 3]).pow(tensor([3, 0.5])), [8, Math.sqrt(3)]);
    expectClose(t.maximum(tensor([1, 5, -2]), 0), [1, 5, 0]);
    expectClose(t.minimum(tensor([1, 5, -2]), 0), [0, 0, -2]);
    expectClose(a.neg(), [
      [-1, -2, -3],
      [-4, -5, -6],
    ]);
    expect(t.add(tensor([[1], [2]]), tensor([10, 20])).shape).toEqual([2, 2]);
  });

  it('comparisons give 1/0 in the operand dtype', () => {
    const x = tensor([1, 2, 3]);
    expect(x.equal(2).toArray()).toEqual([0, 1, 0]);
    expect(x.notEqual(2).toArray()).toEqual([1, 0, 1]);
    expect(x.less(2).toArray()).toEqual([1, 0, 0]);
    expect(x.lessEqual(2).toArray()).toEqual([1, 1, 0]);
    expect(x.greater(2).toArray()).toEqual([0, 0, 1]);
    expect(x.greaterEqual(2).toArray()).toEqual([0, 1, 1]);
    expect(int([1, 2]).equal(int([1, 3])).dtype).toBe('int32');
  });

  it('element-wise math', () => {
    expectClose(tensor([0, 1]).exp(), [1, Math.E]);
    expectClose(tensor([1, Math.E]).log(), [0, 1]);
    expectClose(tensor([4, 9]).sqrt(), [2, 3]);
    expectClose(tensor([-3, 2]).abs(), [3, 2]);
    expectClose(tensor([-3, 2]).square(), [9, 4]);
    expectClose(tensor([-2, 0, 5]).sign(), [-1, 0, 1]);
    expectClose(tensor([-5, 0.5, 5]).clip(0, 1), [0, 0.5, 1]);
  });

  it('activations match their Keras 3 definitions', () => {
    const x = tensor([-2, -0.5, 0, 0.5, 2]);
    const values = [-2, -0.5, 0, 0.5, 2];
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    expectClose(x.sigmoid(), values.map(sig), { rtol: 1e-6 });
    expectClose(
      x.logSigmoid(),
      values.map((v) => Math.log(sig(v))),
      { rtol: 1e-6 },
    );
    expectClose(x.tanh(), values.map(Math.tanh), { rtol: 1e-6 });
    expectClose(x.relu(), [0, 0, 0, 0.5, 2]);
    expectClose(
      x.elu(),
      values.map((v) => (v > 0 ? v : Math.exp(v) - 1)),
      { rtol: 1e-6 },
    );
    expectClose(
      x.selu(),
      values.map((v) => 1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * (Math.exp(v) - 1))),
      { rtol: 1e-6 },
    );
    // Exact GELU reference values x * Phi(x).
    expectClose(
      x.gelu(),
      [-0.04550026389635842, -0.15426876986064453, 0, 0.34573123013935547, 1.9544997361036416],
      { rtol: 1e-6, atol: 1e-7 },
    );
    expectClose(
      x.swish(),
      values.map((v) => v * sig(v)),
      { rtol: 1e-6 },
    );
    expectClose(
      x.softplus(),
      values.map((v) => Math.log(1 + Math.exp(v))),
      { rtol: 1e-6 },
    );
    expectClose(
      x.softsign(),
      values.map((v) => v / (1 + Math.abs(v))),
      { rtol: 1e-6 },
    );
    // Keras 3: relu6(x + 3) / 6, not the Keras 2 slope of 0.2.
    expectClose(
      x.hardSigmoid(),
      values.map((v) => Math.min(Math.max(v / 6 + 0.5, 0), 1)),
      { rtol: 1e-6 },
    );
    expectClose(tensor([-4, 4]).hardSigmoid(), [0, 1]);
    expectClose(x.leakyRelu(), [-0.4, -0.1, 0, 0.5, 2], { rtol: 1e-6 });
    expectClose(x.linear(), values);
  });

  it('matmul in 2-D, with leading axes, batched and transposed', () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    const b = tensor([
      [5, 6],
      [7, 8],
    ]);
    expectClose(a.matmul(b), [
      [19, 22],
      [43, 50],
    ]);
    expectClose(a.matmul(b, { transposeA: true }), [
      [26, 30],
      [38, 44],
    ]);
    expectClose(a.matmul(b, { transposeB: true }), [
      [17, 23],
      [39, 53],
    ]);
    expectClose(t.stack([a, a]).matmul(b), [
      [
        [19, 22],
        [43, 50],
      ],
      [
        [19, 22],
        [43, 50],
      ],
    ]);
    expectClose(t.stack([a, b]).matmul(t.stack([b, a])), [
      [
        [19, 22],
        [43, 50],
      ],
      [
        [23, 34],
        [31, 46],
      ],
    ]);
  });

  it('layout ops', () => {
    const x = t.arange(6).reshape([2, 3]);
    expectClose(x.transpose(), [
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expectClose(t.arange(24).reshape([2, 3, 4]).transpose([2, 0, 1]).slice([1, 1, 2], [1, 1, 1]), [
      [[21]],
    ]);
    expectClose(x.slice([0, 1], [2, 2]), [
      [1, 2],
      [4, 5],
    ]);
    expectClose(t.concat([x, x.slice([0, 0], [2, 1])], 1), [
      [0, 1, 2, 0],
      [3, 4, 5, 3],
    ]);
    expectClose(t.stack([tensor([1, 2]), tensor([3, 4])], 1), [
      [1, 3],
      [2, 4],
    ]);
    const [p, q] = x.split([1, 2], 1);
    expectClose(p, [[0], [3]]);
    expectClose(q, [
      [1, 2],
      [4, 5],
    ]);
    expectClose(x.gather(int([1, 1, 0])), [
      [3, 4, 5],
      [3, 4, 5],
      [0, 1, 2],
    ]);
    expectClose(tensor([1, 2]).broadcastTo([2, 2]), [
      [1, 2],
      [1, 2],
    ]);
    expect(x.expandDims(0).shape).toEqual([1, 2, 3]);
    expect(x.expandDims(-1).shape).toEqual([2, 3, 1]);
    expect(x.reshape([3, -1]).shape).toEqual([3, 2]);
    expectClose(t.arange(6).reshape([1, 3, 2]).reverse(1), [
      [
        [4, 5],
        [2, 3],
        [0, 1],
      ],
    ]);
  });

  it('reductions', () => {
    const x = tensor([
      [1, 5, 3],
      [7, 2, 9],
    ]);
    expect(x.sum().item()).toBe(27);
    expectClose(x.sum(0), [8, 7, 12]);
    expectClose(x.sum(1, true), [[9], [18]]);
    expectClose(x.mean(), [4.5]);
    expectClose(x.mean(0), [4, 3.5, 6]);
    expectClose(x.max(1), [5, 9]);
    expectClose(x.min(0), [1, 2, 3]);
    expect(x.max().item()).toBe(9);
    expect(x.argMax().toArray()).toEqual([1, 2]);
    expect(x.argMax(0).toArray()).toEqual([1, 0, 1]);
    expectClose(t.arange(24).reshape([2, 3, 4]).sum([0, 2]), [60, 92, 124]);
  });

  it('softmax and logSoftmax along any axis', () => {
    const x = tensor([
      [1, 2, 3],
      [1, 1, 1],
    ]);
    const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
    const z = e[0] + e[1] + e[2];
    expectClose(
      x.softmax(),
      [
        [e[0] / z, e[1] / z, e[2] / z],
        [1 / 3, 1 / 3, 1 / 3],
      ],
      { rtol: 1e-6 },
    );
    expectClose(
      x.logSoftmax(),
      [
        [1 - Math.log(z) - 0, 2 - Math.log(z), 3 - Math.log(z)],
        [-Math.log(3), -Math.log(3), -Math.log(3)],
      ],
      { rtol: 1e-6 },
    );
    const e2 = Math.exp(2) / (Math.exp(2) + Math.E);
    const e3 = Math.exp(3) / (Math.exp(3) + Math.E);
    expectClose(
      x.softmax(0),
      [
        [0.5, e2, e3],
        [0.5, 1 - e2, 1 - e3],
      ],
      { rtol: 1e-6 },
    );
  });

  it('where, cast, oneHot, dropout', () => {
    const x = tensor([-1, 2, -3]);
    expectClose(t.where(x.greater(0), x, 0), [0, 2, 0]);
    expect(t.cast(tensor([1.7, -1.7]), 'int32').toArray()).toEqual([1, -1]);
    expect(t.oneHot(int([0, 2, -1]), 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 0, 0],
    ]);
    const dropped = t.ones([1000]).dropout(0.25, 3);
    const kept = dropped.data.filter((v) => v !== 0);
    expect(kept.every((v) => Math.abs(v - 4 / 3) < 1e-6)).toBe(true);
    expect(Math.abs(kept.length / 1000 - 0.75)).toBeLessThan(0.05);
    expect(t.ones([3]).dropout(0.5, 3, false).toArray()).toEqual([1, 1, 1]);
    expect(t.ones([5]).dropout(0.5, 9).toArray()).toEqual(t.ones([5]).dropout(0.5, 9).toArray());
  });

  it('creation functions', () => {
    expect(t.zeros([2, 2]).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(t.ones([2]).toArray()).toEqual([1, 1]);
    expect(t.full([2], 7).toArray()).toEqual([7, 7]);
    expectClose(t.arange(1, 2, 0.25), [1, 1.25, 1.5, 1.75]);
    expect(t.arange(3, undefined, undefined, { dtype: 'int32' }).dtype).toBe('int32');
    expect(tensor(3.5).shape).toEqual([]);
    expect(tensor(3.5).item()).toBe(3.5);
    expect(tensor([1, 2, 3, 4, 5, 6], [2, 3]).toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const storage = new Float32Array([1, 2]);
    expect(tensor(storage).data).toBe(storage);
    expect(tensor(new Int32Array([4, 2])).dtype).toBe('int32');
    expect(tensor([1.5], undefined, { dtype: 'float64' }).data).toBeInstanceOf(Float64Array);
    const u = t.randomUniform([1000], { minval: 2, maxval: 3, seed: 4 });
    expect(Math.min(...u.data)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...u.data)).toBeLessThan(3);
    const n = t.randomNormal([20000], { mean: 1, stddev: 2, seed: 5 });
    const mean = n.mean().item();
    const variance = n.sub(mean).square().mean().item();
    expect(Math.abs(mean - 1)).toBeLessThan(0.05);
    expect(Math.abs(Math.sqrt(variance) - 2)).toBeLessThan(0.05);
  });
});
