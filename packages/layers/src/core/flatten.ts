import type { Tensor } from '@recur/tensor';
import { type CallOptions, Layer, type LayerConfig } from '../layer.js';
import { registerLayer } from '../registry.js';
import type { Shape } from '../shape.js';

/**
 * Flattens every axis but the batch axis.
 *
 * @example
 * ```ts
 * import { Flatten } from '@recur/layers';
 * import { ones } from '@recur/tensor';
 * new Flatten().apply(ones([2, 3, 4])).shape; // [2, 12]
 * ```
 */
export class Flatten extends Layer {
  readonly className = 'Flatten';
  constructor(config: LayerConfig = {}) {
    super(config);
    this.inputSpec = { minRank: 1, layout: '(batch, ...)' };
  }
  call(inputs: Tensor, _options: CallOptions): Tensor {
    // The size is spelt out: with an empty batch a -1 would be ambiguous.
    return inputs.reshape([inputs.shape[0], inputs.shape.slice(1).reduce((a, b) => a * b, 1)]);
  }
  override computeOutputShape(inputShape: Shape): Shape {
    const rest = inputShape.slice(1);
    return [
      inputShape[0],
      rest.some((d) => d === null) ? null : (rest as number[]).reduce((a, b) => a * b, 1),
    ];
  }
}

registerLayer('Flatten', (config) => new Flatten(config));
