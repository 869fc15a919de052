import { dropout, ones, Random, randomFor, type Tensor } from '@recur/tensor';
import { rate } from '../arguments.js';
import { type CallOptions, Layer, type LayerConfig } from '../layer.js';
import { registerLayer } from '../registry.js';

export interface DropoutConfig extends LayerConfig {
  rate: number;
  /** Makes the sequence of masks reproducible (each call draws a new mask from this generator). */
  seed?: number;
  /** Shape of the mask, broadcast over the input (e.g. `[null, 1, null]` for one mask per sequence). */
  noiseShape?: (number | null)[];
}

/**
 * Inverted dropout, active only when `training` is true: zeroes a `rate` fraction of the inputs
 * and scales the rest by `1 / (1 - rate)`.
 *
 * @example
 * ```ts
 * import { Dropout } from '@recur/layers';
 * import { ones } from '@recur/tensor';
 * new Dropout({ rate: 0.5, seed: 1 }).apply(ones([2, 4]), { training: true });
 * ```
 */
export class Dropout extends Layer {
  readonly className = 'Dropout';
  readonly rate: number;
  readonly seed?: number;
  readonly noiseShape?: (number | null)[];
  private readonly random: Random;
  constructor(config: DropoutConfig) {
    super(config);
    this.rate = rate(this.name, 'rate', config.rate);
    this.seed = config.seed;
    this.noiseShape = config.noiseShape;
    this.random = new Random(config.seed ?? randomFor().nextUint32());
    this.supportsMasking = true;
  }
  call(inputs: Tensor, options: CallOptions): Tensor {
    if (!options.training || this.rate === 0) return inputs;
    const seed = this.random.nextUint32();
    if (!this.noiseShape) return dropout(inputs, this.rate, seed);
    const shape = this.noiseShape.map((d, i) => d ?? inputs.shape[i]);
    return inputs.mul(dropout(ones(shape, { dtype: inputs.dtype }), this.rate, seed));
  }
  override getConfig() {
    return {
      ...super.getConfig(),
      rate: this.rate,
      seed: this.seed ?? null,
      noiseShape: this.noiseShape ?? null,
    };
  }
}

registerLayer(
  'Dropout',
  (config) =>
    new Dropout({
      ...(config as unknown as DropoutConfig),
      seed: (config.seed as number | null) ?? undefined,
      noiseShape: (config.noiseShape as (number | null)[] | null) ?? undefined,
    }),
);
