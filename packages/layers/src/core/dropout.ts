import {
  dropout,
  formatShape,
  ones,
  Random,
  randomFor,
  ShapeError,
  type Tensor,
} from '@recur/tensor';
import { rate, seedOption, shapeOption } from '../arguments.js';
import { describeValue } from '@recur/tensor';
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
    this.rate = rate(this.name, 'rate', this.option('rate'));
    this.seed = seedOption(this.name, 'seed', this.option('seed'));
    const noiseShape = this.option('noiseShape');
    this.noiseShape =
      noiseShape === undefined || noiseShape === null
        ? undefined
        : shapeOption(this.name, 'noiseShape', noiseShape);
    this.random = new Random(this.seed ?? randomFor().nextUint32());
    this.supportsMasking = true;
    this.castsIntegerInputs = true;
    // A noise shape broadcasts against inputs of its own rank only.
    if (this.noiseShape)
      this.inputSpec = { rank: this.noiseShape.length, layout: '(the rank of noiseShape)' };
  }
  call(inputs: Tensor, options: CallOptions): Tensor {
    // Checked in inference too: a noise shape that cannot broadcast is wrong whatever the mode.
    const shape = this.noiseShape?.map((d, i) => d ?? inputs.shape[i]);
    if (shape?.some((d, i) => d !== 1 && d !== inputs.shape[i]))
      throw new ShapeError(
        this.name,
        `noiseShape entries of 1, null or the input's size (inputs ${formatShape(inputs.shape)})`,
        describeValue(this.noiseShape),
      );
    if (!options.training || this.rate === 0) return inputs;
    const seed = this.random.nextUint32();
    if (!shape) return dropout(inputs, this.rate, seed);
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

registerLayer('Dropout', (config) => new Dropout(config as unknown as DropoutConfig));
