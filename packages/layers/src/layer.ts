import {
  cast,
  DTypeError,
  type DType,
  type Tensor,
  ShapeError,
  ValueError,
  tensor,
} from '@recur/tensor';
import type { DataArray } from '@recur/tensor';
import type { Initializer } from './initializers/initializer.js';
import { initialWeightValue } from './initializers/saved-weights.js';
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
  private trainableFlag: boolean;
  private readonly weightList: LayerWeight[] = [];
  private readonly givenConfigKeys: string[];
  private configChecked = false;

  constructor(config: LayerConfig = {}) {
    this.givenConfigKeys = Object.keys(config ?? {});
    this.name = config.name ?? uniqueLayerName(new.target.name);
    this.trainableFlag = config.trainable ?? true;
    this.dtype = config.dtype ?? 'float32';
    if (this.dtype !== 'float32' && this.dtype !== 'float64')
      throw new DTypeError(this.name, 'dtype float32 or float64', String(this.dtype));
    if (config.batchInputShape) this.batchInputShape = [...config.batchInputShape];
    else if (config.inputShape)
      this.batchInputShape = [config.batchSize ?? null, ...config.inputShape];
    else this.batchInputShape = null;
  }

  /** Options a layer accepts beyond those its getConfig() reports (e.g. Keras' `unroll`). */
  protected acceptedConfigKeys(): string[] {
    return [];
  }

  /**
   * Rejects options the layer does not know, as Keras rejects unknown keyword arguments (a
   * `return_sequences` would otherwise be silently ignored). Runs on first use, once the subclass
   * has read its configuration.
   */
  private checkConfigKeys(): void {
    this.configChecked = true;
    const known = new Set([
      ...Object.keys(this.getConfig()),
      ...BASE_CONFIG_KEYS,
      ...this.acceptedConfigKeys(),
    ]);
    const unknown = this.givenConfigKeys.filter((key) => !known.has(key));
    if (unknown.length === 0) return;
    const hints = unknown.map((key) => {
      const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      return camel !== key && known.has(camel) ? `${key} (did you mean ${camel}?)` : key;
    });
    throw new ValueError(
      this.name,
      `options among ${[...known].sort().join(', ')}`,
      `unknown option${unknown.length > 1 ? 's' : ''} ${hints.join(', ')}`,
    );
  }

  /** Creates the weights for an input shape (called once, by `apply`). */
  build(_inputShape: Shape | Shape[]): void {
    this.built = true;
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
   * outputs (functional API).
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
    if (!this.configChecked) this.checkConfigKeys();
    if (isSymbolic(inputs) || isSymbolic(options.initialState)) {
      return this.applySymbolic(
        inputs as SymbolicTensor | SymbolicTensor[],
        options as { training?: boolean; initialState?: SymbolicTensor[] | null },
      );
    }
    const eager = inputs as LayerInput;
    const list = Array.isArray(eager) ? eager : [eager];
    if (!this.built) {
      const shapes = list.map((t) => [...t.shape] as Shape);
      this.build(Array.isArray(eager) ? shapes : shapes[0]);
      this.built = true;
    }
    return this.call(
      Array.isArray(eager) ? list.map((t) => this.castInput(t)) : this.castInput(eager),
      options as CallOptions,
    );
  }

  /** Float inputs in the layer's dtype (int inputs, such as token ids, pass unchanged). */
  protected castInput(x: Tensor): Tensor {
    return x.dtype !== 'int32' && x.dtype !== this.dtype ? cast(x, this.dtype) : x;
  }

  private applySymbolic(
    inputs: SymbolicTensor | SymbolicTensor[],
    options: { training?: boolean; initialState?: SymbolicTensor[] | null },
  ): SymbolicTensor | SymbolicTensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const shapes = list.map((s) => [...s.shape]);
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
    this.trainableFlag = value;
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
    if (values.length !== weights.length) {
      throw new ValueError(
        `${this.name}.setWeights`,
        `${weights.length} weight arrays`,
        `${values.length}`,
      );
    }
    weights.forEach((weight, i) => {
      const value = values[i];
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
