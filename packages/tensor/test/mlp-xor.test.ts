import * as t from '@recur/tensor';
import type { Tensor } from '@recur/tensor';
import { describeBackends } from '@recur/testing';
import { expect, it } from 'vitest';

// A two-layer MLP built from ops (matmul + tanh + softmax cross-entropy) trained with a
// hand-written SGD loop on a seeded XOR-like data set: the label is whether x and y share a sign.
function xorData(n: number, seed: number) {
  const random = new t.Random(seed);
  const x = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = random.uniform() * 2 - 1;
    const b = random.uniform() * 2 - 1;
    x[2 * i] = a;
    x[2 * i + 1] = b;
    labels[i] = a * b > 0 ? 1 : 0;
  }
  return { x: t.tensor(x, [n, 2]), labels: t.tensor(labels, [n]) };
}

function accuracy(logits: Tensor, labels: Tensor): number {
  return logits.argMax(-1).equal(labels).cast('float32').mean().item();
}

describeBackends('two-layer MLP on XOR-like data', () => {
  it('reaches > 95% accuracy with plain SGD', () => {
    const train = xorData(512, 1);
    const test = xorData(512, 2);
    const w1 = t.randomNormal([2, 32], { stddev: 1, seed: 3, requiresGrad: true });
    const b1 = t.zeros([32], { requiresGrad: true });
    const w2 = t.randomNormal([32, 2], { stddev: 0.3, seed: 4, requiresGrad: true });
    const b2 = t.zeros([2], { requiresGrad: true });
    const params = [w1, b1, w2, b2];
    const forward = (x: Tensor) => x.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
    const targets = t.oneHot(train.labels, 2);
    let firstLoss = 0;
    let lastLoss = 0;
    for (let step = 0; step < 600; step++) {
      // Cross-entropy from the fused log-softmax: -mean(sum(onehot * logSoftmax(logits))).
      const loss = forward(train.x).logSoftmax().mul(targets).sum(-1).mean().neg();
      for (const p of params) p.zeroGrad();
      loss.backward();
      t.noGrad(() => {
        for (const p of params) {
          const g = p.grad!.data;
          for (let i = 0; i < p.data.length; i++) p.data[i] -= 0.5 * g[i];
        }
      });
      if (step === 0) firstLoss = loss.item();
      lastLoss = loss.item();
    }
    expect(lastLoss).toBeLessThan(firstLoss / 3);
    const testAccuracy = t.noGrad(() => accuracy(forward(test.x), test.labels));
    expect(testAccuracy).toBeGreaterThan(0.95);
  });
});
