import { cast, type Tensor, tensor } from '@recur/tensor';
import { describeBackends } from '@recur/testing';
import { expect, it } from 'vitest';
import { recurrentCases, recurrentInputs, runCase } from './recurrent-cases.js';

/** The final states and the gradients of a fixed weighting of them, with or without the sequence. */
function statesAndGradients(
  c: (typeof recurrentCases)[number],
  given: ReturnType<typeof recurrentInputs>,
  sequence: boolean,
) {
  const xs = given.inputs.map((t) => {
    const copy = cast(t, 'float32').detach();
    copy.requiresGrad = true;
    return copy;
  });
  const mask = given.mask && cast(given.mask, 'float32');
  const dropout = given.dropout && cast(given.dropout, 'float32');
  const out = runCase(c, xs, mask, dropout, null, sequence);
  const states = [out.h, ...(out.c ? [out.c] : [])];
  let loss: Tensor | null = null;
  for (const y of states) {
    const weights = Float64Array.from({ length: y.size }, (_, i) => Math.cos(i + 1));
    const term = y.mul(tensor(weights, y.shape, { dtype: 'float32' })).sum();
    loss = loss ? loss.add(term) : term;
  }
  loss!.backward();
  return { sequence: out.sequence, values: [...states, ...xs.map((t) => t.grad!)] };
}

const bits = (t: Tensor) => Array.from(t.data);

// `sequence: false` skips the [B, T, H] output: the final states and every gradient must be the
// same bits as with it, over the whole option product (masks, goBackwards, initial states,
// recurrent dropout), on every backend.
describeBackends('recurrent ops without the output sequence', () => {
  for (const c of recurrentCases) {
    it(c.label, () => {
      const given = recurrentInputs(c);
      const without = statesAndGradients(c, given, false);
      const withSequence = statesAndGradients(c, given, true);
      expect(without.sequence).toBeNull();
      expect(withSequence.sequence?.shape).toEqual([c.B, c.T, c.H]);
      expect(without.values.length).toBe(withSequence.values.length);
      without.values.forEach((value, k) => {
        expect(bits(value), `value ${k}`).toEqual(bits(withSequence.values[k]));
      });
    });
  }
});
