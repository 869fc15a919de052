import {
  formatLayerShape,
  type Layer,
  type LayerBuffers,
  type LayerNode,
  type Shape,
  type SymbolicTensor,
} from '@recur/layers';
import { Optimizer } from '@recur/optim';
import { cast, type DType, formatShape, ShapeError, Tensor, ValueError } from '@recur/tensor';
import type { Logs } from './callbacks/callback.js';
import type { History } from './callbacks/history.js';
import {
  type GraphValue,
  layersOf,
  type ModelGraph,
  runGraph,
  topologicalNodes,
} from './model-graph.js';
import { type SaveOptions, saveModel } from './saving/save-model.js';
import { printSummary } from './summary.js';
import type { CompileConfig, CompileOptions } from './training/compile-settings.js';
import { type BatchSource, type ModelData, toTensorList } from './training/data-adapter.js';
import { predictInBatches } from './training/predict-loop.js';
import { StepBuffers } from './training/step-buffers.js';
import type { EvaluateOptions, FitOptions, PredictOptions } from './training/run-options.js';
import type { TrainableModel } from './training/trainable-model.js';
import { Trainer } from './training/trainer.js';

// The option types moved to training/ with the code that reads them; re-exported here, where
// they were declared before.
export type { CompileConfig, CompileOptions, EvaluateOptions, FitOptions, PredictOptions };

export interface ModelConfig {
  inputs: SymbolicTensor | SymbolicTensor[];
  /** Output tensors; a multi-output layer's result (a list) may be given directly, it is flattened. */
  outputs: SymbolicTensor | (SymbolicTensor | SymbolicTensor[])[];
  name?: string;
}

const modelCounts = new Map<string, number>();

/** Keras-style default names: `sequential`, `sequential_1`, `functional`, ... */
function defaultModelName(base: string): string {
  const count = modelCounts.get(base) ?? 0;
  modelCounts.set(base, count + 1);
  return count === 0 ? base : `${base}_${count}`;
}

/**
 * A model built with the functional API: layers applied to symbolic inputs, wired into a graph
 * with any number of inputs and outputs and shared layers (for example an encoder whose final
 * states initialise a decoder). `Sequential` is the single-chain special case.
 *
 * Training follows Keras: `compile` then `fit`, `evaluate`, `predict`. `fit` is async and yields
 * to the event loop after every batch, so a server keeps serving while a model trains.
 *
 * @example
 * ```ts
 * import { Dense, LSTM } from '@recur/layers';
 * import { input, Model } from '@recur/models';
 * import { randomNormal } from '@recur/tensor';
 * const x = input({ shape: [10, 3] });
 * const y = new Dense({ units: 1 }).apply(new LSTM({ units: 8 }).apply(x));
 * const model = new Model({ inputs: x, outputs: y });
 * model.compile({ optimizer: 'adam', loss: 'mse' });
 * await model.fit(randomNormal([64, 10, 3]), randomNormal([64, 1]), { epochs: 2, verbose: 0 });
 * ```
 */
export class Model implements TrainableModel {
  readonly className: string = 'Model';
  readonly name: string;
  /** Set by callbacks (or by you) to stop `fit` after the current batch. */
  stopTraining = false;
  protected graph: ModelGraph | null = null;
  /** Created by compile(): owns the losses, metrics, optimizer and the training loops. */
  private trainer: Trainer | null = null;
  // predict's compiled steps: what recurrent layers write, kept between calls (a server predicting
  // batch after batch allocates it once); outputs are copied out of it before they are returned.
  private readonly predictBuffers = new StepBuffers();

  constructor(config?: ModelConfig) {
    this.name =
      config?.name ??
      defaultModelName(new.target.name === 'Sequential' ? 'sequential' : 'functional');
    if (config?.inputs) this.setGraph(config.inputs, config.outputs);
  }

  protected setGraph(
    inputs: SymbolicTensor | SymbolicTensor[],
    outputs: SymbolicTensor | (SymbolicTensor | SymbolicTensor[])[],
  ): void {
    const inputList = Array.isArray(inputs) ? [...inputs] : [inputs];
    const outputList = Array.isArray(outputs) ? outputs.flat() : [outputs];
    if (inputList.length === 0 || outputList.length === 0)
      throw new ValueError(
        'Model',
        'at least one input and one output',
        `${inputList.length} inputs, ${outputList.length} outputs`,
      );
    const nodes = topologicalNodes(inputList, outputList);
    this.graph = { inputs: inputList, outputs: outputList, nodes, layers: layersOf(nodes) };
  }

  /**
   * Appends one layer call to a built graph whose single output feeds it, and makes its output
   * the model's: what Sequential.add needs, without walking the whole graph again (which made
   * adding n layers cost n^2).
   */
  protected appendToGraph(output: SymbolicTensor): void {
    const graph = this.graph;
    if (!graph) throw new ValueError(this.name, 'a built model', 'a model without a graph');
    graph.nodes.push(output.node);
    if (!graph.layers.includes(output.node.layer)) graph.layers.push(output.node.layer);
    graph.outputs = [output];
  }

  /** Builds the graph when it depends on data (Sequential without an input shape). */
  protected ensureGraph(_sample?: Tensor[]): ModelGraph {
    if (!this.graph) throw new ValueError(this.name, 'a built model', 'a model without a graph');
    return this.graph;
  }

  get built(): boolean {
    return this.graph !== null;
  }

  get inputs(): SymbolicTensor[] {
    return this.graph?.inputs ?? [];
  }

  get outputs(): SymbolicTensor[] {
    return this.graph?.outputs ?? [];
  }

  /** Layers in graph order (input layers first). */
  get layers(): Layer[] {
    return this.graph?.layers ?? [];
  }

  /** Output names (the producing layers' names), used to name per-output losses and metrics. */
  get outputNames(): string[] {
    return this.outputs.map((s) => s.node.layer.name);
  }

  /** The dtypes the model's inputs expect (int32 for token ids). */
  get inputDtypes(): DType[] {
    return this.inputs.map((s) => s.dtype);
  }

  get inputShapes(): Shape[] {
    return this.inputs.map((s) => s.shape);
  }

  /** Runs the graph; recorded for autograd when weights require gradients and recording is on. */
  forward(
    xs: readonly Tensor[],
    training: boolean,
    buffers: LayerBuffers | null = null,
  ): GraphValue[] {
    const graph = this.ensureGraph([...xs]);
    if (xs.length !== graph.inputs.length)
      throw new ValueError(
        this.name,
        `x as ${graph.inputs.length} input tensor(s)`,
        `${xs.length}`,
      );
    graph.inputs.forEach((input, i) => {
      const x = xs[i];
      const fits =
        x instanceof Tensor &&
        x.rank === input.shape.length &&
        input.shape.every((size, axis) => size === null || size === x.shape[axis]);
      if (!fits)
        throw new ShapeError(
          this.name,
          `x${graph.inputs.length > 1 ? `[${i}]` : ''} of shape ${formatLayerShape(input.shape)} (the model's input '${input.node.layer.name}')`,
          x instanceof Tensor ? formatShape(x.shape) : typeof x,
        );
    });
    return runGraph(graph.nodes, graph.inputs, xs, graph.outputs, training, buffers);
  }

  /**
   * Calls the model on tensors (recorded for autograd: use it in custom training loops).
   *
   * @example
   * ```ts
   * // const loss = model.apply(x, { training: true }).sub(y).square().mean(); loss.backward();
   * ```
   */
  apply(x: Tensor | Tensor[], options: { training?: boolean } = {}): Tensor | Tensor[] {
    const outputs = this.forward(Array.isArray(x) ? x : [x], options.training ?? false).map(
      (v) => v.tensor,
    );
    return outputs.length === 1 ? outputs[0] : outputs;
  }

  /** Every layer's weights, in layer order (Keras' `model.weights`), each shared weight once. */
  get weights(): Tensor[] {
    return unique(this.layers.flatMap((layer) => layer.weights));
  }

  get trainableWeights(): Tensor[] {
    return unique(this.layers.flatMap((layer) => layer.trainableWeights));
  }

  get nonTrainableWeights(): Tensor[] {
    return unique(this.layers.flatMap((layer) => layer.nonTrainableWeights));
  }

  /** `layer/weight` names in the order of `weights`. */
  get weightNames(): string[] {
    const seen = new Set<Tensor>();
    const names: string[] = [];
    for (const layer of this.layers) {
      const weights = layer.weights;
      layer.weightNames.forEach((name, i) => {
        if (!seen.has(weights[i])) {
          seen.add(weights[i]);
          names.push(name);
        }
      });
    }
    return names;
  }

  getWeights(): Tensor[] {
    return this.weights.map((w) => w.clone());
  }

  setWeights(values: readonly Tensor[]): void {
    const weights = this.weights;
    if (values.length !== weights.length)
      throw new ValueError(
        `${this.name}.setWeights`,
        `${weights.length} weight arrays`,
        `${values.length}`,
      );
    weights.forEach((w, i) => {
      if (values[i].shape.join() !== w.shape.join())
        throw new ValueError(
          `${this.name}.setWeights`,
          `weight ${i} of shape [${w.shape}]`,
          `[${values[i].shape}]`,
        );
      w.data.set(values[i].dtype === w.dtype ? values[i].data : cast(values[i], w.dtype).data);
    });
  }

  countParams(): number {
    return this.weights.reduce((n, w) => n + w.size, 0);
  }

  /** Configures training: optimizer, loss(es), metrics and loss weights. */
  compile(options: CompileOptions): void {
    if (!options || options.loss === undefined) throw new ValueError('compile', 'a loss', 'none');
    this.ensureGraphForCompile();
    this.trainer = new Trainer(this, this.outputNamesForCompile(), options);
  }

  /** Sequential may compile before its graph exists: it then has one output. */
  protected ensureGraphForCompile(): void {}
  protected outputNamesForCompile(): string[] {
    return this.outputNames;
  }

  /** The compiled optimizer (null before compile). */
  get optimizer(): Optimizer | null {
    return this.trainer?.optimizer ?? null;
  }

  /** Replaces the compiled optimizer; the new one starts without state. */
  set optimizer(optimizer: Optimizer) {
    if (!(optimizer instanceof Optimizer))
      throw new ValueError(`${this.name}.optimizer`, 'an Optimizer instance', String(optimizer));
    this.compiledTrainer().optimizer = optimizer;
  }

  /** The compiled metrics' log names and directions (built on the first batch). */
  get metrics(): { name: string; direction: 'up' | 'down' }[] {
    return this.trainer?.metrics ?? [];
  }

  get isCompiled(): boolean {
    return this.trainer !== null;
  }

  /**
   * The compile settings as JSON, what `save` writes to model.json: losses and metrics by name or
   * as `{ className, config }`, the loss weights, and the optimizer's config as it is now (a
   * learning rate a callback lowered included). Null before compile. Throws a ValueError when a
   * loss or metric is a plain function, which has no JSON form.
   *
   * @example
   * ```ts
   * import { Dense } from '@recur/layers';
   * import { Sequential } from '@recur/models';
   * const model = new Sequential([new Dense({ units: 1, inputShape: [3] })]);
   * model.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
   * const config = model.compileConfig();
   * console.log(config?.loss, config?.metrics, config?.optimizer?.className); // mse [ 'mae' ] Adam
   * ```
   */
  compileConfig(): CompileConfig | null {
    return this.trainer?.compileConfig() ?? null;
  }

  private compiledTrainer(): Trainer {
    if (!this.trainer)
      throw new ValueError(
        this.name,
        'a compiled model (call compile() first)',
        'an uncompiled model',
      );
    return this.trainer;
  }

  /** One optimization step on a batch; returns the running logs. */
  trainOnBatch(x: ModelData, y: ModelData, options: { sampleWeight?: Tensor } = {}): Logs {
    return this.compiledTrainer().trainOnBatch(x, y, options);
  }

  /** The loss and metrics on a batch, without updating weights. */
  testOnBatch(x: ModelData, y: ModelData, options: { sampleWeight?: Tensor } = {}): Logs {
    return this.compiledTrainer().testOnBatch(x, y, options);
  }

  /** Predictions for one batch, without recording for autograd. */
  predictOnBatch(x: ModelData): Tensor | Tensor[] {
    const xs = toTensorList(x, Math.max(1, this.inputs.length), this.inputDtypes, 'x');
    const batch = { batchSize: Math.max(1, xs[0].shape[0]) };
    return predictInBatches(this, xs.length === 1 ? xs[0] : xs, batch, this.stepBuffers());
  }

  /** The buffers predict runs with, or null when compiled with `jitCompile: false`. */
  private stepBuffers(): StepBuffers | null {
    return this.trainer && !this.trainer.compiledSteps ? null : this.predictBuffers;
  }

  /**
   * Trains for `epochs` passes over the data. `x`/`y` are Tensors, nested arrays, typed arrays
   * with shapes (`{ data, shape }`), or a Dataset / async iterable of `{ x, y }` batches (then `y`
   * is omitted). Yields to the event loop after every batch; stops cleanly on `signal.abort()` or
   * `model.stopTraining = true`. Returns the History (`history.history.loss`, `val_loss`, ...).
   */
  async fit(
    x: ModelData | BatchSource,
    y?: ModelData | FitOptions,
    options?: FitOptions,
  ): Promise<History> {
    return this.compiledTrainer().fit(x, y, options);
  }

  /** The loss and metrics over the data (Keras' `evaluate(..., return_dict=True)`). */
  async evaluate(
    x: ModelData | BatchSource,
    y?: ModelData | EvaluateOptions,
    options?: EvaluateOptions,
  ): Promise<Logs> {
    return this.compiledTrainer().evaluate(x, y, options);
  }

  /** Outputs for the inputs, computed in batches without an autograd tape. */
  predict(x: ModelData, options: PredictOptions = {}): Tensor | Tensor[] {
    return predictInBatches(this, x, options, this.stepBuffers());
  }

  /**
   * Prints a Keras-style table: layer name (type), output shape, parameter count (and the layers
   * each layer is connected to, for functional models), then total / trainable / non-trainable
   * parameters.
   */
  summary(printFn: (line: string) => void = console.log): void {
    printSummary(this, this.graph?.nodes ?? [], printFn);
  }

  getLearningRate(): number {
    if (!this.trainer) throw new ValueError(this.name, 'a compiled model', 'no optimizer');
    return this.trainer.optimizer.currentLearningRate();
  }

  setLearningRate(value: number): void {
    if (!this.trainer) throw new ValueError(this.name, 'a compiled model', 'no optimizer');
    this.trainer.optimizer.learningRate = value;
  }

  /** Saves architecture, weights (safetensors), compile settings and optimizer state to a directory. */
  async save(path: string, options: SaveOptions = {}): Promise<void> {
    await saveModel(this, path, options);
  }

  /** The architecture as JSON-serializable config (see `loadModel`). */
  getConfig(): Record<string, unknown> {
    return functionalConfig(this, this.graph?.nodes ?? []);
  }

  toString(): string {
    return `${this.className}(name=${this.name}, ${this.layers.length} layers)`;
  }
}

function unique(tensors: Tensor[]): Tensor[] {
  return [...new Set(tensors)];
}

/** Keras-like functional config: layers with the nodes (calls) that wire them. */
function functionalConfig(model: Model, nodes: readonly LayerNode[]): Record<string, unknown> {
  const nodeIndex = new Map<LayerNode, number>();
  const counters = new Map<Layer, number>();
  for (const node of nodes) {
    const index = counters.get(node.layer) ?? 0;
    nodeIndex.set(node, index);
    counters.set(node.layer, index + 1);
  }
  const reference = (s: SymbolicTensor) => [
    s.node.layer.name,
    nodeIndex.get(s.node) ?? 0,
    s.outputIndex,
  ];
  const layers = model.layers.map((layer) => ({
    ...layer.serialize(),
    name: layer.name,
    nodes: nodes
      .filter((node) => node.layer === layer && node.inputs.length > 0)
      .map((node) => ({
        inputs: node.inputs.map(reference),
        initialState: node.initialState.map(reference),
        inputsIsList: node.inputsIsList,
        training: node.training ?? null,
      })),
  }));
  return {
    name: model.name,
    layers,
    inputs: model.inputs.map(reference),
    outputs: model.outputs.map(reference),
  };
}
