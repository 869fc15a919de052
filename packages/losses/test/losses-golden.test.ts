import { getLoss, type Loss, lossFromConfig } from '@recur/losses';
import type { DType, Tensor } from '@recur/tensor';
import { describeBackends, expectClose } from '@recur/testing';
import { expect, it } from 'vitest';
import { golden, type LossCase, toTensor } from './golden.js';

// Values and gradients against the PyTorch float64 reference (golden/generate-loss-golden.py).
const TOLERANCE: Record<'float64' | 'float32', { rtol: number; atol: number }> = {
  float64: { rtol: 1e-10, atol: 1e-12 },
  float32: { rtol: 2e-5, atol: 2e-6 },
};

function run(c: LossCase, dtype: DType) {
  const loss: Loss = lossFromConfig({ className: c.loss, config: c.config });
  const yTrue = toTensor(c.yTrue, dtype, true);
  const yPred = toTensor(c.yPred, dtype, true);
  const sampleWeight = c.sampleWeight ? toTensor(c.sampleWeight, dtype) : null;
  const mask = c.mask ? toTensor(c.mask, dtype) : null;
  const perSample = loss.call(yTrue, yPred);
  const value = loss.compute(yTrue, yPred, sampleWeight, mask);
  (value.rank === 0 ? value : value.sum()).backward();
  return { perSample, value, yTrue, yPred };
}

function expectFinite(label: string, t: Tensor | null): void {
  if (t === null) return;
  const bad = Array.from(t.data).filter((v) => !Number.isFinite(v));
  expect(bad, label).toEqual([]);
}

describeBackends('losses: golden values and gradients (PyTorch float64 reference)', () => {
  it('the golden file holds every loss class', () => {
    const classes = new Set(golden.losses.map((c) => c.loss));
    expect([...classes].sort()).toEqual(
      [
        'BinaryCrossentropy',
        'CategoricalCrossentropy',
        'Huber',
        'KLDivergence',
        'LogCosh',
        'MeanAbsoluteError',
        'MeanAbsolutePercentageError',
        'MeanSquaredError',
        'SparseCategoricalCrossentropy',
      ].sort(),
    );
  });

  for (const dtype of ['float64', 'float32'] as const) {
    for (const c of golden.losses) {
      it(`${c.name} [${dtype}]`, () => {
        let { rtol, atol } = TOLERANCE[dtype];
        // float32 rounds 1 - 1e-7 to 1 - 2^-23 (as Keras' float32 clip does), so a probability
        // clipped at the top differs from the float64 reference by design.
        if (dtype === 'float32' && c.name.includes('clipped')) rtol = 2e-2;
        const { perSample, value, yTrue, yPred } = run(c, dtype);
        expectClose(perSample, c.perSample.data, { rtol, atol, label: `${c.name} perSample` });
        expect(perSample.shape).toEqual(c.perSample.shape);
        if (typeof c.value === 'number') {
          expect(value.rank).toBe(0);
          expectClose(value, [c.value], { rtol, atol, label: `${c.name} value` });
        } else {
          expect(value.shape).toEqual(c.value.shape);
          expectClose(value, c.value.data, { rtol, atol, label: `${c.name} value` });
        }
        expectFinite(`${c.name} gradient`, yPred.grad);
        expectClose(yPred.grad!, c.gradYPred.data, {
          rtol,
          atol: Math.max(atol, dtype === 'float32' ? 1e-6 : 0),
          label: `${c.name} d/dyPred`,
        });
        if (c.gradYTrue) {
          expectClose(yTrue.grad!, c.gradYTrue.data, { rtol, atol, label: `${c.name} d/dyTrue` });
        }
      });
    }
  }

  it('the functional forms equal Loss.call (per sample, same options)', () => {
    for (const c of golden.losses) {
      const loss = lossFromConfig({ className: c.loss, config: c.config });
      const yTrue = toTensor(c.yTrue, 'float64');
      const yPred = toTensor(c.yPred, 'float64');
      expectClose(loss.call(yTrue, yPred), c.perSample.data, {
        rtol: 1e-10,
        atol: 1e-12,
        label: c.name,
      });
      // getLoss by class name gives the same loss when the config is the default.
      if (Object.keys(c.config).length === 0) {
        expectClose(getLoss(c.loss).call(yTrue, yPred), c.perSample.data, {
          rtol: 1e-10,
          atol: 1e-12,
          label: `${c.name} via getLoss`,
        });
      }
    }
  });
});
