// A layer test helper in the spirit of Keras' layer_test: output shapes, config round trip,
// weights round trip, a float64 gradient check through the layer, and the same output on both
// backends.
import { deserializeLayer, type Layer, type Shape } from '@recur/layers';
import { cast, getBackend, randomUniform, setBackend, type Tensor, tensor } from '@recur/tensor';
import { backendsUnderTest, expectClose, gradcheck } from '@recur/testing';
import { expect } from 'vitest';

export interface LayerTestCase {
  /** Creates the layer (with the given dtype). */
  create: (dtype: 'float32' | 'float64') => Layer;
  inputShape: number[];
  /** Integer inputs (token ids) in [0, vocabulary). */
  integerInputs?: number;
  /** Runs in training mode (dropout) during the output checks. */
  training?: boolean;
  /** Skip the gradient check (non-differentiable layers or random ones). */
  skipGradcheck?: boolean;
  mask?: number[][];
}

function makeInput(c: LayerTestCase, dtype: 'float32' | 'float64', seed: number): Tensor {
  if (c.integerInputs) {
    return randomUniform(c.inputShape, {
      minval: 0,
      maxval: c.integerInputs,
      dtype: 'int32',
      seed,
    });
  }
  return randomUniform(c.inputShape, { minval: -1, maxval: 1, dtype, seed });
}

function outputsOf(result: Tensor | Tensor[]): Tensor[] {
  return Array.isArray(result) ? result : [result];
}

export function layerTest(c: LayerTestCase): void {
  const layer = c.create('float32');
  const x = makeInput(c, 'float32', 11);
  const mask = c.mask ? tensor(c.mask) : null;
  const options = { training: c.training ?? false, mask };
  const outputs = outputsOf(layer.apply(x, options));

  // Output shapes agree with computeOutputShape (batch axis given).
  const expected = layer.computeOutputShape([c.inputShape[0], ...c.inputShape.slice(1)] as Shape);
  const shapes = (Array.isArray(expected[0]) ? expected : [expected]) as Shape[];
  expect(outputs.length).toBe(shapes.length);
  outputs.forEach((y, i) => {
    expect(y.shape).toEqual(shapes[i]);
  });

  // Config round trip: same config, and with the same weights the same outputs, bit for bit.
  const copy = deserializeLayer(JSON.parse(JSON.stringify(layer.serialize())));
  expect({ ...copy.getConfig(), name: null }).toEqual({ ...layer.getConfig(), name: null });
  copy.apply(x, options);
  // Weights round trip: getWeights / setWeights in Keras order.
  copy.setWeights(layer.getWeights());
  expect(copy.getWeights().map((w) => w.shape)).toEqual(layer.getWeights().map((w) => w.shape));
  if (!c.training) {
    outputsOf(copy.apply(x, options)).forEach((y, i) => {
      expect(Array.from(y.data)).toEqual(Array.from(outputs[i].data));
    });
  }
  expect(layer.countParams()).toBe(layer.weights.reduce((n, w) => n + w.size, 0));

  // The same output on every backend under test.
  if (!c.training) {
    const before = getBackend();
    for (const backend of backendsUnderTest()) {
      setBackend(backend);
      outputsOf(layer.apply(x, options)).forEach((y, i) => {
        expectClose(y, outputs[i], {
          rtol: 1e-5,
          atol: 1e-6,
          label: `${layer.name} on ${backend}`,
        });
      });
    }
    setBackend(before);
  }

  // Gradients w.r.t. the input and every weight, in float64 on the TS kernels.
  if (!c.skipGradcheck) {
    const layer64 = c.create('float64');
    const x64 = c.integerInputs
      ? makeInput(c, 'float64', 12)
      : cast(makeInput(c, 'float64', 12), 'float64');
    layer64.apply(x64, options);
    if (!c.integerInputs) x64.requiresGrad = true;
    const inputs = [x64, ...layer64.trainableWeights];
    // Inference mode: a dropout mask redrawn per evaluation would make the differences meaningless.
    const result = gradcheck(
      () => layer64.apply(x64, { training: false, mask: mask && cast(mask, 'float64') }),
      inputs,
      { inPlace: true },
    );
    expect(result.checked).toBe(
      inputs.filter((t) => t.dtype !== 'int32').reduce((n, t) => n + t.size, 0),
    );
  }
}
