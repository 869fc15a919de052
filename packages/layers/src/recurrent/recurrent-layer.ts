import {
  dropout,
  formatShape,
  noGrad,
  ones,
  Random,
  randomFor,
  type RecurrentActivation,
  type RecurrentCell,
  type RecurrentOptions,
  type RecurrentResult,
  ShapeError,
  type Tensor,
  ValueError,
  zeros,
} from '@recur/tensor';
import { recurrentActivationName } from '../activations.js';
import {
  booleanOption,
  checkWeightSize,
  positiveInteger,
  rate,
  seedOption,
  tensorArgument,
} from '../arguments.js';
import { describeValue } from '@recur/tensor';
import { type Initializer, initializerOption } from '../initializers/initializer.js';
import { checkInputSpec } from '../input-spec.js';
import { type CallOptions, Layer, type LayerConfig } from '../layer.js';
import { type Regularizer, regularizerOption } from '../regularizers.js';
import type { Serialized } from '../serialization.js';
import { lastAxis, type Shape } from '../shape.js';

/** Keras' recurrent-layer arguments (camelCase). */
export interface RecurrentLayerConfig extends LayerConfig {
  units: number;
  /** Default tanh. */
  activation?: string | null;
  /** Default sigmoid (Keras 3; tfjs used hardSigmoid). SimpleRNN has none. */
  recurrentActivation?: string | null;
  useBias?: boolean;
  /** Default glorotUniform. */
  kernelInitializer?: string | Serialized | Initializer;
  /** Default orthogonal. */
  recurrentInitializer?: string | Serialized | Initializer;
  /** Default zeros. */
  biasInitializer?: string | Serialized | Initializer;
  kernelRegularizer?: string | Serialized | Regularizer | null;
  recurrentRegularizer?: string | Serialized | Regularizer | null;
  biasRegularizer?: string | Serialized | Regularizer | null;
  /** Fraction of the inputs dropped (one mask per sequence, during training). */
  dropout?: number;
  /** Fraction of h_{t-1} dropped in the recurrent matmul (one mask per sequence, during training). */
  recurrentDropout?: number;
  /** Return the whole output sequence `[batch, steps, units]` instead of the last output. */
  returnSequences?: boolean;
  /** Also return the final states (`[output, h]` or `[output, h, c]`). */
  returnState?: boolean;
  /** Process the sequence in reverse (the returned sequence is in processing order, as Keras). */
  goBackwards?: boolean;
  /** Carry the final states into the next call (needs a fixed batch size); see resetStates(). */
  stateful?: boolean;
  /** Seed for the dropout masks. */
  seed?: number;
}

/** The state of a recurrent layer between streaming steps: `h` (and `c` for LSTM), `[batch, units]`. */
export interface RecurrentState {
  h: Tensor;
  c?: Tensor;
}

/** A cell's states in the kernels' order: `h` first (it is also the output), then the others. */
export type StateNames = readonly (keyof RecurrentState)[];

/**
 * The shared base of SimpleRNN, LSTM and GRU: weights in Keras 3 layouts, one fused kernel call per
 * pass (see @recur/tensor's lstm/gru/simpleRnn), masks, dropout, stateful mode and a streaming
 * `step` API.
 */
export abstract class RecurrentLayer extends Layer {
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
    const name = this.name;
    this.units = positiveInteger(name, 'units', this.option('units'));
    // The recurrent kernel's size depends on units alone: refuse an impossible one now, before
    // anything is built (an LSTM(100000) would otherwise initialize a 4 * 10^10-element matrix).
    checkWeightSize(name, 'units', this.units, 'recurrent_kernel', [
      this.units,
      this.gateCount() * this.units,
    ]);
    const activation = this.option('activation');
    this.activationName = recurrentActivationName(
      name,
      'activation',
      activation === undefined ? 'tanh' : activation,
    );
    const recurrentActivation = this.option('recurrentActivation');
    this.recurrentActivationName = recurrentActivationName(
      name,
      'recurrentActivation',
      recurrentActivation === undefined ? 'sigmoid' : recurrentActivation,
    );
    this.useBias = booleanOption(name, 'useBias', this.option('useBias'), true);
    this.kernelInitializer = initializerOption(
      name,
      'kernelInitializer',
      this.option('kernelInitializer'),
      'glorotUniform',
    );
    this.recurrentInitializer = initializerOption(
      name,
      'recurrentInitializer',
      this.option('recurrentInitializer'),
      'orthogonal',
    );
    this.biasInitializer = initializerOption(
      name,
      'biasInitializer',
      this.option('biasInitializer'),
      'zeros',
    );
    this.kernelRegularizer = regularizerOption(
      name,
      'kernelRegularizer',
      this.option('kernelRegularizer'),
    );
    this.recurrentRegularizer = regularizerOption(
      name,
      'recurrentRegularizer',
      this.option('recurrentRegularizer'),
    );
    this.biasRegularizer = regularizerOption(
      name,
      'biasRegularizer',
      this.option('biasRegularizer'),
    );
    const given = (key: string) => (this.option(key) === undefined ? 0 : this.option(key));
    this.dropout = rate(name, 'dropout', given('dropout'));
    this.recurrentDropout = rate(name, 'recurrentDropout', given('recurrentDropout'));
    this.returnSequences = booleanOption(
      name,
      'returnSequences',
      this.option('returnSequences'),
      false,
    );
    this.returnState = booleanOption(name, 'returnState', this.option('returnState'), false);
    this.goBackwards = booleanOption(name, 'goBackwards', this.option('goBackwards'), false);
    this.stateful = booleanOption(name, 'stateful', this.option('stateful'), false);
    booleanOption(name, 'unroll', this.option('unroll'), false);
    this.seed = seedOption(name, 'seed', this.option('seed'));
    this.random = new Random(this.seed ?? randomFor().nextUint32());
    this.supportsMasking = true;
    this.takesInitialState = true;
    this.castsIntegerInputs = true;
    this.inputSpec = { rank: 3, layout: '(batch, steps, features)' };
    if (this.stateful && (!this.batchInputShape || this.batchInputShape[0] === null)) {
      throw new ValueError(
        this.name,
        'a fixed batch size for a stateful layer (batchSize with inputShape, or batchInputShape)',
        'no batch size',
      );
    }
  }

  /** Keras' `unroll` is accepted and ignored: the fused kernels never unroll. */
  protected override acceptedConfigKeys(): string[] {
    return ['unroll'];
  }

  /** The cell's states in the kernels' order (LSTM adds `c`). */
  protected get stateNames(): StateNames {
    return ['h'];
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
    checkWeightSize(
      this.name,
      'inputs and units',
      `${features} features, units ${this.units}`,
      'kernel',
      [features, width],
    );
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

  protected get stateCount(): number {
    return this.stateNames.length;
  }

  call(inputs: Tensor, options: CallOptions): Tensor | Tensor[] {
    checkInputSpec(this.name, 'inputs', inputs.shape, this.inputSpec);
    const [batch, steps, features] = inputs.shape;
    if (batch === 0 || steps === 0)
      throw new ShapeError(
        this.name,
        'inputs of at least one sequence of at least one step',
        formatShape(inputs.shape),
      );
    if (options.mask) checkMask(this.name, options.mask, [batch, steps]);
    let x = inputs;
    if (options.training && this.dropout > 0) {
      // One input mask per sequence, shared by every step (as Keras).
      x = x.mul(
        dropout(
          ones([batch, 1, features], { dtype: x.dtype }),
          this.dropout,
          this.random.nextUint32(),
        ),
      );
    }
    const recurrentDropoutMask =
      options.training && this.recurrentDropout > 0
        ? dropout(
            ones([batch, this.units], { dtype: x.dtype }),
            this.recurrentDropout,
            this.random.nextUint32(),
          )
        : null;
    let initialState = options.initialState ?? null;
    if (initialState) {
      if (initialState.length !== this.stateCount)
        throw new ValueError(
          this.name,
          `${this.stateCount} initial state tensor${this.stateCount > 1 ? 's' : ''}`,
          `${initialState.length}`,
        );
      initialState = initialState.map((state, i) => {
        checkShapeIs(this.name, `initialState[${i}]`, state, [batch, this.units], '[batch, units]');
        return this.castInput(state);
      });
    }
    if (!initialState && this.stateful) {
      if (!this.states || this.states[0].shape[0] !== batch)
        this.states = Array.from({ length: this.stateCount }, () =>
          zeros([batch, this.units], { dtype: x.dtype }),
        );
      initialState = this.states;
    }
    const result = this.run(x, { initialState, mask: options.mask ?? null, recurrentDropoutMask });
    const finalStates = result.c ? [result.h, result.c] : [result.h];
    // Stateful layers carry values, not gradients, across calls (truncated backpropagation).
    if (this.stateful) this.states = finalStates.map((s) => s.detach());
    // The last output (not h): with a mask it is the last valid step's output, zeros for a row
    // with no valid step, as Keras returns it.
    const output = this.returnSequences
      ? result.sequence
      : result.sequence
          .slice([0, inputs.shape[1] - 1, 0], [-1, 1, -1])
          .reshape([batch, this.units]);
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
    if (state !== undefined && (state === null || typeof state !== 'object'))
      throw new ValueError(op, 'state { h } or { h, c } (or nothing)', describeValue(state));
    const batchUnits = [x.shape[0], this.units];
    // h is required; a state the cell has but the caller left out starts at zeros.
    if (state)
      for (const name of this.stateNames)
        if (name === 'h' || state[name] !== undefined)
          checkShapeIs(
            op,
            `state.${name}`,
            tensorArgument(op, `state.${name}`, state[name]),
            batchUnits,
            '[batch, units]',
          );
    return noGrad(() => {
      const initialState = state
        ? this.stateNames.map(
            (name) => state[name] ?? zeros(state.h.shape, { dtype: state.h.dtype }),
          )
        : null;
      const result = this.run(this.castInput(x), {
        initialState,
        mask: null,
        recurrentDropoutMask: null,
      });
      const output = result.sequence.reshape([x.shape[0], this.units]);
      return { output, state: result.c ? { h: result.h, c: result.c } : { h: result.h } };
    });
  }

  override computeOutputShape(inputShape: Shape): Shape | Shape[] {
    const [batch, steps] = inputShape;
    const output: Shape = this.returnSequences ? [batch, steps, this.units] : [batch, this.units];
    if (!this.returnState) return output;
    return [output, ...Array.from({ length: this.stateCount }, () => [batch, this.units] as Shape)];
  }

  override computeMask(_inputs: Tensor, mask: Tensor | null): Tensor | null {
    return this.returnSequences ? mask : null;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activationName,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer.serialize(),
      recurrentInitializer: this.recurrentInitializer.serialize(),
      biasInitializer: this.biasInitializer.serialize(),
      kernelRegularizer: this.kernelRegularizer?.serialize() ?? null,
      recurrentRegularizer: this.recurrentRegularizer?.serialize() ?? null,
      biasRegularizer: this.biasRegularizer?.serialize() ?? null,
      dropout: this.dropout,
      recurrentDropout: this.recurrentDropout,
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      goBackwards: this.goBackwards,
      stateful: this.stateful,
      seed: this.seed ?? null,
    };
  }
}

/** Keras serializes a missing seed as null; constructors take undefined. */
export function withoutNulls<T extends object>(config: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== null)) as T;
}

/** Throws a ShapeError naming `argument` unless `value` has exactly `shape`. */
function checkShapeIs(
  layer: string,
  argument: string,
  value: Tensor,
  shape: readonly number[],
  layout: string,
): void {
  if (value.rank !== shape.length || value.shape.some((d, i) => d !== shape[i]))
    throw new ShapeError(
      layer,
      `${argument} of shape ${layout} = ${formatShape(shape)}`,
      formatShape(value.shape),
    );
}

/**
 * A mask must be `[batch, steps]` of 0s and 1s: a 0.5 would blend a step's state with the
 * previous one, a NaN poison it. O(batch * steps), like the mask the kernels read.
 */
function checkMask(layer: string, mask: Tensor, shape: readonly number[]): void {
  checkShapeIs(layer, 'mask', mask, shape, '[batch, steps]');
  const values = mask.data;
  for (let i = 0; i < values.length; i++)
    if (values[i] !== 0 && values[i] !== 1)
      throw new ValueError(
        layer,
        'mask of 0 (padding) and 1 (a valid step) values',
        `${describeValue(values[i])} at flat position ${i}`,
      );
}
