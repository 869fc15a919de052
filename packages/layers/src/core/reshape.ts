import { ShapeError, type Tensor } from '@recur/tensor';
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
    if (
      !Array.isArray(config.targetShape) ||
      config.targetShape.filter((d) => d === -1).length > 1 ||
      config.targetShape.some((d) => !Number.isInteger(d) || d < -1 || d === 0)
    ) {
      throw new ShapeError(
        this.name,
        'a targetShape of positive integers with at most one -1',
        JSON.stringify(config.targetShape),
      );
    }
    this.targetShape = [...config.targetShape];
  }
  call(inputs: Tensor, _options: CallOptions): Tensor {
    return inputs.reshape([inputs.shape[0], ...this.targetShape]);
  }
  override computeOutputShape(inputShape: Shape): Shape {
    const rest = inputShape.slice(1);
    if (!this.targetShape.includes(-1) || rest.some((d) => d === null))
      return [inputShape[0], ...this.targetShape.map((d) => (d === -1 ? null : d))];
    const total = (rest as number[]).reduce((a, b) => a * b, 1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    return [inputShape[0], ...this.targetShape.map((d) => (d === -1 ? total / known : d))];
  }
  override getConfig() {
    return { ...super.getConfig(), targetShape: this.targetShape };
  }
}

registerLayer(
  'Reshape',
  (config) => new Reshape(config as unknown as LayerConfig & { targetShape: number[] }),
);
