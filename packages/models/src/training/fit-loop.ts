import {
  argMax,
  concat,
  noGrad,
  Random,
  randomFor,
  type Tensor,
  tensor,
  ValueError,
} from '@recur/tensor';
import type { Callback, Logs } from '../callbacks/callback.js';
import { CallbackList } from '../callbacks/callback-list.js';
import { History } from '../callbacks/history.js';
import { ProgressBarLogger } from '../callbacks/progress-bar-logger.js';
import type { EvaluateOptions, FitOptions, Model, PredictOptions } from '../model.js';
import {
  ArrayBatches,
  type Batch,
  type BatchSource,
  isBatchSource,
  type ModelData,
  sourceBatches,
  toTensorList,
} from './data-adapter.js';
import { checkEvaluateOptions, checkFitOptions, checkPredictOptions } from './run-options.js';

/** Lets timers and I/O run between batches, so training never freezes a server. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function arrays(
  model: Model,
  x: ModelData,
  y: ModelData | undefined,
  sampleWeight: Tensor | undefined,
  batchSize: number,
): ArrayBatches {
  const xs = toTensorList(x, Math.max(1, model.inputs.length), model.inputDtypes, 'x');
  if (y === undefined) throw new ValueError('fit', 'targets y for array inputs', 'none');
  const ys = toTensorList(y, Math.max(1, model.outputNames.length), [], 'y');
  return new ArrayBatches(
    xs,
    ys,
    ys.map((_, i) => (i === 0 ? (sampleWeight ?? null) : null)),
    batchSize,
  );
}

// One stream of shuffle seeds per model, started from the global generator at its first fit.
const shuffleStreams = new WeakMap<Model, Random>();

/** The generator of one fit's shuffles: from its seed, else the next seed of the model's stream. */
function shuffleRandom(model: Model, seed: number | undefined): Random {
  if (seed !== undefined) return new Random(seed);
  let stream = shuffleStreams.get(model);
  if (!stream) {
    stream = new Random(randomFor().nextUint32());
    shuffleStreams.set(model, stream);
  }
  return new Random(stream.nextUint32());
}

/**
 * Refuses a batch with NaN or an infinity in its inputs, targets or sample weights: one such
 * value turns every weight NaN in the first step, which otherwise goes unnoticed at verbose 0.
 */
function checkFinite(batch: Batch, epoch: number, step: number): void {
  const groups: Array<[string, readonly (Tensor | null)[]]> = [
    ['x', batch.x],
    ['y', batch.y],
    ['sampleWeight', batch.sampleWeight],
  ];
  for (const [name, tensors] of groups) {
    tensors.forEach((t, index) => {
      if (!t || t.dtype === 'int32') return;
      const { data } = t;
      for (let i = 0; i < data.length; i++) {
        if (!Number.isFinite(data[i]))
          throw new ValueError(
            'fit',
            `finite values in ${name}${tensors.length > 1 ? `[${index}]` : ''}`,
            `${data[i]} at element ${i} of the batch at epoch ${epoch + 1}, step ${step + 1}`,
          );
      }
    });
  }
}

/** Sample weights from class weights and the labels (class indices, or one-hot rows). */
function classWeights(y: Tensor, weights: Record<number, number>): Tensor {
  const labels =
    y.rank >= 2 && y.shape[y.rank - 1] > 1
      ? argMax(y, -1)
      : y.rank >= 2
        ? y.reshape(y.shape.slice(0, -1))
        : y;
  const out = new Float32Array(labels.size);
  for (let i = 0; i < labels.size; i++) out[i] = weights[Math.round(labels.data[i])] ?? 1;
  return tensor(out, labels.shape);
}

function withClassWeights(
  batch: Batch,
  weights: Record<number, number> | undefined,
): (Tensor | null)[] {
  if (!weights) return batch.sampleWeight;
  const fromClasses = noGrad(() => classWeights(batch.y[0], weights));
  const given = batch.sampleWeight[0];
  return [
    given ? noGrad(() => fromClasses.mul(given)) : fromClasses,
    ...batch.sampleWeight.slice(1),
  ];
}

export async function fitModel(
  model: Model,
  x: ModelData | BatchSource,
  yOrOptions?: ModelData | FitOptions,
  maybeOptions?: FitOptions,
): Promise<History> {
  const source = isBatchSource(x);
  const options = checkFitOptions(source ? yOrOptions : maybeOptions);
  const y = source ? undefined : (yOrOptions as ModelData | undefined);
  const { epochs = 1, verbose = 1, shuffle = true, initialEpoch = 0, signal } = options;
  const batchSize = options.batchSize ?? 32;
  const compiled = model.compiledState;
  // Drawn now, before the first await: a fit's batches do not depend on what other fits running
  // at the same time draw, so concurrent fits give what the same fits give one after another.
  const random = shuffleRandom(model, options.seed);

  let train: ArrayBatches | BatchSource = source
    ? (x as BatchSource)
    : arrays(model, x as ModelData, y, options.sampleWeight, batchSize);
  let validation: ArrayBatches | BatchSource | null = null;
  if (options.validationSplit !== undefined && options.validationSplit > 0) {
    if (!(train instanceof ArrayBatches))
      throw new ValueError(
        'fit',
        'array data for validationSplit (use validationData with a dataset)',
        'a batch source',
      );
    [train, validation] = train.splitValidation(options.validationSplit);
  }
  if (options.validationData) {
    const data = options.validationData;
    validation = isBatchSource(data)
      ? data
      : arrays(
          model,
          data[0],
          data[1],
          (data as unknown[])[2] as Tensor | undefined,
          options.validationBatchSize ?? batchSize,
        );
  }
  const steps = options.stepsPerEpoch ?? (train instanceof ArrayBatches ? train.steps : null);

  // Keras' order: the user's callbacks, then History, then the progress bar, so values the user's
  // callbacks add to the logs (learning_rate) reach the history and the display.
  const history = new History();
  const list: Callback[] = [...(options.callbacks ?? []), history];
  if (verbose > 0) list.push(new ProgressBarLogger({ verbose }));
  const callbacks = new CallbackList(list);
  callbacks.setModel(model);
  const names = compiled.metricNames();
  callbacks.setParams({
    epochs,
    steps,
    verbose,
    metrics: [...names, ...(validation ? names.map((n) => `val_${n}`) : [])],
  });

  model.stopTraining = false;
  const stopped = () => model.stopTraining || signal?.aborted === true;
  let epochLogs: Logs = {};
  await callbacks.onTrainBegin({});
  for (let epoch = initialEpoch; epoch < epochs && !stopped(); epoch++) {
    compiled.reset();
    await callbacks.onEpochBegin(epoch, {});
    let step = 0;
    const batches =
      train instanceof ArrayBatches ? train.batches(shuffle ? random : null) : sourceBatches(train);
    for await (const batch of batches) {
      checkFinite(batch, epoch, step);
      await callbacks.onBatchBegin(step, { batch: step, size: batch.size });
      model.trainBatch(batch.x, batch.y, withClassWeights(batch, options.classWeight), batch.size);
      await callbacks.onBatchEnd(step, { ...compiled.results(), batch: step, size: batch.size });
      step++;
      await yieldToEventLoop();
      if (stopped() || (options.stepsPerEpoch !== undefined && step >= options.stepsPerEpoch))
        break;
    }
    epochLogs = compiled.results();
    if (validation && !signal?.aborted) {
      const validationLogs = await runEvaluation(model, validation);
      for (const [name, value] of Object.entries(validationLogs)) epochLogs[`val_${name}`] = value;
    }
    await callbacks.onEpochEnd(epoch, epochLogs);
  }
  await callbacks.onTrainEnd(epochLogs);
  return history;
}

/** Loss and metrics over a whole data set, in inference mode. */
async function runEvaluation(model: Model, data: ArrayBatches | BatchSource): Promise<Logs> {
  const compiled = model.compiledState;
  compiled.reset();
  const batches = data instanceof ArrayBatches ? data.batches(null) : sourceBatches(data);
  for await (const batch of batches) {
    model.testBatch(batch.x, batch.y, batch.sampleWeight, batch.size);
    await yieldToEventLoop();
  }
  return compiled.results();
}

export async function evaluateModel(
  model: Model,
  x: ModelData | BatchSource,
  yOrOptions?: ModelData | EvaluateOptions,
  maybeOptions?: EvaluateOptions,
): Promise<Logs> {
  const source = isBatchSource(x);
  const options = checkEvaluateOptions(source ? yOrOptions : maybeOptions);
  const batchSize = options.batchSize ?? 32;
  const data = source
    ? (x as BatchSource)
    : arrays(model, x as ModelData, yOrOptions as ModelData, options.sampleWeight, batchSize);
  const logs = await runEvaluation(model, data);
  if (options.verbose)
    console.log(
      Object.entries(logs)
        .map(([k, v]) => `${k}: ${v.toPrecision(4)}`)
        .join(' - '),
    );
  return logs;
}

export function predictModel(
  model: Model,
  x: ModelData,
  options: PredictOptions,
): Tensor | Tensor[] {
  const batchSize = checkPredictOptions(options).batchSize ?? 32;
  const xs = toTensorList(x, Math.max(1, model.inputs.length), model.inputDtypes, 'x', 'predict');
  const total = xs[0].shape[0];
  const parts: Tensor[][] = [];
  noGrad(() => {
    for (let start = 0; start < total; start += batchSize) {
      const count = Math.min(batchSize, total - start);
      const outputs = model.forward(
        xs.map((t) => t.slice([start], [count])),
        false,
      );
      parts.push(outputs.map((v) => v.tensor));
    }
    if (total === 0) parts.push(model.forward(xs, false).map((v) => v.tensor));
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
