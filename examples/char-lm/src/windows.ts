// Training and validation windows over one long sequence of character ids. A window of
// `steps + 1` ids gives the inputs (the first `steps`) and the per-step targets (the same ids
// shifted by one): the model learns to predict every next character, not only the last one.
import { Dataset, type Example, Random, type Tensor, tensor } from 'recurjs';

export interface RandomWindowOptions {
  /** Characters per training sequence (and per-step targets). */
  steps: number;
  batchSize: number;
  seed: number;
}

/**
 * An endless stream of `{ x, y }` batches of windows starting at uniformly random offsets of
 * `ids`: `x [batch, steps]` and `y [batch, steps]`, int32, `y` one character ahead of `x`. Nothing is
 * pre-cut, so every offset of the text is a possible window and memory stays at one batch. Each
 * pass over the dataset restarts the same seeded stream; use it with fit's `stepsPerEpoch`.
 */
export function randomWindowBatches(
  ids: Int32Array,
  { steps, batchSize, seed }: RandomWindowOptions,
): Dataset<Example> {
  const lastStart = ids.length - steps - 1;
  if (lastStart < 0) throw new RangeError(`a text of at least ${steps + 1} characters is needed`);
  // One generator per fit() call: a pass is a fresh iteration, and a different stream every epoch
  // is what we want, so the random source lives outside the generator function.
  const random = new Random(seed);
  return Dataset.fromGenerator(function* () {
    for (;;) {
      const x = new Int32Array(batchSize * steps);
      const y = new Int32Array(batchSize * steps);
      for (let b = 0; b < batchSize; b++) {
        const start = random.integer(lastStart + 1);
        x.set(ids.subarray(start, start + steps), b * steps);
        y.set(ids.subarray(start + 1, start + steps + 1), b * steps);
      }
      yield { x: tensor(x, [batchSize, steps]), y: tensor(y, [batchSize, steps]) };
    }
  });
}

/**
 * Consecutive, non-overlapping windows that cover `ids` (a tail shorter than a window is
 * dropped): every character after the first is a target exactly once, so the mean loss over
 * these windows is the cross-entropy of the text. Each window starts with an empty state, so its
 * first few characters are predicted with little context, a small pessimistic bias.
 */
export function consecutiveWindows(ids: Int32Array, steps: number): { x: Tensor; y: Tensor } {
  const count = Math.floor((ids.length - 1) / steps);
  const x = new Int32Array(count * steps);
  const y = new Int32Array(count * steps);
  for (let w = 0; w < count; w++) {
    x.set(ids.subarray(w * steps, (w + 1) * steps), w * steps);
    y.set(ids.subarray(w * steps + 1, (w + 1) * steps + 1), w * steps);
  }
  return { x: tensor(x, [count, steps]), y: tensor(y, [count, steps]) };
}
