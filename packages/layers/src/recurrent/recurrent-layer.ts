import {
  noGrad,
  Random,
  type RecurrentActivation,
  type RecurrentCell,
  type RecurrentOptions,
  type RecurrentResult,
  randomFor,
  ShapeError,
  type Tensor,
} from '@recur/tensor';
import { checkWeightSize, tensorArgument } from '../arguments.js';
import type { Initializer } from '../initializers/initializer.js';
import { checkInputSpec } from '../input-spec.js';
import { type CallOptions, Layer } from '../layer.js';
import type { Regularizer } from '../regularizers.js';
import { lastAxis, type Shape } from '../shape.js';
import { checkSequence } from './check-sequence.js';
import {
  type RecurrentArguments,
  type RecurrentLayerConfig,
  readRecurrentConfig,
  recurrentConfigEntries,
} from './recurrent-config.js';
import { sequenceDropout } from './recurrent-dropout.js';
import {
  carriedStates,
  checkStatefulBatch,
  initialStateList,
  type RecurrentState,
  type StateNames,
  stepStateList,
} from './recurrent-state.js';

export type { RecurrentLayerConfig } from './recurrent-config.js';
export type { RecurrentState } from './recurrent-state.js';

/**
 * The shared base of SimpleRNN, LSTM and GRU: weights in Keras 3 layouts, one fused kernel call per
 * pass (see @recur/tensor's lstm/gru/simpleRnn), masks, dropout, stateful mode and a streaming
 * `step` API. What differs by cell (gate count, states, bias, fused op), each subclass declares.
 */
export abstract class RecurrentLayer extends Layer implements RecurrentArguments {
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
  ): RecurrentResult;
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
  /** The carried states of a stateful layer (null until the first call or after resetStates()). */
  states: Tensor[] | null = null;
  private readonly random: Random;

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
    this.random = new Random(this.seed ?? randomFor().nextUint32());
    this.supportsMasking = true;
    this.takesInitialState = true;
    this.castsIntegerInputs = true;
    this.inputSpec = { rank: 3, layout: '(batch, steps, features)' };
    if (this.stateful) checkStatefulBatch(this.name, this.batchInputShape);
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
    },
  ): RecurrentResult {
    const [initialH, initialC] = options.initialState ?? [];
    return this.fusedCall(x, this.kernel!, this.recurrentKernel!, this.bias, {
      initialH: initialH ?? null,
      initialC: initialC ?? null,
      mask: options.mask,
      goBackwards: this.goBackwards,
      activation: this.activationName,
      recurrentActivation: this.recurrentActivationName,
      recurrentDropoutMask: options.recurrentDropoutMask,
    });
  }

  /** The cell's states in the kernels' order (LSTM adds `c`). */
  protected get stateNames(): StateNames {
    return ['h'];
  }

  call(inputs: Tensor, options: CallOptions): Tensor | Tensor[] {
    checkInputSpec(this.name, 'inputs', inputs.shape, this.inputSpec);
    checkSequence(this.name, inputs, options.mask ?? null);
    const { x, recurrentDropoutMask } = sequenceDropout(inputs, {
      training: options.training,
      dropout: this.dropout,
      recurrentDropout: this.recurrentDropout,
      units: this.units,
      random: this.random,
    });
    const count = this.stateNames.length;
    const batchUnits = [inputs.shape[0], this.units];
    let initialState = options.initialState
      ? initialStateList(this.name, options.initialState, count, batchUnits, (state) =>
          this.castInput(state),
        )
      : null;
    if (!initialState && this.stateful)
      initialState = this.states = carriedStates(this.states, count, batchUnits, x.dtype);
    const result = this.run(x, { initialState, mask: options.mask ?? null, recurrentDropoutMask });
    const finalStates = result.c ? [result.h, result.c] : [result.h];
    // Stateful layers carry values, not gradients, across calls (truncated backpropagation).
    if (this.stateful) this.states = finalStates.map((s) => s.detach());
    // The last output (not h): with a mask it is the last valid step's output, zeros for a row
    // with no valid step, as Keras returns it.
    const output = this.returnSequences
      ? result.sequence
      : result.sequence.slice([0, inputs.shape[1] - 1, 0], [-1, 1, -1]).reshape(batchUnits);
    return this.returnState ? [output, ...finalStates] : output;
  }

  /** Zeroes the carried states of a stateful layer. */
  resetStates(): void {
    this.states = null;
  }

  /**
   * One step for streaming (token-by-token generation, online forecasting): `xT` is
   * `[batch, features]` (or `[batch, 1, features]`), `state` the previous state (zeros when
   * omitted). Works for any batch size, unlike `stateful`. Runs in inference mode, without a tape.
   *
   * @example
   * ```ts
   * import { LSTM } from '@recur/layers';
   * import { ones } from '@recur/tensor';
   * const layer = new LSTM({ units: 8 });
   * let { output, state } = layer.step(ones([1, 3]));
   * ({ output, state } = layer.step(ones([1, 3]), state));
   * ```
   */
  step(xT: Tensor, state?: RecurrentState): { output: Tensor; state: RecurrentState } {
    const op = `${this.name}.step`;
    tensorArgument(op, 'xT', xT);
    const x = xT.rank === 2 ? xT.expandDims(1) : xT;
    if (x.rank !== 3 || x.shape[1] !== 1)
      throw new ShapeError(
        op,
        'xT of shape [batch, features] or [batch, 1, features]',
        `[${xT.shape.join(', ')}]`,
      );
    if (!this.built) this.build([x.shape[0], 1, x.shape[2]]);
    checkInputSpec(op, 'xT', x.shape, this.inputSpec);
    const batchUnits = [x.shape[0], this.units];
    const initialState = stepStateList(op, state, this.stateNames, batchUnits);
    return noGrad(() => {
      const input = this.castInput(x);
      const result = this.run(input, { initialState, mask: null, recurrentDropoutMask: null });
      const output = result.sequence.reshape(batchUnits);
      return { output, state: result.c ? { h: result.h, c: result.c } : { h: result.h } };
    });
  }

  override computeOutputShape(inputShape: Shape): Shape | Shape[] {
    const [batch, steps] = inputShape;
    const output: Shape = this.returnSequences ? [batch, steps, this.units] : [batch, this.units];
    if (!this.returnState) return output;
    return [output, ...this.stateNames.map((): Shape => [batch, this.units])];
  }

  override computeMask(_inputs: Tensor, mask: Tensor | null): Tensor | null {
    return this.returnSequences ? mask : null;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), ...recurrentConfigEntries(this) };
  }
}
