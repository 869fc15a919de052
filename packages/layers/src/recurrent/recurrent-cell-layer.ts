import type {
  RecurrentActivation,
  RecurrentBuffers,
  RecurrentCell,
  RecurrentOptions,
  RecurrentResult,
  RecurrentStates,
  Tensor,
} from '@recur/tensor';
import { checkWeightSize } from '../arguments.js';
import type { Initializer } from '../initializers/initializer.js';
import { Layer } from '../layer.js';
import type { Regularizer } from '../regularizers.js';
import { lastAxis, type Shape } from '../shape.js';
import {
  type RecurrentArguments,
  type RecurrentLayerConfig,
  readRecurrentConfig,
  recurrentConfigEntries,
} from './recurrent-config.js';

/**
 * A recurrent layer's cell, as Keras' cells own it: the shared arguments, the weights in Keras 3
 * layouts (kernel `[features, gates * units]`, recurrentKernel `[units, gates * units]`, bias) and
 * one fused pass. Each cell declares its gate count, bias and fused op; RecurrentLayer
 * adds the sequence handling (states, masks, dropout, streaming).
 */
export abstract class RecurrentCellLayer extends Layer implements RecurrentArguments {
  /** The cell, as the fused kernels name it. */
  abstract get cell(): RecurrentCell;
  /** Gates per unit; a method, not a field, so the base constructor can size the weights by it. */
  protected abstract gateCount(): number;
  /** One fused pass of the cell over the sequence (@recur/tensor's lstm, gru or simpleRnn). */
  protected abstract fusedCall(
    x: Tensor,
    kernel: Tensor,
    recurrentKernel: Tensor,
    bias: Tensor | null,
    options: RecurrentOptions,
  ): RecurrentResult | RecurrentStates;
  readonly units: number;
  readonly activationName: RecurrentActivation;
  readonly recurrentActivationName: RecurrentActivation;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly recurrentRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  readonly seed?: number;
  kernel: Tensor | null = null;
  recurrentKernel: Tensor | null = null;
  bias: Tensor | null = null;

  constructor(config: RecurrentLayerConfig) {
    super(config);
    const given = readRecurrentConfig(this.name, (key) => this.option(key), this.gateCount());
    this.units = given.units;
    this.activationName = given.activationName;
    this.recurrentActivationName = given.recurrentActivationName;
    this.useBias = given.useBias;
    this.kernelInitializer = given.kernelInitializer;
    this.recurrentInitializer = given.recurrentInitializer;
    this.biasInitializer = given.biasInitializer;
    this.kernelRegularizer = given.kernelRegularizer;
    this.recurrentRegularizer = given.recurrentRegularizer;
    this.biasRegularizer = given.biasRegularizer;
    this.dropout = given.dropout;
    this.recurrentDropout = given.recurrentDropout;
    this.returnSequences = given.returnSequences;
    this.returnState = given.returnState;
    this.goBackwards = given.goBackwards;
    this.stateful = given.stateful;
    this.seed = given.seed;
  }

  /** Keras' `unroll` is accepted and ignored: the fused kernels never unroll. */
  protected override acceptedConfigKeys(): string[] {
    return ['unroll'];
  }

  /** The bias shape (GRU reset-after overrides it with [2, 3H]). */
  protected biasShape(): number[] {
    return [this.gateCount() * this.units];
  }

  /** The initial bias (LSTM's unitForgetBias overrides it). */
  protected initialBias(): Initializer {
    return this.biasInitializer;
  }

  override build(inputShape: Shape): void {
    this.checkBuildShape(inputShape);
    const features = lastAxis(this.name, inputShape);
    const width = this.gateCount() * this.units;
    const sizes = `${features} features, units ${this.units}`;
    checkWeightSize(this.name, 'inputs and units', sizes, 'kernel', [features, width]);
    this.kernel = this.addWeight('kernel', [features, width], this.kernelInitializer, {
      regularizer: this.kernelRegularizer,
    });
    this.recurrentKernel = this.addWeight(
      'recurrent_kernel',
      [this.units, width],
      this.recurrentInitializer,
      { regularizer: this.recurrentRegularizer },
    );
    if (this.useBias)
      this.bias = this.addWeight('bias', this.biasShape(), this.initialBias(), {
        regularizer: this.biasRegularizer,
      });
    this.inputSpec = { rank: 3, axes: { 2: features }, layout: '(batch, steps, features)' };
    this.built = true;
  }

  /** Runs the cell's fused op with the layer's shared options (`initialState` in stateNames order). */
  protected run(
    x: Tensor,
    options: {
      initialState: Tensor[] | null;
      mask: Tensor | null;
      recurrentDropoutMask: Tensor | null;
      buffers?: RecurrentBuffers | null;
      /** Whether the output sequence is needed (false: final states only, `sequence` null). */
      sequence: boolean;
    },
  ): RecurrentResult | RecurrentStates {
    const [initialH, initialC] = options.initialState ?? [];
    return this.fusedCall(x, this.kernel!, this.recurrentKernel!, this.bias, {
      initialH: initialH ?? null,
      initialC: initialC ?? null,
      mask: options.mask,
      goBackwards: this.goBackwards,
      activation: this.activationName,
      recurrentActivation: this.recurrentActivationName,
      recurrentDropoutMask: options.recurrentDropoutMask,
      buffers: options.buffers ?? null,
      sequence: options.sequence,
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), ...recurrentConfigEntries(this) };
  }
}
