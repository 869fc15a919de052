import {
  type RecurrentOptions,
  type RecurrentResult,
  type RecurrentStates,
  simpleRnn,
  type Tensor,
} from '@recur/tensor';
import { registerLayer } from '../registry.js';
import { type RecurrentLayerConfig, withoutNulls } from './recurrent-config.js';
import { RecurrentLayer } from './recurrent-layer.js';

/**
 * Fully-connected recurrence `h_t = activation(x_t W + h_{t-1} U + b)`: kernel `[features, units]`,
 * recurrentKernel `[units, units]`, bias `[units]`.
 *
 * @example
 * ```ts
 * import { SimpleRNN } from '@recur/layers';
 * import { ones } from '@recur/tensor';
 * new SimpleRNN({ units: 8, activation: 'relu' }).apply(ones([2, 5, 3])).shape; // [2, 8]
 * ```
 */
export class SimpleRNN extends RecurrentLayer {
  readonly className = 'SimpleRNN';
  get cell(): 'simpleRnn' {
    return 'simpleRnn';
  }
  protected gateCount(): number {
    return 1;
  }
  constructor(config: Omit<RecurrentLayerConfig, 'recurrentActivation'>) {
    super(config);
  }
  protected fusedCall(
    x: Tensor,
    kernel: Tensor,
    recurrentKernel: Tensor,
    bias: Tensor | null,
    options: RecurrentOptions,
  ): RecurrentResult | RecurrentStates {
    return simpleRnn(x, kernel, recurrentKernel, bias, options);
  }
}

registerLayer('SimpleRNN', (config) => new SimpleRNN(withoutNulls(config)));
