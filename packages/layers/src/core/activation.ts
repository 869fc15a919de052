import { type Tensor, ValueError } from '@recur/tensor';
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
    // Required, as in Keras: an Activation without one is a mistake, not the identity.
    const activation = this.option('activation');
    if (activation === undefined)
      throw new ValueError(
        this.name,
        'activation (required) a name such as relu or softmax',
        'none',
      );
    this.activationName = normalizeActivationName(activation);
    this.activation = getActivation(this.activationName);
    this.supportsMasking = true;
    this.castsIntegerInputs = true;
    this.inputSpec = {};
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
