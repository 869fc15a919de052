import { ValueError } from '@recur/tensor';
import { checkKeys, checkName, checkNumber } from '../validation.js';
import { LearningRateSchedule, type SerializedObject } from './learning-rate-schedule.js';

/** Options of {@link PiecewiseConstantDecay} (Keras names). */
export interface PiecewiseConstantDecayConfig {
  /** Strictly increasing steps. */
  boundaries: number[];
  /** One more value than boundaries. */
  values: number[];
  name?: string;
}

/**
 * Keras `PiecewiseConstantDecay`: `values[0]` while `step <= boundaries[0]`, `values[i + 1]`
 * while `boundaries[i] < step <= boundaries[i + 1]`, and `values[last]` after the last boundary.
 *
 * @example
 * ```ts
 * import { PiecewiseConstantDecay } from '@recur/optim';
 * const schedule = new PiecewiseConstantDecay({ boundaries: [100, 200], values: [1, 0.5, 0.1] });
 * schedule.valueAt(100); // 1
 * schedule.valueAt(101); // 0.5
 * ```
 */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  readonly className = 'PiecewiseConstantDecay';
  readonly boundaries: readonly number[];
  readonly values: readonly number[];
  readonly name: string;

  constructor(config: PiecewiseConstantDecayConfig) {
    super();
    const op = 'PiecewiseConstantDecay';
    const options = checkKeys(op, config, ['boundaries', 'values', 'name']);
    const { boundaries, values } = options as { boundaries: unknown; values: unknown };
    if (
      !Array.isArray(boundaries) ||
      !Array.isArray(values) ||
      values.length !== boundaries.length + 1
    )
      throw new ValueError(
        op,
        'values with one more entry than boundaries',
        `${Array.isArray(boundaries) ? boundaries.length : 'no'} boundaries and ${Array.isArray(values) ? values.length : 'no'} values`,
      );
    boundaries.forEach((b, i) => {
      checkNumber(op, `boundaries[${i}]`, b);
      if (i > 0 && !(b > boundaries[i - 1]))
        throw new ValueError(
          op,
          'strictly increasing boundaries',
          `boundaries[${i - 1}] ${boundaries[i - 1]}, boundaries[${i}] ${b}`,
        );
    });
    for (const [i, v] of values.entries()) checkNumber(op, `values[${i}]`, v, { min: 0 });
    this.boundaries = [...boundaries];
    this.values = [...values];
    this.name = checkName(op, 'name', options.name ?? 'PiecewiseConstant');
  }

  valueAt(step: number): number {
    checkNumber(`${this.className}.valueAt`, 'step', step, { min: 0 });
    let i = 0;
    while (i < this.boundaries.length && step > this.boundaries[i]) i++;
    return this.values[i];
  }

  getConfig(): SerializedObject {
    return {
      className: this.className,
      config: { boundaries: [...this.boundaries], values: [...this.values], name: this.name },
    };
  }
}

/**
 * Shorthand for `new PiecewiseConstantDecay(config)`.
 *
 * @example
 * ```ts
 * import { SGD, piecewiseConstant } from '@recur/optim';
 * new SGD({ learningRate: piecewiseConstant({ boundaries: [1000], values: [0.1, 0.01] }) });
 * ```
 */
export function piecewiseConstant(config: PiecewiseConstantDecayConfig): PiecewiseConstantDecay {
  return new PiecewiseConstantDecay(config);
}
