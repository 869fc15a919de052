import { getOptimizer, type Optimizer } from '@recur/optim';
import { argMax, noGrad, Random, randomFor, type Tensor, tensor, ValueError } from '@recur/tensor';
import type { Callback, Logs } from '../callbacks/callback.js';
import { CallbackList } from '../callbacks/callback-list.js';
import { History } from '../callbacks/history.js';
import { ProgressBarLogger } from '../callbacks/progress-bar-logger.js';
import { CompiledState } from './compiled-state.js';
import {
  type CompileConfig,
  type CompileOptions,
  compiledSteps,
  toCompileConfig,
} from './compile-settings.js';
import {
  ArrayBatches,
  type Batch,
  type BatchSource,
  isBatchSource,
  type ModelData,
  sourceBatches,
  toTensorList,
} from './data-adapter.js';
import {
  checkEvaluateOptions,
  checkFitOptions,
  type EvaluateOptions,
  type FitOptions,
} from './run-options.js';
import { StepBuffers } from './step-buffers.js';
import type { TrainableModel } from './trainable-model.js';

/** Lets timers and I/O run between batches, so training never freezes a server. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function arrays(
  model: TrainableModel,
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
// Keyed by the model, not held by its Trainer, so compiling again does not restart the stream.
const shuffleStreams = new WeakMap<TrainableModel, Random>();

/** The generator of one fit's shuffles: from its seed, else the next seed of the model's stream. */
function shuffleRandom(model: TrainableModel, seed: number | undefined): Random {
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

/**
 * What `compile` builds and `fit` runs on: the losses, metrics and running means (the compiled
 * state), the optimizer, the train and test steps, and the fit and evaluate loops. It reaches the
 * model only through {@link TrainableModel}; `Model` creates one per `compile` and delegates its
 * training API to it.
 */
export class Trainer {
  /** The optimizer the train step applies (replaceable: a fresh one starts with no state). */
  optimizer: Optimizer;
  /** Whether steps keep their memory between batches (compile's `jitCompile`). */
  readonly compiledSteps: boolean;
  private readonly compiled: CompiledState;
  // Train and test steps keep apart: a validation pass inside fit must not refill the workspace
  // of the training step (and their shapes differ: no workspace in inference).
  private readonly trainBuffers = new StepBuffers();
  private readonly testBuffers = new StepBuffers();

  /** Resolves the optimizer, losses and metrics of `options` for outputs `outputNames`. */
  constructor(
    private readonly model: TrainableModel,
    outputNames: readonly string[],
    private readonly options: CompileOptions,
  ) {
    this.compiledSteps = compiledSteps(options);
    this.optimizer = getOptimizer(
      (options.optimizer ?? 'rmsprop') as Parameters<typeof getOptimizer>[0],
    );
    this.compiled = new CompiledState(
      outputNames,
      options.loss,
      options.metrics,
      options.lossWeights,
    );
  }

  /** The compile settings as JSON, with the optimizer's current config (see `Model.compileConfig`). */
  compileConfig(): CompileConfig {
    return toCompileConfig(this.options, this.optimizer, 'compileConfig');
  }

  /** The compiled metrics' log names and directions (built on the first batch). */
  get metrics(): { name: string; direction: 'up' | 'down' }[] {
    return this.compiled.metricDirections();
  }

  /** One optimization step on a batch; returns its logs. */
  trainOnBatch(x: ModelData, y: ModelData, options: { sampleWeight?: Tensor } = {}): Logs {
    const [xs, ys] = this.batchTensors(x, y);
    this.compiled.reset();
    this.trainStep(xs, ys, [options.sampleWeight ?? null], xs[0].shape[0]);
    return this.compiled.results();
  }

  /** The loss and metrics on a batch, without updating weights. */
  testOnBatch(x: ModelData, y: ModelData, options: { sampleWeight?: Tensor } = {}): Logs {
    const [xs, ys] = this.batchTensors(x, y);
    this.compiled.reset();
    this.testStep(xs, ys, [options.sampleWeight ?? null], xs[0].shape[0]);
    return this.compiled.results();
  }

  private batchTensors(x: ModelData, y: ModelData): [Tensor[], Tensor[]] {
    const model = this.model;
    return [
      toTensorList(x, Math.max(1, model.inputs.length), model.inputDtypes, 'x'),
      toTensorList(y, Math.max(1, model.outputNames.length), [], 'y'),
    ];
  }

  /** The total loss: the weighted output losses plus every layer's regularization penalties. */
  private totalLoss(total: Tensor): Tensor {
    let loss = total;
    for (const layer of this.model.layers)
      for (const penalty of layer.regularizationLosses()) loss = loss.add(penalty);
    return loss;
  }

  /** forward + loss + backward + optimizer update + metrics. */
  private trainStep(
    xs: Tensor[],
    ys: Tensor[],
    sampleWeights: (Tensor | null)[],
    size: number,
  ): void {
    const buffers = this.compiledSteps ? this.trainBuffers.forBatch(xs) : null;
    const outputs = this.model.forward(xs, true, buffers);
    const { total, perOutput } = this.compiled.computeLoss(ys, outputs, sampleWeights);
    const loss = this.totalLoss(total);
    const params = this.model.trainableWeights;
    for (const p of params) p.grad = null;
    if (loss.requiresGrad) {
      loss.backward();
      this.optimizer.apply(params);
    }
    this.compiled.update(ys, outputs, sampleWeights, loss, perOutput, size);
  }

  /** forward + loss + metrics, without gradients. */
  private testStep(
    xs: Tensor[],
    ys: Tensor[],
    sampleWeights: (Tensor | null)[],
    size: number,
  ): void {
    noGrad(() => {
      const buffers = this.compiledSteps ? this.testBuffers.forBatch(xs) : null;
      const outputs = this.model.forward(xs, false, buffers);
      const { total, perOutput } = this.compiled.computeLoss(ys, outputs, sampleWeights);
      const loss = this.totalLoss(total);
      this.compiled.update(ys, outputs, sampleWeights, loss, perOutput, size);
    });
  }

  /** The loop of `Model.fit` (see there for the arguments). */
  async fit(
    x: ModelData | BatchSource,
    yOrOptions?: ModelData | FitOptions,
    maybeOptions?: FitOptions,
  ): Promise<History> {
    const model = this.model;
    const compiled = this.compiled;
    const source = isBatchSource(x);
    const options = checkFitOptions(source ? yOrOptions : maybeOptions);
    const y = source ? undefined : (yOrOptions as ModelData | undefined);
    const { epochs = 1, verbose = 1 } = options;
    const batchSize = options.batchSize ?? 32;
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

    // Keras' order: the user's callbacks, then History, then the progress bar, so values the
    // user's callbacks add to the logs (learning_rate) reach the history and the display.
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
    try {
      await this.fitEpochs(train, validation, callbacks, options, random);
      return history;
    } finally {
      // A trained model that goes on to serve should not hold a training step's workspaces.
      this.trainBuffers.release();
      this.testBuffers.release();
    }
  }

  /** Says once which layers the compiled step keeps memory for (fit at verbose 2). */
  private reportCompiledStep(): void {
    // The layers that took buffers: recurrent layers, or the two directions of a Bidirectional.
    const kept = this.trainBuffers.layers.map((layer) => (layer as { name: string }).name);
    console.log(
      !this.compiledSteps
        ? 'jitCompile false: every layer allocates its outputs, workspaces and gradients per step'
        : kept.length === 0
          ? 'compiled step: no layer keeps memory between batches (none is a non-stateful recurrent layer); every step allocates'
          : `compiled step: ${kept.join(', ')} keep outputs, workspaces and gradients between batches; the other layers, the loss and the optimizer allocate per step`,
    );
  }

  private async fitEpochs(
    train: ArrayBatches | BatchSource,
    validation: ArrayBatches | BatchSource | null,
    callbacks: CallbackList,
    options: FitOptions,
    random: Random,
  ): Promise<void> {
    const model = this.model;
    const compiled = this.compiled;
    const { epochs = 1, verbose = 1, shuffle = true, initialEpoch = 0, signal } = options;
    const stopped = () => model.stopTraining || signal?.aborted === true;
    let epochLogs: Logs = {};
    await callbacks.onTrainBegin({});
    for (let epoch = initialEpoch; epoch < epochs && !stopped(); epoch++) {
      compiled.reset();
      await callbacks.onEpochBegin(epoch, {});
      let step = 0;
      const batches =
        train instanceof ArrayBatches
          ? train.batches(shuffle ? random : null)
          : sourceBatches(train);
      for await (const batch of batches) {
        checkFinite(batch, epoch, step);
        await callbacks.onBatchBegin(step, { batch: step, size: batch.size });
        this.trainStep(batch.x, batch.y, withClassWeights(batch, options.classWeight), batch.size);
        if (verbose === 2 && epoch === initialEpoch && step === 0) this.reportCompiledStep();
        await callbacks.onBatchEnd(step, { ...compiled.results(), batch: step, size: batch.size });
        step++;
        await yieldToEventLoop();
        if (stopped() || (options.stepsPerEpoch !== undefined && step >= options.stepsPerEpoch))
          break;
      }
      epochLogs = compiled.results();
      if (validation && !signal?.aborted) {
        const validationLogs = await this.runEvaluation(validation);
        for (const [name, value] of Object.entries(validationLogs))
          epochLogs[`val_${name}`] = value;
      }
      await callbacks.onEpochEnd(epoch, epochLogs);
    }
    await callbacks.onTrainEnd(epochLogs);
  }

  /** The loop of `Model.evaluate` (see there for the arguments). */
  async evaluate(
    x: ModelData | BatchSource,
    yOrOptions?: ModelData | EvaluateOptions,
    maybeOptions?: EvaluateOptions,
  ): Promise<Logs> {
    const source = isBatchSource(x);
    const options = checkEvaluateOptions(source ? yOrOptions : maybeOptions);
    const batchSize = options.batchSize ?? 32;
    const data = source
      ? (x as BatchSource)
      : arrays(
          this.model,
          x as ModelData,
          yOrOptions as ModelData,
          options.sampleWeight,
          batchSize,
        );
    let logs: Logs;
    try {
      logs = await this.runEvaluation(data);
    } finally {
      this.testBuffers.release();
    }
    if (options.verbose)
      console.log(
        Object.entries(logs)
          .map(([k, v]) => `${k}: ${v.toPrecision(4)}`)
          .join(' - '),
      );
    return logs;
  }

  /** Loss and metrics over a whole data set, in inference mode. */
  private async runEvaluation(data: ArrayBatches | BatchSource): Promise<Logs> {
    this.compiled.reset();
    const batches = data instanceof ArrayBatches ? data.batches(null) : sourceBatches(data);
    for await (const batch of batches) {
      this.testStep(batch.x, batch.y, batch.sampleWeight, batch.size);
      await yieldToEventLoop();
    }
    return this.compiled.results();
  }
}
