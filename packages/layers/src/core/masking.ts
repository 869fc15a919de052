import type { Tensor } from '@recur/tensor';
import { finiteNumber } from '../arguments.js';
import { type CallOptions, Layer, type LayerConfig } from '../layer.js';
import { registerLayer } from '../registry.js';

/**
 * Masks time steps whose features all equal `maskValue` (default 0): they are zeroed in the output
 * and marked invalid in the mask the following recurrent layers receive.
 *
 * @example
 * ```ts
 * import { Masking } from '@recur/layers';
 * import { tensor } from '@recur/tensor';
 * const x = tensor([[[1, 2], [0, 0], [3, 4]]]);
 * new Masking().computeMask(x, null)?.toArray(); // [[1, 0, 1]]
 * ```
 */
export class Masking extends Layer {
  readonly className = 'Masking';
  readonly maskValue: number;
  constructor(config: LayerConfig & { maskValue?: number } = {}) {
    super(config);
    this.maskValue = finiteNumber(this.name, 'maskValue', this.option('maskValue'), 0);
    this.supportsMasking = true;
    this.inputSpec = { minRank: 2, layout: '(batch, ..., features)' };
  }
  override computeMask(inputs: Tensor, _mask: Tensor | null): Tensor {
    return inputs.notEqual(this.maskValue).max(-1);
  }
  call(inputs: Tensor, _options: CallOptions): Tensor {
    return inputs.mul(this.computeMask(inputs, null).expandDims(-1));
  }
  override getConfig() {
    return { ...super.getConfig(), maskValue: this.maskValue };
  }
}

registerLayer('Masking', (config) => new Masking(config as LayerConfig & { maskValue?: number }));
