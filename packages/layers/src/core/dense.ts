import type { Tensor } from '@recur/tensor';
import { type ActivationFunction, getActivation, normalizeActivationName } from '../activations.js';
import { getInitializer, type Initializer } from '../initializers/initializer.js';
import { type CallOptions, Layer, type LayerConfig } from '../layer.js';
import { registerLayer } from '../registry.js';
import { getRegularizer, type Regularizer } from '../regularizers.js';
import type { Serialized } from '../serialization.js';
import { lastAxis, type Shape } from '../shape.js';
import { positiveInteger } from '../arguments.js';

export interface DenseConfig extends LayerConfig {
  units: number;
  /** Default linear. */
  activation?: string | null;
  useBias?: boolean;
  /** Default glorotUniform. */
  kernelInitializer?: string | Serialized | Initializer;
  /** Default zeros. */
  biasInitializer?: string | Serialized | Initializer;
  kernelRegularizer?: string | Serialized | Regularizer | null;
  biasRegularizer?: string | Serialized | Regularizer | null;
}

/**
 * `activation(x . kernel + bias)` over the last axis (so `[batch, steps, features]` inputs are
 * transformed at every step). Kernel `[inputDim, units]`, bias `[units]`.
 *
 * @example
 * ```ts
 * import { Dense } from '@recur/layers';
 * import { ones } from '@recur/tensor';
 * const dense = new Dense({ units: 3, activation: 'relu' });
 * dense.apply(ones([2, 5])); // shape [2, 3]
 * ```
 */
export class Dense extends Layer {
  readonly className: string = 'Dense';
  readonly units: number;
  readonly activationName: string;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  private readonly activation: ActivationFunction;
  kernel: Tensor | null = null;
  bias: Tensor | null = null;

  constructor(config: DenseConfig) {
    super(config);
    this.units = positiveInteger(this.name, 'units', config.units);
    this.activationName = normalizeActivationName(config.activation);
    this.activation = getActivation(this.activationName);
    this.useBias = config.useBias ?? true;
    this.kernelInitializer = getInitializer(config.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = getInitializer(config.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(config.kernelRegularizer);
    this.biasRegularizer = getRegularizer(config.biasRegularizer);
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    const inputDim = lastAxis(this.name, inputShape);
    this.kernel = this.addWeight('kernel', [inputDim, this.units], this.kernelInitializer, {
      regularizer: this.kernelRegularizer,
    });
    if (this.useBias)
      this.bias = this.addWeight('bias', [this.units], this.biasInitializer, {
        regularizer: this.biasRegularizer,
      });
    this.built = true;
  }

  call(inputs: Tensor, _options: CallOptions): Tensor {
    let y = inputs.matmul(this.kernel!);
    if (this.bias) y = y.add(this.bias);
    return this.activation(y);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, -1), this.units];
  }

  override getConfig() {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activationName,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer.serialize(),
      biasInitializer: this.biasInitializer.serialize(),
      kernelRegularizer: this.kernelRegularizer?.serialize() ?? null,
      biasRegularizer: this.biasRegularizer?.serialize() ?? null,
    };
  }
}

registerLayer('Dense', (config) => new Dense(config as unknown as DenseConfig));
