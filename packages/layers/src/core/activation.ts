import type { Tensor } from '@recur/tensor';
import { type ActivationFunction, getActivation, normalizeActivationName } from '../activations.js';
import { type CallOptions, Layer, type LayerConfig } from '../layer.js';
import { registerLayer } from '../registry.js';

/**
 * Applies an activation function by name.
 *
 * @example
 * ```ts
 * import { Activation } from '@recur/layers';
 * import { tensor } from '@recur/tensor';
 * new Activation({ activation: 'softmax' }).apply(tensor([[1, 2, 3]]));
 * ```
 */
export class Activation extends Layer {
  readonly className = 'Activation';
  readonly activationName: string;
  private readonly activation: ActivationFunction;
  constructor(config: LayerConfig & { activation: string }) {
    super(config);
    this.activationName = normalizeActivationName(config.activation);
    this.activation = getActivation(this.activationName);
    this.supportsMasking = true;
  }
  call(inputs: Tensor, _options: CallOptions): Tensor {
    return this.activation(inputs);
  }
  override getConfig() {
    return { ...super.getConfig(), activation: this.activationName };
  }
}

registerLayer(
  'Activation',
  (config) => new Activation(config as unknown as LayerConfig & { activation: string }),
);
