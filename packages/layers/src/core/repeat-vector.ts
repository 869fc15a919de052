import type { Tensor } from '@recur/tensor';
import { positiveInteger } from '../arguments.js';
import { type CallOptions, Layer, type LayerConfig } from '../layer.js';
import { registerLayer } from '../registry.js';
import type { Shape } from '../shape.js';

/**
 * Repeats a `[batch, features]` input `n` times: `[batch, n, features]` (an encoder summary fed to
 * every step of a decoder).
 *
 * @example
 * ```ts
 * import { RepeatVector } from '@recur/layers';
 * import { ones } from '@recur/tensor';
 * new RepeatVector({ n: 5 }).apply(ones([2, 8])).shape; // [2, 5, 8]
 * ```
 */
export class RepeatVector extends Layer {
  readonly className = 'RepeatVector';
  readonly n: number;
  constructor(config: LayerConfig & { n: number }) {
    super(config);
    this.n = positiveInteger(this.name, 'n', this.option('n'));
    this.inputSpec = { rank: 2, layout: '(batch, features)' };
  }
  call(inputs: Tensor, _options: CallOptions): Tensor {
    const [batch, features] = inputs.shape;
    return inputs.expandDims(1).broadcastTo([batch, this.n, features]);
  }
  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0], this.n, inputShape[1]];
  }
  override getConfig() {
    return { ...super.getConfig(), n: this.n };
  }
}

registerLayer(
  'RepeatVector',
  (config) => new RepeatVector(config as unknown as LayerConfig & { n: number }),
);
