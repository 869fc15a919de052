import { type FloatArray, Optimizer, type OptimizerConfig } from '../optimizer.js';
import { checkNumber, orDefault } from '../validation.js';

/** Options of {@link Nadam}. */
export interface NadamConfig extends OptimizerConfig {
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * Nadam (Adam with Nesterov momentum), Keras 3 form (defaults: learning rate 0.001, beta1 0.9,
 * beta2 0.999, epsilon 1e-7, name `'nadam'`). With `t = iterations + 1`, the momentum schedule
 * `u_t = beta1 (1 - 0.5 * 0.96^t)` and the running product `U_t = u_1 ... u_t`:
 *
 * `m += (g - m)(1 - beta1)`, `v += (g^2 - v)(1 - beta2)`,
 * `mHat = u_{t+1} m / (1 - U_t u_{t+1}) + (1 - u_t) g / (1 - U_t)`, `vHat = v / (1 - beta2^t)`,
 * `p -= lr mHat / (sqrt(vHat) + eps)`.
 *
 * PyTorch's `NAdam` uses `0.96^(0.004 t)` by default (its `momentum_decay`), so the two differ.
 * The product `U_t` is recomputed from `iterations` on `setState`, so checkpoints hold only slots.
 *
 * @example
 * ```ts
 * import { Nadam } from '@recur/optim';
 * const optimizer = new Nadam({ learningRate: 2e-3 });
 * ```
 */
export class Nadam extends Optimizer {
  readonly className = 'Nadam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private momentumProduct = 1;

  constructor(config: NadamConfig = {}) {
    super(config, {
      className: 'Nadam',
      name: 'nadam',
      learningRate: 0.001,
      keys: ['beta1', 'beta2', 'epsilon'],
    });
    const range = { min: 0, max: 1, openMax: true };
    this.beta1 = checkNumber('Nadam', 'beta1', orDefault(config.beta1, 0.9), range);
    this.beta2 = checkNumber('Nadam', 'beta2', orDefault(config.beta2, 0.999), range);
    this.epsilon = checkNumber('Nadam', 'epsilon', orDefault(config.epsilon, 1e-7), { min: 0 });
  }

  slotNames(): readonly string[] {
    return ['momentum', 'velocity'];
  }

  /** `u_t`, the momentum coefficient of step t (1-based). */
  private momentumAt(t: number): number {
    return this.beta1 * (1 - 0.5 * 0.96 ** t);
  }

  // Keras updates the product once per apply, before the per-variable steps.
  protected override beforeUpdates(iteration: number): void {
    this.momentumProduct = this.momentumProduct * this.momentumAt(iteration + 1);
  }

  // Replays the same multiplications, so a restored optimizer holds the identical double.
  protected override afterStateRestored(iterations: number): void {
    this.momentumProduct = 1;
    for (let s = 0; s < iterations; s++) this.beforeUpdates(s);
  }

  protected updateStep(
    p: FloatArray,
    g: FloatArray,
    slots: FloatArray[],
    lr: number,
    iteration: number,
  ): void {
    const { beta1, beta2, epsilon } = this;
    const t = iteration + 1;
    const uT = this.momentumAt(t);
    const uNext = this.momentumAt(t + 1);
    const product = this.momentumProduct;
    const productNext = product * uNext;
    const secondCorrection = 1 - beta2 ** t;
    const [m, v] = slots;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i];
      m[i] = m[i] + (gi - m[i]) * (1 - beta1);
      v[i] = v[i] + (gi * gi - v[i]) * (1 - beta2);
      const mHat = (uNext * m[i]) / (1 - productNext) + ((1 - uT) * gi) / (1 - product);
      const vHat = v[i] / secondCorrection;
      p[i] = p[i] - (mHat * lr) / (Math.sqrt(vHat) + epsilon);
    }
  }

  protected hyperparameters(): Record<string, unknown> {
    const { beta1, beta2, epsilon } = this;
    return { beta1, beta2, epsilon };
  }
}
