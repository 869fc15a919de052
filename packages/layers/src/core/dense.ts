import type { Tensor } from '@recur/tensor';
import { type ActivationFunction, getActivation, normalizeActivationName } from '../activations.js';
import { type Initializer, initializerOption } from '../initializers/initializer.js';
import { type CallOptions, Layer, type LayerConfig } from '../layer.js';
import { registerLayer } from '../registry.js';
import { type Regularizer, regularizerOption } from '../regularizers.js';
import type { Serialized } from '../serialization.js';
import { lastAxis, type Shape } from '../shape.js';
import { booleanOption, checkWeightSize, positiveInteger } from '../arguments.js';

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
    this.units = positiveInteger(this.name, 'units', this.option('units'));
    this.activationName = normalizeActivationName(this.option('activation'));
    this.activation = getActivation(this.activationName);
    this.useBias = booleanOption(this.name, 'useBias', this.option('useBias'), true);
    this.kernelInitializer = initializerOption(
      this.name,
      'kernelInitializer',
      this.option('kernelInitializer'),
      'glorotUniform',
    );
    this.biasInitializer = initializerOption(
      this.name,
      'biasInitializer',
      this.option('biasInitializer'),
      'zeros',
    );
    this.kernelRegularizer = regularizerOption(
      this.name,
      'kernelRegularizer',
      this.option('kernelRegularizer'),
    );
    this.biasRegularizer = regularizerOption(
      this.name,
      'biasRegularizer',
      this.option('biasRegularizer'),
    );
    this.supportsMasking = true;
    this.castsIntegerInputs = true;
    this.inputSpec = { minRank: 2, layout: '(batch, ..., features)' };
  }

  override build(inputShape: Shape): void {
    this.checkBuildShape(inputShape);
    const inputDim = lastAxis(this.name, inputShape);
    checkWeightSize(
      this.name,
      'inputs and units',
      `${inputDim} features, units ${this.units}`,
      'kernel',
      [inputDim, this.units],
    );
    this.kernel = this.addWeight('kernel', [inputDim, this.units], this.kernelInitializer, {
      regularizer: this.kernelRegularizer,
    });
    if (this.useBias)
      this.bias = this.addWeight('bias', [this.units], this.biasInitializer, {
        regularizer: this.biasRegularizer,
      });
    this.inputSpec = { minRank: 2, axes: { [-1]: inputDim }, layout: '(batch, ..., features)' };
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
