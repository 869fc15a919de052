import { type FloatArray, Optimizer, type OptimizerConfig } from '../optimizer.js';
import { checkBoolean, checkNumber, orDefault } from '../validation.js';

/** Options of {@link RMSprop}. */
export interface RMSpropConfig extends OptimizerConfig {
  /** Decay of the squared-gradient average. Default 0.9. */
  rho?: number;
  /** Default 0 (no momentum slot). */
  momentum?: number;
  /** Default 1e-7. */
  epsilon?: number;
  /** Subtract the squared mean gradient (variance instead of second moment). Default false. */
  centered?: boolean;
}

/**
 * RMSprop, Keras 3 form (defaults: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7,
 * name `'rmsprop'`):
 *
 * `v = rho v + (1 - rho) g^2`; centered: `a = rho a + (1 - rho) g`, `d = v - a^2 + eps`,
 * otherwise `d = v + eps`; `step = lr g / sqrt(d)`; with momentum `mom = momentum * mom + step`,
 * `p -= mom`, otherwise `p -= step`.
 *
 * Epsilon sits inside the square root (PyTorch adds it outside: `lr g / (sqrt(v) + eps)`).
 *
 * @example
 * ```ts
 * import { RMSprop } from '@recur/optim';
 * const optimizer = new RMSprop({ learningRate: 1e-3, centered: true });
 * ```
 */
export class RMSprop extends Optimizer {
  readonly className = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(config: RMSpropConfig = {}) {
    super(config, {
      className: 'RMSprop',
      name: 'rmsprop',
      learningRate: 0.001,
      keys: ['rho', 'momentum', 'epsilon', 'centered'],
    });
    this.rho = checkNumber('RMSprop', 'rho', orDefault(config.rho, 0.9), { min: 0, max: 1 });
    this.momentum = checkNumber('RMSprop', 'momentum', orDefault(config.momentum, 0), { min: 0 });
    this.epsilon = checkNumber('RMSprop', 'epsilon', orDefault(config.epsilon, 1e-7), { min: 0 });
    this.centered = checkBoolean('RMSprop', 'centered', orDefault(config.centered, false));
  }

  slotNames(): readonly string[] {
    return [
      'velocity',
      ...(this.momentum > 0 ? ['momentum'] : []),
      ...(this.centered ? ['averageGradient'] : []),
    ];
  }

  protected updateStep(p: FloatArray, g: FloatArray, slots: FloatArray[], lr: number): void {
    const { rho, epsilon, centered } = this;
    const mu = this.momentum;
    const v = slots[0];
    const mom = mu > 0 ? slots[1] : null;
    const average = centered ? slots[mu > 0 ? 2 : 1] : null;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i];
      v[i] = rho * v[i] + (1 - rho) * (gi * gi);
      let denominator: number;
      if (average !== null) {
        average[i] = rho * average[i] + (1 - rho) * gi;
        denominator = v[i] - average[i] * average[i] + epsilon;
      } else {
        denominator = v[i] + epsilon;
      }
      const increment = (lr * gi) / Math.sqrt(denominator);
      if (mom !== null) {
        mom[i] = mu * mom[i] + increment;
        p[i] = p[i] - mom[i];
      } else {
        p[i] = p[i] - increment;
      }
    }
  }

  protected hyperparameters(): Record<string, unknown> {
    const { rho, momentum, epsilon, centered } = this;
    return { rho, momentum, epsilon, centered };
  }
}
