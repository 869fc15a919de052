import {
  accuracy,
  binaryAccuracy,
  categoricalAccuracy,
  meanAbsoluteError,
  meanSquaredError,
  metricFromConfig,
  sparseCategoricalAccuracy,
  sparseTopKCategoricalAccuracy,
  topKCategoricalAccuracy,
} from '@recur/losses';
import type { Tensor } from '@recur/tensor';
import { describeBackends, expectClose } from '@recur/testing';
import { expect, it } from 'vitest';
import { golden, type MetricCase, toTensor } from './golden.js';

// Running metric values against the PyTorch float64 reference (golden/generate-loss-golden.py).
type Functional = (yTrue: Tensor, yPred: Tensor, config: Record<string, unknown>) => Tensor;
const FUNCTIONAL: Record<string, Functional> = {
  Accuracy: (t, p) => accuracy(t, p),
  BinaryAccuracy: (t, p, c) => binaryAccuracy(t, p, (c.threshold as number) ?? 0.5),
  CategoricalAccuracy: (t, p) => categoricalAccuracy(t, p),
  SparseCategoricalAccuracy: (t, p) => sparseCategoricalAccuracy(t, p),
  TopKCategoricalAccuracy: (t, p, c) => topKCategoricalAccuracy(t, p, c.k as number),
  SparseTopKCategoricalAccuracy: (t, p, c) => sparseTopKCategoricalAccuracy(t, p, c.k as number),
  MeanAbsoluteErrorMetric: (t, p) => meanAbsoluteError(t, p),
  MeanSquaredErrorMetric: (t, p) => meanSquaredError(t, p),
};

function batches(c: MetricCase, dtype: 'float32' | 'float64') {
  return c.batches.map((b) => ({
    yTrue: toTensor(b.yTrue, dtype),
    yPred: toTensor(b.yPred, dtype),
    sampleWeight: b.sampleWeight ? toTensor(b.sampleWeight, dtype) : null,
  }));
}

describeBackends('metrics: golden values (PyTorch float64 reference)', () => {
  it('the golden file holds every metric class', () => {
    expect(new Set(golden.metrics.map((c) => c.metric)).size).toBe(10);
  });

  for (const dtype of ['float64', 'float32'] as const) {
    const rtol = dtype === 'float64' ? 1e-12 : 1e-5;
    for (const c of golden.metrics) {
      it(`${c.name} [${dtype}]`, () => {
        const metric = metricFromConfig({ className: c.metric, config: c.config });
        const data = batches(c, dtype);
        for (const b of data) metric.updateState(b.yTrue, b.yPred, b.sampleWeight);
        expect(metric.result()).toBeCloseTo(c.result, dtype === 'float64' ? 12 : 5);
        expectClose([metric.result()], [c.result], { rtol, atol: 1e-12, label: c.name });

        // Reset forgets everything; the last batch alone is a different value in general.
        metric.resetState();
        expect(metric.result()).toBe(0);
        for (const b of data) metric.updateState(b.yTrue, b.yPred, b.sampleWeight);
        expectClose([metric.result()], [c.result], { rtol, atol: 1e-12, label: `${c.name} again` });

        if (c.perBatch) {
          const fn = FUNCTIONAL[c.metric];
          data.forEach((b, i) => {
            const values = fn(b.yTrue, b.yPred, c.config);
            expect(values.shape).toEqual(c.perBatch![i].shape);
            expectClose(values, c.perBatch![i].data, { rtol, atol: 1e-12, label: c.name });
          });
        }
      });
    }
  }
});
