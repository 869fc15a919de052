import { type FloatArray, Optimizer, type OptimizerConfig } from '../optimizer.js';
import { checkBoolean, checkNumber, orDefault } from '../validation.js';

/** Options of {@link Adam} (Keras `beta_1`/`beta_2` are `beta1`/`beta2`). */
export interface AdamConfig extends OptimizerConfig {
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-7. */
  epsilon?: number;
  /** Keep the running maximum of `v` (AMSGrad). Default false. */
  amsgrad?: boolean;
}

/**
 * Adam, Keras 3 form (defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7,
 * name `'adam'`). With `t = iterations + 1`:
 *
 * `m += (g - m)(1 - beta1)`, `v += (g^2 - v)(1 - beta2)`, (AMSGrad: `vHat = max(vHat, v)`, used
 * for `v`), `alpha = lr sqrt(1 - beta2^t) / (1 - beta1^t)`, `p -= alpha m / (sqrt(v) + eps)`.
 *
 * That is epsilon "hat" of the Adam paper: PyTorch's `Adam` instead divides by
 * `sqrt(v) / sqrt(1 - beta2^t) + eps`, so the two differ by how much epsilon matters.
 *
 * @example
 * ```ts
 * import { Adam } from '@recur/optim';
 * const optimizer = new Adam({ learningRate: 3e-4, clipnorm: 1 });
 * ```
 */
export class Adam extends Optimizer {
  readonly className: string = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  /** `defaults` is for subclasses ({@link AdamW}); leave it out. */
  constructor(config: AdamConfig = {}, defaults = { className: 'Adam', name: 'adam' }) {
    super(config, {
      ...defaults,
      learningRate: 0.001,
      keys: ['beta1', 'beta2', 'epsilon', 'amsgrad'],
    });
    const op = defaults.className;
    this.beta1 = checkNumber(op, 'beta1', orDefault(config.beta1, 0.9), {
      min: 0,
      max: 1,
      openMax: true,
    });
    this.beta2 = checkNumber(op, 'beta2', orDefault(config.beta2, 0.999), {
      min: 0,
      max: 1,
      openMax: true,
    });
    this.epsilon = checkNumber(op, 'epsilon', orDefault(config.epsilon, 1e-7), { min: 0 });
    this.amsgrad = checkBoolean(op, 'amsgrad', orDefault(config.amsgrad, false));
  }

  slotNames(): readonly string[] {
    return this.amsgrad ? ['momentum', 'velocity', 'velocityHat'] : ['momentum', 'velocity'];
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
    const alpha = (lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    const [m, v] = slots;
    const vHat = this.amsgrad ? slots[2] : null;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i];
      m[i] = m[i] + (gi - m[i]) * (1 - beta1);
      v[i] = v[i] + (gi * gi - v[i]) * (1 - beta2);
      let second = v[i];
      if (vHat !== null) {
        vHat[i] = Math.max(vHat[i], v[i]);
        second = vHat[i];
      }
      p[i] = p[i] - (m[i] * alpha) / (Math.sqrt(second) + epsilon);
    }
  }

  protected hyperparameters(): Record<string, unknown> {
    const { beta1, beta2, epsilon, amsgrad } = this;
    return { beta1, beta2, epsilon, amsgrad };
  }
}
