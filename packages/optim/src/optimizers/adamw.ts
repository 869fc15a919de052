import { ValueError } from '@recur/tensor';
import { isPlainObject } from '../validation.js';
import { Adam, type AdamConfig } from './adam.js';

/**
 * AdamW: {@link Adam} with decoupled weight decay, Keras 3 form (defaults as Adam plus
 * weightDecay 0.004, name `'adamw'`): before each Adam step `p -= p * weightDecay * lr`. PyTorch's
 * `AdamW` decays the same way (`p *= 1 - lr * weightDecay`) but keeps its own epsilon placement.
 *
 * @example
 * ```ts
 * import { AdamW } from '@recur/optim';
 * const optimizer = new AdamW({ learningRate: 1e-3, weightDecay: 0.01 });
 * ```
 */
export class AdamW extends Adam {
  override readonly className = 'AdamW';

  constructor(config: AdamConfig = {}) {
    // Anything but an options object goes to the base unchanged, which refuses it.
    const withDecay =
      isPlainObject(config) && config.weightDecay === undefined
        ? { ...config, weightDecay: 0.004 }
        : config;
    super(withDecay, { className: 'AdamW', name: 'adamw' });
    if (this.weightDecay === null)
      throw new ValueError('AdamW', 'weightDecay a number (default 0.004)', 'null');
  }
}
