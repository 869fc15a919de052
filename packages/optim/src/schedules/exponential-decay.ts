import { checkBoolean, checkKeys, checkName, checkNumber, orDefault } from '../validation.js';
import { LearningRateSchedule, type SerializedObject } from './learning-rate-schedule.js';

/** Options of {@link ExponentialDecay} (Keras names, camelCase). */
export interface ExponentialDecayConfig {
  initialLearningRate: number;
  /** Must be > 0. */
  decaySteps: number;
  decayRate: number;
  /** Decay at whole multiples of `decaySteps` only. Default false. */
  staircase?: boolean;
  name?: string;
}

/**
 * `initialLearningRate * decayRate ^ (step / decaySteps)`, with the exponent floored when
 * `staircase` (Keras `ExponentialDecay`).
 *
 * @example
 * ```ts
 * import { ExponentialDecay } from '@recur/optim';
 * const schedule = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
 * schedule.valueAt(20); // 0.025
 * ```
 */
export class ExponentialDecay extends LearningRateSchedule {
  readonly className = 'ExponentialDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  readonly name: string;

  constructor(config: ExponentialDecayConfig) {
    super();
    const op = 'ExponentialDecay';
    const options = checkKeys(op, config, [
      'initialLearningRate',
      'decaySteps',
      'decayRate',
      'staircase',
      'name',
    ]);
    this.initialLearningRate = checkNumber(op, 'initialLearningRate', options.initialLearningRate, {
      min: 0,
    });
    this.decaySteps = checkNumber(op, 'decaySteps', options.decaySteps, { min: 0, openMin: true });
    this.decayRate = checkNumber(op, 'decayRate', options.decayRate, { min: 0 });
    this.staircase = checkBoolean(op, 'staircase', orDefault(options.staircase, false));
    this.name = checkName(op, 'name', options.name ?? 'ExponentialDecay');
  }

  valueAt(step: number): number {
    checkNumber(`${this.className}.valueAt`, 'step', step, { min: 0 });
    let exponent = step / this.decaySteps;
    if (this.staircase) exponent = Math.floor(exponent);
    return this.initialLearningRate * this.decayRate ** exponent;
  }

  getConfig(): SerializedObject {
    const { initialLearningRate, decaySteps, decayRate, staircase, name } = this;
    return {
      className: this.className,
      config: { initialLearningRate, decaySteps, decayRate, staircase, name },
    };
  }
}

/**
 * Shorthand for `new ExponentialDecay(config)`.
 *
 * @example
 * ```ts
 * import { Adam, exponentialDecay } from '@recur/optim';
 * new Adam({ learningRate: exponentialDecay({ initialLearningRate: 1e-3, decaySteps: 1000, decayRate: 0.9 }) });
 * ```
 */
export function exponentialDecay(config: ExponentialDecayConfig): ExponentialDecay {
  return new ExponentialDecay(config);
}
