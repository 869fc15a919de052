import { checkKeys, checkName, checkNumber, orDefault } from '../validation.js';
import { LearningRateSchedule, type SerializedObject } from './learning-rate-schedule.js';

/** Options of {@link CosineDecay} (Keras names, camelCase). */
export interface CosineDecayConfig {
  initialLearningRate: number;
  /** Steps of the cosine phase; must be > 0. */
  decaySteps: number;
  /** Final learning rate as a fraction of the decay's starting rate. Default 0. */
  alpha?: number;
  name?: string;
  /** With a target, first warm up linearly from `initialLearningRate` to it. Default null. */
  warmupTarget?: number | null;
  /** Length of the warm-up. Default 0. */
  warmupSteps?: number;
}

/**
 * Keras `CosineDecay`: an optional linear warm-up from `initialLearningRate` to `warmupTarget`
 * over `warmupSteps`, then `start * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decaySteps)) + alpha)`
 * with `s` the steps since the warm-up (held at `decaySteps` afterwards) and `start` the warm-up
 * target (or `initialLearningRate` without warm-up).
 *
 * @example
 * ```ts
 * import { CosineDecay } from '@recur/optim';
 * const schedule = new CosineDecay({ initialLearningRate: 0.1, decaySteps: 100 });
 * schedule.valueAt(50); // 0.05
 * ```
 */
export class CosineDecay extends LearningRateSchedule {
  readonly className = 'CosineDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly name: string;
  readonly warmupTarget: number | null;
  readonly warmupSteps: number;

  constructor(config: CosineDecayConfig) {
    super();
    const op = 'CosineDecay';
    const options = checkKeys(op, config, [
      'initialLearningRate',
      'decaySteps',
      'alpha',
      'name',
      'warmupTarget',
      'warmupSteps',
    ]);
    this.initialLearningRate = checkNumber(op, 'initialLearningRate', options.initialLearningRate, {
      min: 0,
    });
    this.decaySteps = checkNumber(op, 'decaySteps', options.decaySteps, { min: 0, openMin: true });
    this.alpha = checkNumber(op, 'alpha', orDefault(options.alpha, 0), { min: 0, max: 1 });
    this.name = checkName(op, 'name', options.name ?? 'CosineDecay');
    this.warmupTarget =
      options.warmupTarget === undefined || options.warmupTarget === null
        ? null
        : checkNumber(op, 'warmupTarget', options.warmupTarget, { min: 0 });
    this.warmupSteps = checkNumber(op, 'warmupSteps', orDefault(options.warmupSteps, 0), {
      min: 0,
    });
  }

  valueAt(step: number): number {
    checkNumber(`${this.className}.valueAt`, 'step', step, { min: 0 });
    if (this.warmupTarget === null) {
      return this.decayed(Math.min(step, this.decaySteps), this.initialLearningRate);
    }
    const clamped = Math.min(step, this.decaySteps + this.warmupSteps);
    if (clamped < this.warmupSteps) {
      const fraction = clamped / this.warmupSteps;
      return (this.warmupTarget - this.initialLearningRate) * fraction + this.initialLearningRate;
    }
    return this.decayed(clamped - this.warmupSteps, this.warmupTarget);
  }

  private decayed(step: number, from: number): number {
    const cosine = 0.5 * (1 + Math.cos(Math.PI * (step / this.decaySteps)));
    return from * ((1 - this.alpha) * cosine + this.alpha);
  }

  getConfig(): SerializedObject {
    const { initialLearningRate, decaySteps, alpha, name, warmupTarget, warmupSteps } = this;
    return {
      className: this.className,
      config: { initialLearningRate, decaySteps, alpha, name, warmupTarget, warmupSteps },
    };
  }
}

/**
 * Shorthand for `new CosineDecay(config)`.
 *
 * @example
 * ```ts
 * import { SGD, cosineDecay } from '@recur/optim';
 * new SGD({ learningRate: cosineDecay({ initialLearningRate: 0.1, decaySteps: 1000, alpha: 0.01 }) });
 * ```
 */
export function cosineDecay(config: CosineDecayConfig): CosineDecay {
  return new CosineDecay(config);
}
