import {
  cast,
  DTypeError,
  type DType,
  ShapeError,
  Tensor,
  ValueError,
  tensor,
} from '@recur/tensor';
import type { DataArray } from '@recur/tensor';
import {
  booleanOption,
  checkWeightSize,
  inputShapeArgument,
  nonEmptyString,
  optionsObject,
  positiveInteger,
  rejectUnknownOptions,
  shapeOption,
} from './arguments.js';
import { checkCallOptions, layerInputs } from './call-arguments.js';
import { describeValue } from '@recur/tensor';
import type { Initializer } from './initializers/initializer.js';
import { initialWeightValue } from './initializers/saved-weights.js';
import type { LayerBuffers } from './layer-buffers.js';
import { checkInputSpec, type InputSpec } from './input-spec.js';
import { uniqueLayerName } from './naming.js';
import type { Regularizer } from './regularizers.js';
import type { Serialized } from './serialization.js';
import { formatLayerShape, type Shape } from './shape.js';
import { isSymbolic, type LayerNode, SymbolicTensor } from './symbolic-tensor.js';

/** Options every layer accepts. */
export interface LayerConfig {
  name?: string;
  trainable?: boolean;
  /** Weight dtype (default float32; float64 for gradient checks). */
  dtype?: 'float32' | 'float64';
  /** Input shape without the batch axis, for the first layer of a Sequential model. */
  inputShape?: Shape;
  /** Fixed batch size (stateful recurrent layers need one). */
  batchSize?: number;
  /** Full input shape including the batch axis (alternative to inputShape + batchSize). */
  batchInputShape?: Shape;
}

/** What `apply`/`call` receive besides the inputs. */
export interface CallOptions {
  /** Training mode: dropout is active only when true. */
  training?: boolean;
  /** `[batch, steps]` mask from an Embedding(maskZero) or Masking layer (1 = valid). */
  mask?: Tensor | null;
  /** Initial states of a recurrent layer (`[h]` or `[h, c]`). */
  initialState?: Tensor[] | null;
  /**
   * Memory kept between steps (see {@link LayerBuffers}): recurrent layers write their outputs,
   * workspace and gradients there. Outputs then live until the same layer's next call.
   */
  buffers?: LayerBuffers | null;
}

export type LayerInput = Tensor | Tensor[];
export type LayerOutput = Tensor | Tensor[];

const BASE_CONFIG_KEYS = [
  'name',
  'trainable',
  'dtype',
  'inputShape',
  'batchSize',
  'batchInputShape',
];

interface LayerWeight {
  name: string;
  value: Tensor;
  trainable: boolean;
  regularizer: Regularizer | null;
}

/**
 * The base of every layer, modelled on Keras: the constructor takes the configuration, `build`
 * creates the weights for an input shape, `call` computes with tensor ops, and `apply` builds on
 * first use and runs `call` (or records a symbolic call when given symbolic tensors). Weights are
 * tensors with `requiresGrad`; optimizers update them in place.
 *
 * @example
 * ```ts
 * import { Layer, registerLayer, type CallOptions } from '@recur/layers';
 * import type { Tensor } from '@recur/tensor';
 * class Scale extends Layer {
 *   readonly className = 'Scale';
 *   call(x: Tensor, _options: CallOptions) { return x.mul(2); }
 * }
 * registerLayer('Scale', (config) => new Scale(config));
 * ```
 */
export abstract class Layer {
  abstract readonly className: string;
  readonly name: string;
  readonly dtype: 'float32' | 'float64';
  /** Input shape with the batch axis, when given in the config. */
  readonly batchInputShape: Shape | null;
  /** Whether the layer passes masks through (see computeMask). */
  supportsMasking = false;
  built = false;
  /** Symbolic calls of this layer (functional models). */
  readonly inboundNodes: LayerNode[] = [];
  /**
   * What `apply` and `build` accept (rank, and the sizes the layer was built for). A layer with a
   * spec takes exactly one tensor; null (custom layers): anything, lists included.
   */
  protected inputSpec: InputSpec | null = null;
  /** Whether `apply` takes `initialState` (recurrent layers); other layers refuse one. */
  protected takesInitialState = false;
  /**
   * Whether int32 inputs are cast to the layer's dtype, as Keras autocasts them for layers that
   * compute with floats (Dense, Activation, Dropout, recurrent layers). Off by default, so ids
   * pass through shape-only layers on their way to an Embedding.
   */
  protected castsIntegerInputs = false;
  private trainableFlag: boolean;
  private readonly weightList: LayerWeight[] = [];
  private readonly givenConfig: Record<string, unknown>;
  private configChecked = false;

  constructor(config: LayerConfig = {}) {
    const className = new.target.name || 'Layer';
    this.givenConfig = optionsObject(className, 'config', config);
    const name = this.option('name');
    this.name =
      name === undefined ? uniqueLayerName(className) : nonEmptyString(className, 'name', name);
    this.trainableFlag = booleanOption(this.name, 'trainable', this.option('trainable'), true);
    const dtype = this.option('dtype') ?? 'float32';
    if (dtype !== 'float32' && dtype !== 'float64')
      throw new DTypeError(this.name, 'dtype float32 or float64', describeValue(dtype));
    this.dtype = dtype;
    const batchSize = this.option('batchSize');
    const batch =
      batchSize === undefined || batchSize === null
        ? null
        : positiveInteger(this.name, 'batchSize', batchSize);
    // Both are checked even when batchInputShape wins, so neither is ignored unseen.
    const given = (key: string, minRank: number) => {
      const shape = this.option(key);
      return shape === undefined || shape === null
        ? null
        : shapeOption(this.name, key, shape, { minRank });
    };
    const batchInputShape = given('batchInputShape', 1);
    const inputShape = given('inputShape', 0);
    this.batchInputShape = batchInputShape ?? (inputShape ? [batch, ...inputShape] : null);
  }

  /**
   * A configuration option as given to the constructor (own keys only, so nothing is read from
   * the prototype chain); `undefined` when absent. Subclasses read their options through it and
   * check each with the helpers of `arguments.ts`.
   */
  protected option(key: string): unknown {
    return Object.hasOwn(this.givenConfig, key) ? this.givenConfig[key] : undefined;
  }

  /** Options a layer accepts beyond those its getConfig() reports (e.g. Keras' `unroll`). */
  protected acceptedConfigKeys(): string[] {
    return [];
  }

  /**
   * Rejects options the layer does not know, as Keras rejects unknown keyword arguments (a
   * `return_sequences` would otherwise be silently ignored). Runs on first use (`apply`, `build`,
   * `step`), once the subclass has read its configuration, and when a wrapper takes the layer
   * (its copies are made from its config, which would drop an unknown option). Runs once.
   */
  checkConfigKeys(): void {
    if (this.configChecked) return;
    rejectUnknownOptions(this.name, Object.keys(this.givenConfig), [
      ...Object.keys(this.getConfig()),
      ...BASE_CONFIG_KEYS,
      ...this.acceptedConfigKeys(),
    ]);
    this.configChecked = true;
  }

  /**
   * Creates the weights for an input shape (called once, by `apply`). Overrides start with
   * `this.checkBuildShape(inputShape)`.
   */
  build(inputShape: Shape | Shape[]): void {
    this.checkBuildShape(inputShape);
    this.built = true;
  }

  /**
   * Refuses an input shape that is not an array of sizes (or, for a layer taking several inputs, a
   * list of them), or that the layer's {@link InputSpec} does not accept.
   */
  protected checkBuildShape(inputShape: unknown): void {
    this.checkConfigKeys();
    if (Array.isArray(inputShape) && inputShape.length > 0 && Array.isArray(inputShape[0])) {
      for (const shape of inputShape) inputShapeArgument(this.name, 'inputShape', shape);
      return;
    }
    const shape = inputShapeArgument(this.name, 'inputShape', inputShape);
    checkInputSpec(this.name, 'inputShape', shape, this.inputSpec);
  }

  /** The computation, with tensor ops only. */
  abstract call(inputs: LayerInput, options: CallOptions): LayerOutput;

  /** Output shape for an input shape (default: unchanged). */
  computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  /** The output mask for an input mask (default: passed through when `supportsMasking`). */
  computeMask(_inputs: LayerInput, mask: Tensor | null): Tensor | null {
    return this.supportsMasking ? mask : null;
  }

  /**
   * Builds on first use, then calls. With symbolic inputs, records the call and returns symbolic
   * outputs (functional API). The inputs and options are checked first: a tensor (or a list of
   * them), `training` a boolean, `mask` a tensor, `initialState` a list of tensors, and a shape
   * the layer accepts.
   */
  apply(inputs: LayerInput, options?: CallOptions): LayerOutput;
  apply(
    inputs: SymbolicTensor | SymbolicTensor[],
    options?: { training?: boolean; initialState?: SymbolicTensor[] | null },
  ): SymbolicTensor | SymbolicTensor[];
  apply(
    inputs: LayerInput | SymbolicTensor | SymbolicTensor[],
    options: CallOptions | { training?: boolean; initialState?: SymbolicTensor[] | null } = {},
  ): LayerOutput | SymbolicTensor | SymbolicTensor[] {
    this.checkConfigKeys();
    const checked = checkCallOptions(this.name, options);
    if (!this.takesInitialState && checked.initialState)
      throw new ValueError(
        this.name,
        'no initialState (only recurrent layers take one)',
        describeValue(checked.initialState),
      );
    if (this.inputSpec !== null && Array.isArray(inputs))
      throw new ValueError(
        this.name,
        'inputs a single tensor (the layer takes one input)',
        `a list of ${inputs.length}`,
      );
    if (isSymbolic(inputs) || isSymbolic(checked.initialState)) {
      if (!isSymbolic(inputs))
        throw new ValueError(
          this.name,
          'symbolic inputs with a symbolic initialState',
          describeValue(inputs),
        );
      return this.applySymbolic(
        inputs,
        checked as { training?: boolean; initialState?: SymbolicTensor[] | null },
      );
    }
    const list = layerInputs(this.name, inputs);
    const shapes = list.map((t) => [...t.shape] as Shape);
    if (!Array.isArray(inputs)) checkInputSpec(this.name, 'inputs', shapes[0], this.inputSpec);
    if (!this.built) {
      this.build(Array.isArray(inputs) ? shapes : shapes[0]);
      this.built = true;
    }
    return this.call(
      Array.isArray(inputs) ? list.map((t) => this.castInput(t)) : this.castInput(list[0]),
      checked as CallOptions,
    );
  }

  /** Float inputs in the layer's dtype (int inputs, such as token ids, too if castsIntegerInputs). */
  protected castInput(x: Tensor): Tensor {
    if (x.dtype === 'int32' && !this.castsIntegerInputs) return x;
    return x.dtype !== this.dtype ? cast(x, this.dtype) : x;
  }

  private applySymbolic(
    inputs: SymbolicTensor | SymbolicTensor[],
    options: { training?: boolean; initialState?: SymbolicTensor[] | null },
  ): SymbolicTensor | SymbolicTensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const shapes = list.map((s) => [...s.shape]);
    if (!Array.isArray(inputs)) checkInputSpec(this.name, 'inputs', shapes[0], this.inputSpec);
    if (!this.built) {
      this.build(Array.isArray(inputs) ? shapes : shapes[0]);
      this.built = true;
    }
    const outputShape = this.computeOutputShape(Array.isArray(inputs) ? shapes : shapes[0]);
    const multiple = outputShape.length > 0 && Array.isArray(outputShape[0]);
    const outputShapes = (multiple ? outputShape : [outputShape]) as Shape[];
    const node: LayerNode = {
      layer: this,
      inputs: list,
      initialState: options.initialState ?? [],
      outputs: [],
      inputsIsList: Array.isArray(inputs),
      training: options.training,
    };
    const outputDtype = this.outputDtype(list[0].dtype);
    node.outputs = outputShapes.map(
      (shape, i) => new SymbolicTensor(shape, outputDtype, node, i, `${this.name}/output_${i}`),
    );
    this.inboundNodes.push(node);
    return multiple ? node.outputs : node.outputs[0];
  }

  /** The dtype of the layer's outputs for an input dtype (float layers output their own dtype). */
  protected outputDtype(_inputDtype: DType): DType {
    return this.dtype;
  }

  /** Creates a weight (a tensor that requires gradients when trainable). */
  protected addWeight(
    name: string,
    shape: readonly number[],
    initializer: Initializer,
    options: { trainable?: boolean; regularizer?: Regularizer | null } = {},
  ): Tensor {
    // Layers check their own weights against the limit naming the option responsible; this
    // catches a custom layer's oversized weight before it is allocated.
    checkWeightSize(this.name, 'a configuration and input shape', shape, name, shape);
    const value = initialWeightValue(`${this.name}/${name}`, shape, this.dtype, () =>
      initializer.generate(shape, this.dtype),
    );
    const trainable = options.trainable ?? true;
    value.requiresGrad = trainable && this.trainableFlag;
    this.weightList.push({
      name: `${this.name}/${name}`,
      value,
      trainable,
      regularizer: options.regularizer ?? null,
    });
    return value;
  }

  get trainable(): boolean {
    return this.trainableFlag;
  }

  /** Freezing a layer stops its weights from receiving gradients and optimizer updates. */
  set trainable(value: boolean) {
    this.trainableFlag = booleanOption(this.name, 'trainable', value, undefined);
    for (const w of this.weightList) w.value.requiresGrad = w.trainable && value;
  }

  /** Every weight, trainable first then non-trainable (Keras order). */
  get weights(): Tensor[] {
    return [...this.trainableWeights, ...this.nonTrainableWeights];
  }

  get trainableWeights(): Tensor[] {
    return this.trainableFlag
      ? this.weightEntries()
          .filter((w) => w.trainable)
          .map((w) => w.value)
      : [];
  }

  get nonTrainableWeights(): Tensor[] {
    return this.weightEntries()
      .filter((w) => !w.trainable || !this.trainableFlag)
      .map((w) => w.value);
  }

  /** Weight names (`layer/kernel`, ...) in the order of `weights`. */
  get weightNames(): string[] {
    const own = this.weightEntries();
    return [
      ...own.filter((w) => w.trainable && this.trainableFlag),
      ...own.filter((w) => !w.trainable || !this.trainableFlag),
    ].map((w) => w.name);
  }

  /** @internal The layer's own weights plus those of sub-layers (wrappers override). */
  weightEntries(): LayerWeight[] {
    return this.weightList;
  }

  /** Copies of the weights, in Keras order and layouts. */
  getWeights(): Tensor[] {
    return this.weights.map((w) => w.clone());
  }

  /** Replaces the weights' values (same count, shapes and order as `getWeights`). */
  setWeights(values: readonly (Tensor | DataArray | number[])[]): void {
    const weights = this.weights;
    if (!Array.isArray(values))
      throw new ValueError(
        `${this.name}.setWeights`,
        `values a list of ${weights.length} weight arrays`,
        describeValue(values),
      );
    if (values.length !== weights.length) {
      throw new ValueError(
        `${this.name}.setWeights`,
        `${weights.length} weight arrays`,
        `${values.length}`,
      );
    }
    weights.forEach((weight, i) => {
      const value = values[i];
      if (!(value instanceof Tensor) && !Array.isArray(value) && !ArrayBuffer.isView(value))
        throw new ValueError(
          `${this.name}.setWeights`,
          `values[${i}] a Tensor, an array or a typed array`,
          describeValue(value),
        );
      const incoming =
        Array.isArray(value) || ArrayBuffer.isView(value)
          ? tensor(value as number[], undefined, { dtype: weight.dtype })
          : (value as Tensor);
      if (
        incoming.size !== weight.size ||
        (!Array.isArray(value) &&
          !ArrayBuffer.isView(value) &&
          incoming.shape.join() !== weight.shape.join())
      ) {
        throw new ShapeError(
          `${this.name}.setWeights`,
          `weight ${i} of shape [${weight.shape.join(', ')}]`,
          `[${incoming.shape.join(', ')}]`,
        );
      }
      weight.data.set(
        incoming.dtype === weight.dtype ? incoming.data : cast(incoming, weight.dtype).data,
      );
    });
  }

  /** Number of scalars in the weights. */
  countParams(): number {
    return this.weights.reduce((n, w) => n + w.size, 0);
  }

  /** The regularization penalties of this layer's weights, to add to the loss. */
  regularizationLosses(): Tensor[] {
    return this.weightEntries()
      .filter((w) => w.regularizer !== null && w.trainable && this.trainableFlag)
      .map((w) => w.regularizer!.apply(w.value));
  }

  /** The configuration that recreates this layer (JSON-serializable). */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      name: this.name,
      trainable: this.trainableFlag,
      dtype: this.dtype,
    };
    if (this.batchInputShape) config.batchInputShape = this.batchInputShape;
    return config;
  }

  serialize(): Serialized {
    return { className: this.className, config: this.getConfig() };
  }

  toString(): string {
    return `${this.className}(name=${this.name}${this.batchInputShape ? `, input ${formatLayerShape(this.batchInputShape)}` : ''})`;
  }
}

export type { LayerWeight };
