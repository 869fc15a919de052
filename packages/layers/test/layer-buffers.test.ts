import { Bidirectional, GRU, type Layer, LayerBuffers, LSTM, SimpleRNN } from '@recur/layers';
import * as t from '@recur/tensor';
import { captureError, describeBackends } from '@recur/testing';
import { expect, it } from 'vitest';

const values = (x: t.Tensor) => Array.from(x.data as Float32Array);

/** The layer's output and its weights' gradients for a loss weighting every output element. */
function step(layer: Layer, x: t.Tensor, buffers: LayerBuffers | null) {
  buffers?.nextStep();
  const out = layer.apply(x, { training: true, buffers }) as t.Tensor;
  for (const w of layer.trainableWeights) w.grad = null;
  out
    .mul(t.randomUniform(out.shape, { seed: 9 }))
    .sum()
    .backward();
  return { out, grads: layer.trainableWeights.map((w) => values(w.grad!)) };
}

describeBackends('LayerBuffers through recurrent layers', () => {
  const x = t.randomUniform([4, 6, 3], { seed: 1 });
  const layers = () => [
    new LSTM({ units: 5, seed: 1, returnSequences: true }),
    new GRU({ units: 5, seed: 2 }),
    new GRU({ units: 5, seed: 3, resetAfter: false, goBackwards: true }),
    new SimpleRNN({ units: 5, seed: 4, returnSequences: true }),
    new Bidirectional({ layer: new LSTM({ units: 4, seed: 5, returnSequences: true }) }),
  ];

  it('give the bits of fresh allocation, step after step, in storage kept between steps', () => {
    const plain = layers();
    const kept = layers();
    plain.forEach((layer, k) => {
      layer.apply(x);
      kept[k].apply(x);
      kept[k].setWeights(layer.getWeights());
      const buffers = new LayerBuffers();
      let storage: ArrayBufferLike | null = null;
      for (let s = 0; s < 4; s++) {
        const expected = step(layer, x, null);
        const actual = step(kept[k], x, buffers);
        expect(values(actual.out), `${layer.name} step ${s}`).toEqual(values(expected.out));
        expect(actual.grads, `${layer.name} step ${s} gradients`).toEqual(expected.grads);
        // Weights are left unchanged, so the same step runs again: same storage every time.
        const first = kept[k].trainableWeights[0].grad!.data.buffer;
        if (s === 0) storage = first;
        else expect(first, `${layer.name} kernel gradient storage`).toBe(storage);
      }
      // A Bidirectional layer keeps one set per direction.
      expect(buffers.layers.length).toBe(layer instanceof Bidirectional ? 2 : 1);
      expect(buffers.byteLength).toBeGreaterThan(0);
    });
  });

  it('a layer applied twice in one step allocates its second call (both feed one backward)', () => {
    // units = features, so the layer can read its own output
    const shared = new LSTM({ units: 3, returnSequences: true });
    const twin = new LSTM({ units: 3, returnSequences: true });
    shared.apply(x);
    twin.apply(x);
    twin.setWeights(shared.getWeights());
    const run = (layer: LSTM, buffers: LayerBuffers | null) => {
      buffers?.nextStep();
      const once = layer.apply(x, { training: true, buffers }) as t.Tensor;
      const twice = layer.apply(once.mul(0.5), { training: true, buffers }) as t.Tensor;
      for (const w of layer.trainableWeights) w.grad = null;
      twice.sum().backward();
      return { once, twice, grads: layer.trainableWeights.map((w) => values(w.grad!)) };
    };
    const buffers = new LayerBuffers();
    for (let s = 0; s < 2; s++) {
      const actual = run(shared, buffers);
      const expected = run(twin, null);
      expect(actual.once.data.buffer).not.toBe(actual.twice.data.buffer);
      expect(buffers.owns(actual.once)).toBe(true);
      expect(buffers.owns(actual.twice)).toBe(false);
      expect(values(actual.twice)).toEqual(values(expected.twice));
      expect(actual.grads).toEqual(expected.grads);
    }
  });

  it('a stateful layer never takes buffers (its states outlive the call)', () => {
    const layer = new LSTM({ units: 5, stateful: true, batchInputShape: [4, 6, 3] });
    const buffers = new LayerBuffers();
    buffers.nextStep();
    const out = layer.apply(x, { buffers }) as t.Tensor;
    expect(buffers.layers.length).toBe(0);
    expect(buffers.owns(out)).toBe(false);
  });

  it('release() frees the storage; outputs taken before keep their values', () => {
    const layer = new GRU({ units: 5, seed: 7, returnSequences: true });
    const buffers = new LayerBuffers();
    buffers.nextStep();
    const out = layer.apply(x, { buffers }) as t.Tensor;
    const before = values(out);
    buffers.release();
    expect(buffers.byteLength).toBe(0);
    expect(buffers.owns(out)).toBe(false);
    buffers.nextStep();
    layer.apply(t.randomUniform([4, 6, 3], { seed: 8 }), { buffers });
    expect(values(out)).toEqual(before);
  });

  it('buffers that are not LayerBuffers are a ValueError naming what came', () => {
    const error = captureError(() =>
      new LSTM({ units: 3 }).apply(x, { buffers: new t.RecurrentBuffers() as never }),
    );
    expect(error).toBeInstanceOf(t.ValueError);
    expect(error.message).toContain('buffers a LayerBuffers or null');
  });
});
