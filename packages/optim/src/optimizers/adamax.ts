import { type FloatArray, Optimizer, type OptimizerConfig } from '../optimizer.js';
import { checkNumber, orDefault } from '../validation.js';

/** Options of {@link Adamax}. */
export interface AdamaxConfig extends OptimizerConfig {
  /** Default 0.9. */
  beta1?: number;
  /** Decay of the infinity norm. Default 0.999. */
  beta2?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * Adamax, Keras 3 form (defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7,
 * name `'adamax'`). With `t = iterations + 1`:
 *
 * `m += (g - m)(1 - beta1)`, `u = max(beta2 u, |g|)`, `p -= lr m / ((1 - beta1^t)(u + eps))`.
 *
 * PyTorch's `Adamax` puts epsilon inside the maximum (`u = max(beta2 u, |g| + eps)`).
 *
 * @example
 * ```ts
 * import { Adamax } from '@recur/optim';
 * const optimizer = new Adamax({ learningRate: 2e-3 });
 * ```
 */
export class Adamax extends Optimizer {
  readonly className = 'Adamax';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(config: AdamaxConfig = {}) {
    super(config, {
      className: 'Adamax',
      name: 'adamax',
      learningRate: 0.001,
      keys: ['beta1', 'beta2', 'epsilon'],
    });
    const range = { min: 0, max: 1, openMax: true };
    this.beta1 = checkNumber('Adamax', 'beta1', orDefault(config.beta1, 0.9), range);
    this.beta2 = checkNumber('Adamax', 'beta2', orDefault(config.beta2, 0.999), range);
    this.epsilon = checkNumber('Adamax', 'epsilon', orDefault(config.epsilon, 1e-7), { min: 0 });
  }

  slotNames(): readonly string[] {
    return ['momentum', 'norm'];
  }

  protected updateStep(
    p: FloatArray,
    g: FloatArray,
    slots: FloatArray[],
    lr: number,
    iteration: number,
  ): void {
    const { beta1, beta2, epsilon } = this;
    const correction = 1 - beta1 ** (iteration + 1);
    const [m, u] = slots;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i];
      m[i] = m[i] + (gi - m[i]) * (1 - beta1);
      u[i] = Math.max(beta2 * u[i], Math.abs(gi));
      p[i] = p[i] - (lr * m[i]) / (correction * (u[i] + epsilon));
    }
  }

  protected hyperparameters(): Record<string, unknown> {
    const { beta1, beta2, epsilon } = this;
    return { beta1, beta2, epsilon };
  }
}
