import { type FloatArray, Optimizer, type OptimizerConfig } from '../optimizer.js';
import { checkNumber, orDefault } from '../validation.js';

/** Options of {@link Adagrad}. */
export interface AdagradConfig extends OptimizerConfig {
  /** Starting value of the accumulator. Default 0.1. */
  initialAccumulatorValue?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * Adagrad, Keras 3 form (defaults: learning rate 0.001, initial accumulator 0.1, epsilon 1e-7,
 * name `'adagrad'`): `acc += g^2`, `p -= lr g / sqrt(acc + eps)`. PyTorch's `Adagrad` starts the
 * accumulator at 0 and adds epsilon outside the square root.
 *
 * @example
 * ```ts
 * import { Adagrad } from '@recur/optim';
 * const optimizer = new Adagrad({ learningRate: 0.01 });
 * ```
 */
export class Adagrad extends Optimizer {
  readonly className = 'Adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(config: AdagradConfig = {}) {
    super(config, {
      className: 'Adagrad',
      name: 'adagrad',
      learningRate: 0.001,
      keys: ['initialAccumulatorValue', 'epsilon'],
    });
    this.initialAccumulatorValue = checkNumber(
      'Adagrad',
      'initialAccumulatorValue',
      orDefault(config.initialAccumulatorValue, 0.1),
      { min: 0 },
    );
    this.epsilon = checkNumber('Adagrad', 'epsilon', orDefault(config.epsilon, 1e-7), { min: 0 });
  }

  slotNames(): readonly string[] {
    return ['accumulator'];
  }

  protected override slotInitialValue(): number {
    return this.initialAccumulatorValue;
  }

  protected updateStep(p: FloatArray, g: FloatArray, slots: FloatArray[], lr: number): void {
    const accumulator = slots[0];
    const epsilon = this.epsilon;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i];
      accumulator[i] = accumulator[i] + gi * gi;
      p[i] = p[i] - (lr * gi) / Math.sqrt(accumulator[i] + epsilon);
    }
  }

  protected hyperparameters(): Record<string, unknown> {
    return { initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}
