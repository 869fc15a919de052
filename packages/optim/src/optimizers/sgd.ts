import { type FloatArray, Optimizer, type OptimizerConfig } from '../optimizer.js';
import { checkBoolean, checkNumber, orDefault } from '../validation.js';

/** Options of {@link SGD}. */
export interface SGDConfig extends OptimizerConfig {
  /** In [0, 1]. Default 0 (plain gradient descent, no slot). */
  momentum?: number;
  /** Nesterov momentum. Default false. */
  nesterov?: boolean;
}

/**
 * Stochastic gradient descent, Keras 3 form (defaults: learning rate 0.01, momentum 0, name
 * `'SGD'`). With momentum `mu` the velocity carries the learning rate:
 *
 * - `m = mu * m - lr * g`, then `p = p + m`;
 * - Nesterov: `m = mu * m - lr * g`, then `p = p + mu * m - lr * g`.
 *
 * For a constant learning rate this equals PyTorch's `SGD` (whose buffer is `m / -lr`); with a
 * schedule the two differ, since here past steps keep the rate they were taken with.
 *
 * @example
 * ```ts
 * import { SGD } from '@recur/optim';
 * const optimizer = new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true });
 * ```
 */
export class SGD extends Optimizer {
  readonly className = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(config: SGDConfig = {}) {
    super(config, {
      className: 'SGD',
      name: 'SGD',
      learningRate: 0.01,
      keys: ['momentum', 'nesterov'],
    });
    this.momentum = checkNumber('SGD', 'momentum', orDefault(config.momentum, 0), {
      min: 0,
      max: 1,
    });
    this.nesterov = checkBoolean('SGD', 'nesterov', orDefault(config.nesterov, false));
  }

  slotNames(): readonly string[] {
    return this.momentum === 0 ? [] : ['momentum'];
  }

  protected updateStep(p: FloatArray, g: FloatArray, slots: FloatArray[], lr: number): void {
    const n = p.length;
    const mu = this.momentum;
    if (mu === 0) {
      for (let i = 0; i < n; i++) p[i] = p[i] - g[i] * lr;
      return;
    }
    const m = slots[0];
    if (this.nesterov) {
      for (let i = 0; i < n; i++) {
        m[i] = m[i] * mu - g[i] * lr;
        p[i] = p[i] + (m[i] * mu - g[i] * lr);
      }
    } else {
      for (let i = 0; i < n; i++) {
        m[i] = m[i] * mu - g[i] * lr;
        p[i] = p[i] + m[i];
      }
    }
  }

  protected hyperparameters(): Record<string, unknown> {
    return { momentum: this.momentum, nesterov: this.nesterov };
  }
}
