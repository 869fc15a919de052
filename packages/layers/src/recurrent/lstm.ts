import {
  concat,
  type DType,
  full,
  lstm,
  type RecurrentOptions,
  type RecurrentResult,
  type RecurrentStates,
  type Tensor,
} from '@recur/tensor';
import { booleanOption } from '../arguments.js';
import { Initializer } from '../initializers/initializer.js';
import { registerLayer } from '../registry.js';
import { type RecurrentLayerConfig, withoutNulls } from './recurrent-config.js';
import { RecurrentLayer } from './recurrent-layer.js';
import type { StateNames } from './recurrent-state.js';

export interface LSTMConfig extends RecurrentLayerConfig {
  /** Initialise the forget-gate bias to 1 (Keras default true; Jozefowicz et al. 2015). */
  unitForgetBias?: boolean;
}

/**
 * Long short-term memory (Hochreiter & Schmidhuber 1997) in Keras 3's form: gates i, f, c, o;
 * `c_t = f * c_{t-1} + i * g`, `h_t = o * tanh(c_t)`; kernel `[features, 4 * units]`,
 * recurrentKernel `[units, 4 * units]`, bias `[4 * units]`. One fused kernel call per pass.
 *
 * @example
 * ```ts
 * import { LSTM } from '@recur/layers';
 * import { ones } from '@recur/tensor';
 * const lstm = new LSTM({ units: 16, returnSequences: true });
 * lstm.apply(ones([4, 10, 3])).shape; // [4, 10, 16]
 * ```
 */
export class LSTM extends RecurrentLayer {
  readonly className = 'LSTM';
  get cell(): 'lstm' {
    return 'lstm';
  }
  protected gateCount(): number {
    return 4;
  }
  /** The hidden state h and the cell state c. */
  override get stateNames(): StateNames {
    return ['h', 'c'];
  }
  readonly unitForgetBias: boolean;
  constructor(config: LSTMConfig) {
    super(config);
    this.unitForgetBias = booleanOption(
      this.name,
      'unitForgetBias',
      this.option('unitForgetBias'),
      true,
    );
  }
  protected fusedCall(
    x: Tensor,
    kernel: Tensor,
    recurrentKernel: Tensor,
    bias: Tensor | null,
    options: RecurrentOptions,
  ): RecurrentResult | RecurrentStates {
    return lstm(x, kernel, recurrentKernel, bias, options);
  }
  protected override initialBias(): Initializer {
    return this.unitForgetBias
      ? new UnitForgetBias(this.biasInitializer, this.units)
      : this.biasInitializer;
  }
  override getConfig() {
    return {
      ...super.getConfig(),
      recurrentActivation: this.recurrentActivationName,
      unitForgetBias: this.unitForgetBias,
    };
  }
}

/** LSTM's bias `[i | f | c | o]` with the forget block at 1, the others from `base`. */
class UnitForgetBias extends Initializer {
  readonly className = 'UnitForgetBias';
  constructor(
    private readonly base: Initializer,
    private readonly units: number,
  ) {
    super();
  }
  generate(_shape: readonly number[], dtype: DType): Tensor {
    const units = this.units;
    return concat([
      this.base.generate([units], dtype),
      full([units], 1, { dtype }),
      this.base.generate([2 * units], dtype),
    ]);
  }
}

registerLayer('LSTM', (config) => new LSTM(withoutNulls(config)));
