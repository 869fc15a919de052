import { argMax, noGrad, type Tensor, tensor, ValueError, concat } from '@recur/tensor';
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

function checkBatchSize(batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize <= 0)
    throw new ValueError('fit', 'a positive integer batchSize', String(batchSize));
  return batchSize;
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
  const options: FitOptions = (source ? (yOrOptions as FitOptions) : maybeOptions) ?? {};
  const y = source ? undefined : (yOrOptions as ModelData | undefined);
  const { epochs = 1, verbose = 1, shuffle = true, initialEpoch = 0, signal } = options;
  const batchSize = checkBatchSize(options.batchSize ?? 32);
  const compiled = model.compiledState;
  if (!Number.isInteger(epochs) || epochs < 0)
    throw new ValueError('fit', 'a non-negative integer epochs', String(epochs));

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
    const batches = train instanceof ArrayBatches ? train.batches(shuffle) : sourceBatches(train);
    for await (const batch of batches) {
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
  const batches = data instanceof ArrayBatches ? data.batches(false) : sourceBatches(data);
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
  const options: EvaluateOptions = (source ? (yOrOptions as EvaluateOptions) : maybeOptions) ?? {};
  const batchSize = checkBatchSize(options.batchSize ?? 32);
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
  const batchSize = checkBatchSize(options.batchSize ?? 32);
  const xs = toTensorList(x, Math.max(1, model.inputs.length), model.inputDtypes, 'x');
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
