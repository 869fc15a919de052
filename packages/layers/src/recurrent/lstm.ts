import { concat, type DType, full, type Tensor } from '@recur/tensor';
import { booleanOption } from '../arguments.js';
import { Initializer } from '../initializers/initializer.js';
import { registerLayer } from '../registry.js';
import { type RecurrentLayerConfig, RecurrentLayer, withoutNulls } from './recurrent-layer.js';

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
  protected override initialBias(): Initializer {
    if (!this.unitForgetBias) return this.biasInitializer;
    const base = this.biasInitializer;
    const units = this.units;
    // [i | f | c | o]: the forget block starts at 1, the others from the bias initializer.
    return new (class extends Initializer {
      readonly className = 'UnitForgetBias';
      generate(_shape: readonly number[], dtype: DType): Tensor {
        return concat([
          base.generate([units], dtype),
          full([units], 1, { dtype }),
          base.generate([2 * units], dtype),
        ]);
      }
    })();
  }
  override getConfig() {
    return {
      ...super.getConfig(),
      recurrentActivation: this.recurrentActivationName,
      unitForgetBias: this.unitForgetBias,
    };
  }
}

registerLayer('LSTM', (config) => new LSTM(withoutNulls(config)));
