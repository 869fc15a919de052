import { concat, noGrad, type Tensor } from '@recur/tensor';
import { type ModelData, toTensorList } from './data-adapter.js';
import { checkPredictOptions, type PredictOptions } from './run-options.js';
import type { StepBuffers } from './step-buffers.js';
import type { RunnableModel } from './trainable-model.js';

/**
 * The model's outputs for `x`, computed `batchSize` samples at a time without an autograd tape
 * and joined along the batch axis. Needs no compiled model, so it lives apart from the Trainer.
 */
export function predictInBatches(
  model: RunnableModel,
  x: ModelData,
  options: PredictOptions,
  buffers: StepBuffers | null = null,
): Tensor | Tensor[] {
  const batchSize = checkPredictOptions(options).batchSize ?? 32;
  const xs = toTensorList(x, Math.max(1, model.inputs.length), model.inputDtypes, 'x', 'predict');
  const total = xs[0].shape[0];
  const parts: Tensor[][] = [];
  // An output in kept memory is overwritten by the next batch: copied out, it is the caller's.
  const run = (batch: Tensor[]) =>
    model
      .forward(batch, false, buffers?.forBatch(batch) ?? null)
      .map(({ tensor }) => (buffers?.owns(tensor) ? tensor.clone() : tensor));
  noGrad(() => {
    for (let start = 0; start < total; start += batchSize) {
      const count = Math.min(batchSize, total - start);
      // One batch for all of x (predictOnBatch) needs no copy of it.
      parts.push(run(count === total ? xs : xs.map((t) => t.slice([start], [count]))));
    }
    if (total === 0) parts.push(run(xs));
  });
  const joined = parts[0].map((_, k) =>
    parts.length === 1
      ? parts[0][k]
      : concat(
          parts.map((p) => p[k]),
          0,
        ),
  );
  return joined.length === 1 ? joined[0] : joined;
}
