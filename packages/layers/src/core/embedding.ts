import { cast, type DType, gather, type Tensor } from '@recur/tensor';
import { positiveInteger } from '../arguments.js';
import { getInitializer, type Initializer } from '../initializers/initializer.js';
import { type CallOptions, Layer, type LayerConfig } from '../layer.js';
import { registerLayer } from '../registry.js';
import { getRegularizer, type Regularizer } from '../regularizers.js';
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
    this.inputDim = positiveInteger(this.name, 'inputDim', config.inputDim);
    this.outputDim = positiveInteger(this.name, 'outputDim', config.outputDim);
    this.maskZero = config.maskZero ?? false;
    this.embeddingsInitializer = getInitializer(config.embeddingsInitializer ?? 'randomUniform');
    this.embeddingsRegularizer = getRegularizer(config.embeddingsRegularizer);
  }

  override build(_inputShape: Shape): void {
    this.embeddings = this.addWeight(
      'embeddings',
      [this.inputDim, this.outputDim],
      this.embeddingsInitializer,
      { regularizer: this.embeddingsRegularizer },
    );
    this.built = true;
  }

  call(inputs: Tensor, _options: CallOptions): Tensor {
    // gather() checks every id against [0, inputDim) before any row is read.
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
