import { type FloatArray, Optimizer, type OptimizerConfig } from '../optimizer.js';
import { checkNumber, orDefault } from '../validation.js';

/** Options of {@link Adadelta}. */
export interface AdadeltaConfig extends OptimizerConfig {
  /** Decay of both running averages. Default 0.95. */
  rho?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * Adadelta, Keras 3 form (defaults: learning rate 0.001, rho 0.95, epsilon 1e-7, name
 * `'adadelta'`; use learning rate 1 for the paper's form):
 *
 * `a = rho a + (1 - rho) g^2`, `delta = -sqrt(d + eps) g / sqrt(a + eps)`,
 * `d = rho d + (1 - rho) delta^2`, `p += lr delta`.
 *
 * This is exactly PyTorch's `Adadelta` (whose defaults are lr 1, rho 0.9, eps 1e-6).
 *
 * @example
 * ```ts
 * import { Adadelta } from '@recur/optim';
 * const optimizer = new Adadelta({ learningRate: 1 });
 * ```
 */
export class Adadelta extends Optimizer {
  readonly className = 'Adadelta';
  readonly rho: number;
  readonly epsilon: number;

  constructor(config: AdadeltaConfig = {}) {
    super(config, {
      className: 'Adadelta',
      name: 'adadelta',
      learningRate: 0.001,
      keys: ['rho', 'epsilon'],
    });
    this.rho = checkNumber('Adadelta', 'rho', orDefault(config.rho, 0.95), { min: 0, max: 1 });
    this.epsilon = checkNumber('Adadelta', 'epsilon', orDefault(config.epsilon, 1e-7), { min: 0 });
  }

  slotNames(): readonly string[] {
    return ['accumulatedGrad', 'accumulatedDeltaVar'];
  }

  protected updateStep(p: FloatArray, g: FloatArray, slots: FloatArray[], lr: number): void {
    const { rho, epsilon } = this;
    const [accumulatedGrad, accumulatedDelta] = slots;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i];
      accumulatedGrad[i] = rho * accumulatedGrad[i] + (1 - rho) * (gi * gi);
      const delta =
        -(Math.sqrt(accumulatedDelta[i] + epsilon) * gi) / Math.sqrt(accumulatedGrad[i] + epsilon);
      accumulatedDelta[i] = rho * accumulatedDelta[i] + (1 - rho) * (delta * delta);
      p[i] = p[i] + lr * delta;
    }
  }

  protected hyperparameters(): Record<string, unknown> {
    return { rho: this.rho, epsilon: this.epsilon };
  }
}
