import { formatShape, ShapeError, type Tensor } from '@recur/tensor';
import { shapeOption } from '../arguments.js';
import { type CallOptions, Layer, type LayerConfig } from '../layer.js';
import { registerLayer } from '../registry.js';
import type { Shape } from '../shape.js';

/**
 * Reshapes every axis but the batch axis to `targetShape` (one entry may be -1).
 *
 * @example
 * ```ts
 * import { Reshape } from '@recur/layers';
 * import { ones } from '@recur/tensor';
 * new Reshape({ targetShape: [3, -1] }).apply(ones([2, 12])).shape; // [2, 3, 4]
 * ```
 */
export class Reshape extends Layer {
  readonly className = 'Reshape';
  readonly targetShape: number[];
  constructor(config: LayerConfig & { targetShape: number[] }) {
    super(config);
    this.targetShape = shapeOption(this.name, 'targetShape', this.option('targetShape'), {
      allowUnknown: false,
      wildcard: true,
    }) as number[];
    this.inputSpec = { minRank: 1, layout: '(batch, ...)' };
  }
  call(inputs: Tensor, _options: CallOptions): Tensor {
    // The -1 is resolved here: with an empty batch it would be ambiguous to reshape.
    const target = this.computeOutputShape([...inputs.shape]).slice(1) as number[];
    return inputs.reshape([inputs.shape[0], ...target]);
  }
  override computeOutputShape(inputShape: Shape): Shape {
    const rest = inputShape.slice(1);
    if (rest.some((d) => d === null))
      return [inputShape[0], ...this.targetShape.map((d) => (d === -1 ? null : d))];
    const total = this.checkSize(rest as number[]);
    const known = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    return [inputShape[0], ...this.targetShape.map((d) => (d === -1 ? total / known : d))];
  }
  /** The per-sample size, when `targetShape` can hold it; else a ShapeError naming targetShape. */
  private checkSize(rest: readonly number[]): number {
    const total = rest.reduce((a, b) => a * b, 1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const fits = this.targetShape.includes(-1) ? total % known === 0 : total === known;
    if (!fits)
      throw new ShapeError(
        this.name,
        `targetShape ${formatShape(this.targetShape)} holding the ${total} values of each sample`,
        `inputs with per-sample shape ${formatShape(rest)}`,
      );
    return total;
  }
  override getConfig() {
    return { ...super.getConfig(), targetShape: this.targetShape };
  }
}

registerLayer(
  'Reshape',
  (config) => new Reshape(config as unknown as LayerConfig & { targetShape: number[] }),
);
