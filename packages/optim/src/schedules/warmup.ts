import { checkKeys, checkName, checkNumber, orDefault } from '../validation.js';
import { LearningRateSchedule, type SerializedObject } from './learning-rate-schedule.js';

/** Options of {@link Warmup}. */
export interface WarmupConfig {
  /** What follows the warm-up: a constant rate or a schedule (started from its step 0). */
  after: number | LearningRateSchedule;
  /** Length of the warm-up, > 0. */
  warmupSteps: number;
  /** Rate at step 0. Default 0. */
  initialLearningRate?: number;
  name?: string;
}

/**
 * A linear warm-up in front of any schedule: from `initialLearningRate` at step 0 to the rate
 * `after` starts at (`after.valueAt(0)`, or the constant) at step `warmupSteps`, then
 * `after.valueAt(step - warmupSteps)`. The ramp is Keras `CosineDecay`'s warm-up formula,
 * `initial + (target - initial) * step / warmupSteps`. (Keras has no standalone warm-up
 * schedule; `CosineDecay` with `warmupTarget` is the Keras way for cosine.)
 *
 * @example
 * ```ts
 * import { ExponentialDecay, Warmup } from '@recur/optim';
 * const schedule = new Warmup({
 *   warmupSteps: 100,
 *   after: new ExponentialDecay({ initialLearningRate: 1e-3, decaySteps: 1000, decayRate: 0.5 }),
 * });
 * schedule.valueAt(50); // 5e-4
 * ```
 */
export class Warmup extends LearningRateSchedule {
  readonly className = 'Warmup';
  readonly after: number | LearningRateSchedule;
  readonly warmupSteps: number;
  readonly initialLearningRate: number;
  readonly name: string;

  constructor(config: WarmupConfig) {
    super();
    const op = 'Warmup';
    const options = checkKeys(op, config, ['after', 'warmupSteps', 'initialLearningRate', 'name']);
    const after = options.after;
    this.after =
      after instanceof LearningRateSchedule
        ? after
        : checkNumber(op, 'after (a learning rate or a schedule)', after, { min: 0 });
    this.warmupSteps = checkNumber(op, 'warmupSteps', options.warmupSteps, {
      min: 0,
      openMin: true,
    });
    this.initialLearningRate = checkNumber(
      op,
      'initialLearningRate',
      orDefault(options.initialLearningRate, 0),
      { min: 0 },
    );
    this.name = checkName(op, 'name', options.name ?? 'Warmup');
  }

  valueAt(step: number): number {
    checkNumber(`${this.className}.valueAt`, 'step', step, { min: 0 });
    if (step < this.warmupSteps) {
      const target = this.rateAfter(0);
      return (
        (target - this.initialLearningRate) * (step / this.warmupSteps) + this.initialLearningRate
      );
    }
    return this.rateAfter(step - this.warmupSteps);
  }

  private rateAfter(step: number): number {
    return typeof this.after === 'number' ? this.after : this.after.valueAt(step);
  }

  getConfig(): SerializedObject {
    const { warmupSteps, initialLearningRate, name } = this;
    const after = typeof this.after === 'number' ? this.after : this.after.getConfig();
    return { className: this.className, config: { after, warmupSteps, initialLearningRate, name } };
  }
}

/**
 * Shorthand for `new Warmup(config)`.
 *
 * @example
 * ```ts
 * import { Adam, warmup } from '@recur/optim';
 * new Adam({ learningRate: warmup({ warmupSteps: 500, after: 1e-3 }) });
 * ```
 */
export function warmup(config: WarmupConfig): Warmup {
  return new Warmup(config);
}
