import * as t from '@recur/tensor';
import { captureError, describeBackends } from '@recur/testing';
import { describe, expect, it } from 'vitest';
import {
  type RecurrentCase,
  recurrentCases,
  recurrentInputs,
  runWithGradients,
} from './recurrent-cases.js';

const { RecurrentBuffers, lstm, gru, randomUniform } = t;

const values = (x: t.Tensor) => Array.from(x.data as Float32Array | Float64Array);

/**
 * The case's inputs with every float (x, weights, states) NaN and no mask or dropout, so that a
 * call on them writes NaN into every element of every buffer (a masked call skips some).
 */
function poisoned(given: ReturnType<typeof recurrentInputs>) {
  return {
    inputs: given.inputs.map((x) => t.tensor(new Float64Array(x.size).fill(Number.NaN), x.shape)),
    mask: null,
    dropout: null,
  };
}

function expectSameBits(
  c: RecurrentCase,
  actual: ReturnType<typeof runWithGradients>,
  expected: ReturnType<typeof runWithGradients>,
) {
  actual.outputs.forEach((y, k) => {
    expect(values(y).some(Number.isNaN), `${c.label} output ${k} has NaN`).toBe(false);
    expect(values(y), `${c.label} output ${k}`).toEqual(values(expected.outputs[k]));
  });
  actual.grads.forEach((g, k) => {
    expect(values(g).some(Number.isNaN), `${c.label} gradient ${k} has NaN`).toBe(false);
    expect(values(g), `${c.label} gradient ${k}`).toEqual(values(expected.grads[k]));
  });
}

// Kept buffers are not cleared between calls: every output, workspace section and gradient the
// kernels return must be written in full before it is read. A call on NaN inputs fills every
// buffer with NaN first; anything the real call leaves unwritten then shows up as a NaN or a
// changed bit against the same call without buffers.
describeBackends('RecurrentBuffers: bit-identical to fresh allocation', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    describe(dtype, () => {
      for (const c of recurrentCases) {
        it(c.label, () => {
          const given = recurrentInputs(c);
          const expected = runWithGradients(c, given, dtype);
          const buffers = new RecurrentBuffers();
          runWithGradients(c, poisoned(given), dtype, buffers);
          const actual = runWithGradients(c, given, dtype, buffers);
          expectSameBits(c, actual, expected);
        });
      }
    });
  }

  it('20 training calls reuse the same storage and give the same bits as without buffers', () => {
    for (const c of recurrentCases.filter((k) => k.label.endsWith('defaults'))) {
      const buffers = new RecurrentBuffers();
      let storage: ArrayBufferLike | null = null;
      let bytes = 0;
      for (let step = 0; step < 20; step++) {
        const given = recurrentInputs(c);
        const expected = runWithGradients(c, given, 'float32');
        const actual = runWithGradients(c, given, 'float32', buffers);
        expectSameBits(c, actual, expected);
        if (step === 0) {
          storage = actual.outputs[0].data.buffer;
          bytes = buffers.byteLength;
        }
        expect(actual.outputs[0].data.buffer, `${c.label}: sequence storage`).toBe(storage);
        expect(buffers.byteLength, `${c.label}: bytes held`).toBe(bytes);
      }
      expect(bytes).toBeGreaterThan(0);
    }
  });

  it('inference calls keep outputs only (no workspace) and stay bit-identical', () => {
    const x = randomUniform([4, 6, 3], { seed: 1 });
    const W = randomUniform([3, 12], { seed: 2 });
    const U = randomUniform([4, 12], { seed: 3 });
    const b = randomUniform([2, 12], { seed: 4 });
    const buffers = new RecurrentBuffers();
    for (let step = 0; step < 3; step++) {
      const kept = gru(x, W, U, b, { buffers, training: false });
      const fresh = gru(x, W, U, b, { training: false });
      expect(values(kept.sequence)).toEqual(values(fresh.sequence));
      expect(values(kept.h)).toEqual(values(fresh.h));
    }
    // sequence [4, 6, 4] and h [4, 4] in float32
    expect(buffers.byteLength).toBe((4 * 6 * 4 + 4 * 4) * 4);
  });

  it('a smaller last batch reallocates and stays correct', () => {
    const W = randomUniform([3, 16], { seed: 5 });
    const U = randomUniform([4, 16], { seed: 6 });
    const buffers = new RecurrentBuffers();
    for (const batch of [5, 5, 2, 5]) {
      const x = randomUniform([batch, 4, 3], { seed: batch });
      expect(values(lstm(x, W, U, null, { buffers }).sequence)).toEqual(
        values(lstm(x, W, U, null).sequence),
      );
    }
  });

  it('gradients accumulating across calls on a leaf are not overwritten', () => {
    const x = randomUniform([3, 4, 3], { seed: 7 });
    const run = (buffers: t.RecurrentBuffers | null) => {
      const W = randomUniform([3, 16], { seed: 8 });
      const U = randomUniform([4, 16], { seed: 9 });
      W.requiresGrad = true;
      U.requiresGrad = true;
      for (let step = 0; step < 3; step++) lstm(x, W, U, null, { buffers }).h.sum().backward();
      return [values(W.grad!), values(U.grad!)];
    };
    expect(run(new RecurrentBuffers())).toEqual(run(null));
  });

  it('a backward after a later call refilled the buffers is an AutogradError', () => {
    const x = randomUniform([2, 3, 3], { seed: 10 });
    const W = randomUniform([3, 16], { seed: 11 });
    const U = randomUniform([4, 16], { seed: 12 });
    W.requiresGrad = true;
    const buffers = new RecurrentBuffers();
    const first = lstm(x, W, U, null, { buffers });
    const firstLoss = first.h.sum();
    lstm(x, W, U, null, { buffers }).h.sum().backward();
    const error = captureError(() => firstLoss.backward());
    expect(error).toBeInstanceOf(t.AutogradError);
    expect(error.message).toContain('lstm backward: its RecurrentBuffers were reused');
  });

  it('release() frees the storage and leaves earlier outputs intact', () => {
    const x = randomUniform([2, 3, 3], { seed: 13 });
    const W = randomUniform([3, 16], { seed: 14 });
    const U = randomUniform([4, 16], { seed: 15 });
    const buffers = new RecurrentBuffers();
    const kept = lstm(x, W, U, null, { buffers }).h;
    const before = values(kept);
    buffers.release();
    expect(buffers.byteLength).toBe(0);
    lstm(randomUniform([2, 3, 3], { seed: 16 }), W, U, null, { buffers });
    expect(values(kept)).toEqual(before);
  });

  it('a buffers option that is not RecurrentBuffers is a ValueError naming what came', () => {
    const x = randomUniform([2, 3, 3]);
    const error = captureError(() =>
      lstm(x, randomUniform([3, 16]), randomUniform([4, 16]), null, {
        buffers: {} as unknown as t.RecurrentBuffers,
      }),
    );
    expect(error).toBeInstanceOf(t.ValueError);
    expect(error.message).toContain('buffers');
    expect(error.message).toContain('RecurrentBuffers');
    expect(error.message).toContain('object');
  });
});
