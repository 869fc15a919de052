import { readFileSync } from 'node:fs';
import { deserializeLayer, type Layer, type Shape } from '@recur/layers';
import { cast, type Tensor, tensor } from '@recur/tensor';
import { describeBackends, expectClose } from '@recur/testing';
import { expect, it } from 'vitest';

// Layer-level golden values (PyTorch, float64) from golden/generate-recurrent-layers-golden.py:
// Bidirectional (every merge mode, masks, returnState), stacked LSTM -> GRU with mask propagation,
// returnState with an initial state, goBackwards with a mask.
interface GoldenLayer {
  type: string;
  config: Record<string, unknown> & { layer?: { type: string; config: Record<string, unknown> } };
  weights: number[][];
  weightShapes: number[][];
}
interface GoldenCase {
  name: string;
  layers: GoldenLayer[];
  input: { x: number[]; shape: number[]; mask: number[] | null; initialState: number[][] | null };
  outputs: { name: string; shape: number[]; values: number[] }[];
  lossWeights: number[][];
  gradients: { x: number[]; weights: number[][]; initialState?: number[][] };
}

const golden = JSON.parse(
  readFileSync(new URL('./golden/recurrent-layers.json', import.meta.url), 'utf8'),
) as { cases: GoldenCase[] };

function build(spec: GoldenLayer, dtype: 'float32' | 'float64'): Layer {
  const config: Record<string, unknown> = { ...spec.config, dtype };
  if (spec.config.layer)
    config.layer = {
      className: spec.config.layer.type,
      config: { ...spec.config.layer.config, dtype },
    };
  return deserializeLayer({ className: spec.type, config });
}

function run(c: GoldenCase, dtype: 'float32' | 'float64') {
  const [B, T] = c.input.shape;
  const x = tensor(c.input.x, c.input.shape, { dtype, requiresGrad: true });
  const mask = c.input.mask ? tensor(c.input.mask, [B, T], { dtype }) : null;
  const initialState =
    c.input.initialState?.map((s) => tensor(s, [B, s.length / B], { dtype, requiresGrad: true })) ??
    null;
  const layers = c.layers.map((spec) => build(spec, dtype));
  // Build each layer for its input shape and load the golden weights before the one run that counts.
  let shape: Shape = [...c.input.shape];
  layers.forEach((layer, index) => {
    layer.build(shape);
    layer.setWeights(c.layers[index].weights);
    const next = layer.computeOutputShape(shape);
    shape = (Array.isArray(next[0]) ? next[0] : next) as Shape;
  });
  let current: Tensor = x;
  let currentMask = mask;
  let outputs: Tensor[] = [];
  layers.forEach((layer, index) => {
    const result = layer.apply(current, {
      mask: currentMask,
      initialState: index === 0 ? initialState : null,
    });
    outputs = Array.isArray(result) ? result : [result];
    currentMask = layer.computeMask(current, currentMask);
    current = outputs[0];
  });
  let loss: Tensor | null = null;
  outputs.forEach((y, k) => {
    const term = y.mul(tensor(c.lossWeights[k], y.shape, { dtype })).sum();
    loss = loss ? loss.add(term) : term;
  });
  (loss as unknown as Tensor).backward();
  return { outputs, x, layers, initialState };
}

function compare(
  c: GoldenCase,
  dtype: 'float32' | 'float64',
  tolerance: { rtol: number; atol: number },
) {
  const { outputs, x, layers, initialState } = run(c, dtype);
  expect(outputs.map((o) => o.shape)).toEqual(c.outputs.map((o) => o.shape));
  outputs.forEach((y, k) => {
    expectClose(cast(y, 'float64'), c.outputs[k].values, {
      ...tolerance,
      label: `${c.name} ${c.outputs[k].name}`,
    });
  });
  expectClose(x.grad!, c.gradients.x, { ...tolerance, label: `${c.name} dx` });
  const weights = layers.flatMap((layer) => layer.weights);
  expect(weights.length).toBe(c.gradients.weights.length);
  weights.forEach((w, i) => {
    expectClose(w.grad!, c.gradients.weights[i], {
      ...tolerance,
      label: `${c.name} d weight ${i}`,
    });
  });
  c.gradients.initialState?.forEach((g, i) => {
    expectClose(initialState![i].grad!, g, {
      ...tolerance,
      label: `${c.name} d initialState ${i}`,
    });
  });
}

describeBackends('recurrent layers vs PyTorch goldens', () => {
  it('has the generated cases', () => expect(golden.cases.length).toBeGreaterThanOrEqual(10));
  for (const c of golden.cases) {
    it(`${c.name} (float64)`, () => compare(c, 'float64', { rtol: 1e-9, atol: 1e-11 }));
    it(`${c.name} (float32)`, () => compare(c, 'float32', { rtol: 1e-4, atol: 2e-5 }));
  }
});
