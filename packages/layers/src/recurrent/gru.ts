import {
  gru,
  type RecurrentOptions,
  type RecurrentResult,
  type RecurrentStates,
  type Tensor,
} from '@recur/tensor';
import { booleanOption } from '../arguments.js';
import { registerLayer } from '../registry.js';
import { type RecurrentLayerConfig, withoutNulls } from './recurrent-config.js';
import { RecurrentLayer } from './recurrent-layer.js';

export interface GRUConfig extends RecurrentLayerConfig {
  /** Apply the reset gate after the recurrent matmul (Keras 3 default true, cuDNN-compatible, bias [2, 3 * units]). */
  resetAfter?: boolean;
}

/**
 * Gated recurrent unit (Cho et al. 2014) in Keras 3's form: gates z, r, h;
 * `h_t = z * h_{t-1} + (1 - z) * candidate`; kernel `[features, 3 * units]`, recurrentKernel
 * `[units, 3 * units]`; bias `[2, 3 * units]` with resetAfter (default) or `[3 * units]`.
 *
 * @example
 * ```ts
 * import { GRU } from '@recur/layers';
 * import { ones } from '@recur/tensor';
 * new GRU({ units: 8 }).apply(ones([2, 5, 3])).shape; // [2, 8]
 * ```
 */
export class GRU extends RecurrentLayer {
  readonly className = 'GRU';
  get cell(): 'gru' {
    return 'gru';
  }
  protected gateCount(): number {
    return 3;
  }
  readonly resetAfter: boolean;
  constructor(config: GRUConfig) {
    super(config);
    this.resetAfter = booleanOption(this.name, 'resetAfter', this.option('resetAfter'), true);
  }
  /** Reset-after keeps the input and recurrent biases apart (row 0 input, row 1 recurrent). */
  protected override biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.units] : [3 * this.units];
  }
  protected fusedCall(
    x: Tensor,
    kernel: Tensor,
    recurrentKernel: Tensor,
    bias: Tensor | null,
    options: RecurrentOptions,
  ): RecurrentResult | RecurrentStates {
    return gru(x, kernel, recurrentKernel, bias, { ...options, resetAfter: this.resetAfter });
  }
  override getConfig() {
    return {
      ...super.getConfig(),
      recurrentActivation: this.recurrentActivationName,
      resetAfter: this.resetAfter,
    };
  }
}

registerLayer('GRU', (config) => new GRU(withoutNulls(config)));
