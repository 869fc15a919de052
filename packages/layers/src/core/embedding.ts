import { cast, type DType, gather, type Tensor, ValueError } from '@recur/tensor';
import { booleanOption, checkWeightSize, positiveInteger } from '../arguments.js';
import { describeValue } from '@recur/tensor';
import { type Initializer, initializerOption } from '../initializers/initializer.js';
import { type CallOptions, Layer, type LayerConfig } from '../layer.js';
import { registerLayer } from '../registry.js';
import { type Regularizer, regularizerOption } from '../regularizers.js';
import type { Serialized } from '../serialization.js';
import type { Shape } from '../shape.js';

export interface EmbeddingConfig extends LayerConfig {
  inputDim: number;
  outputDim: number;
  /** Default uniform in [-0.05, 0.05) (Keras). */
  embeddingsInitializer?: string | Serialized | Initializer;
  embeddingsRegularizer?: string | Serialized | Regularizer | null;
  /** Treat index 0 as padding: the layer outputs a mask (`ids != 0`) for the layers after it. */
  maskZero?: boolean;
}

/**
 * Looks up a vector per integer id: `[batch, steps]` int32 ids to `[batch, steps, outputDim]`.
 * Its gradient adds into the rows that were used.
 *
 * @example
 * ```ts
 * import { Embedding } from '@recur/layers';
 * import { tensor } from '@recur/tensor';
 * const embed = new Embedding({ inputDim: 100, outputDim: 16, maskZero: true });
 * const ids = tensor([[5, 9, 0]], undefined, { dtype: 'int32' });
 * embed.apply(ids).shape; // [1, 3, 16]
 * embed.computeMask(ids, null)?.toArray(); // [[1, 1, 0]]
 * ```
 */
export class Embedding extends Layer {
  readonly className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly maskZero: boolean;
  readonly embeddingsInitializer: Initializer;
  readonly embeddingsRegularizer: Regularizer | null;
  embeddings: Tensor | null = null;

  constructor(config: EmbeddingConfig) {
    super(config);
    this.inputDim = positiveInteger(this.name, 'inputDim', this.option('inputDim'));
    this.outputDim = positiveInteger(this.name, 'outputDim', this.option('outputDim'));
    checkWeightSize(
      this.name,
      'inputDim and outputDim',
      `${this.inputDim} x ${this.outputDim}`,
      'embeddings',
      [this.inputDim, this.outputDim],
    );
    this.maskZero = booleanOption(this.name, 'maskZero', this.option('maskZero'), false);
    this.embeddingsInitializer = initializerOption(
      this.name,
      'embeddingsInitializer',
      this.option('embeddingsInitializer'),
      'randomUniform',
    );
    this.embeddingsRegularizer = regularizerOption(
      this.name,
      'embeddingsRegularizer',
      this.option('embeddingsRegularizer'),
    );
    this.inputSpec = { minRank: 1, layout: '(batch, ...) of ids' };
  }

  override build(inputShape: Shape): void {
    this.checkBuildShape(inputShape);
    this.embeddings = this.addWeight(
      'embeddings',
      [this.inputDim, this.outputDim],
      this.embeddingsInitializer,
      { regularizer: this.embeddingsRegularizer },
    );
    this.built = true;
  }

  call(inputs: Tensor, _options: CallOptions): Tensor {
    // Checked here, above the backends, so both refuse the same ids: cast to int32 would read a
    // NaN or 2.5 as a valid row (0, 2) instead of failing.
    const ids = inputs.data;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (!(Number.isInteger(id) && id >= 0 && id < this.inputDim))
        throw new ValueError(
          this.name,
          `inputs of integer indices in [0, ${this.inputDim}) (inputDim ${this.inputDim})`,
          `${describeValue(id)} at flat position ${i}`,
        );
    }
    return gather(this.embeddings!, inputs.dtype === 'int32' ? inputs : cast(inputs, 'int32'));
  }

  override computeMask(inputs: Tensor, _mask: Tensor | null): Tensor | null {
    return this.maskZero ? inputs.notEqual(0).cast('float32') : null;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape, this.outputDim];
  }

  protected override castInput(x: Tensor): Tensor {
    return x;
  }

  protected override outputDtype(_inputDtype: DType): DType {
    return this.dtype;
  }

  override getConfig() {
    return {
      ...super.getConfig(),
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      maskZero: this.maskZero,
      embeddingsInitializer: this.embeddingsInitializer.serialize(),
      embeddingsRegularizer: this.embeddingsRegularizer?.serialize() ?? null,
    };
  }
}

registerLayer('Embedding', (config) => new Embedding(config as unknown as EmbeddingConfig));
