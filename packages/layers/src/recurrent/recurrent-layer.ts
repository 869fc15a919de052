import { noGrad, Random, randomFor, ShapeError, type Tensor } from '@recur/tensor';
import { tensorArgument } from '../arguments.js';
import { checkInputSpec } from '../input-spec.js';
import type { CallOptions } from '../layer.js';
import type { Shape } from '../shape.js';
import { checkSequence } from './check-sequence.js';
import type { RecurrentLayerConfig } from './recurrent-config.js';
import { RecurrentCellLayer } from './recurrent-cell-layer.js';
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
 * `step` API. What differs by cell, each subclass declares (see RecurrentCellLayer).
 */
export abstract class RecurrentLayer extends RecurrentCellLayer {
  /** The carried states of a stateful layer (null until the first call or after resetStates()). */
  states: Tensor[] | null = null;
  private readonly random: Random;

  constructor(config: RecurrentLayerConfig) {
    super(config);
    this.random = new Random(this.seed ?? randomFor().nextUint32());
    this.supportsMasking = true;
    this.takesInitialState = true;
    this.castsIntegerInputs = true;
    this.inputSpec = { rank: 3, layout: '(batch, steps, features)' };
    if (this.stateful) checkStatefulBatch(this.name, this.batchInputShape);
  }

  /** The cell's states in the kernels' order (LSTM adds `c`): what `initialState` takes. */
  get stateNames(): StateNames {
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
    // A stateful layer's final states are carried into its next call: they cannot live in
    // buffers that call overwrites.
    const buffers = this.stateful ? null : (options.buffers?.take(this) ?? null);
    // The output sequence is computed only when it is returned or the last masked output is
    // taken from it: otherwise h is the output, and no [batch, steps, units] array is written.
    const mask = options.mask ?? null;
    const result = this.run(x, {
      initialState,
      mask,
      recurrentDropoutMask,
      buffers,
      sequence: this.returnSequences || mask !== null,
    });
    const finalStates = result.c ? [result.h, result.c] : [result.h];
    // Stateful layers carry values, not gradients, across calls (truncated backpropagation).
    if (this.stateful) this.states = finalStates.map((s) => s.detach());
    // The last output. Without a mask it is h itself (the cells output h): taking h spares a
    // copy forward and, backward, a zero [batch, steps, units] gradient with one step filled.
    // With a mask it is the last valid step's output, zeros for a row with no valid step (as
    // Keras returns it), which h is not when an initial state is given.
    const sequence = result.sequence;
    const output =
      sequence === null
        ? result.h
        : this.returnSequences
          ? sequence
          : sequence.slice([0, inputs.shape[1] - 1, 0], [-1, 1, -1]).reshape(batchUnits);
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
      // One step without a mask: the output is h itself.
      const result = this.run(input, {
        initialState,
        mask: null,
        recurrentDropoutMask: null,
        sequence: false,
      });
      const output = result.h;
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
}
