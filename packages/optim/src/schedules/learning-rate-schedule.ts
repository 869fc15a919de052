/** A serialised schedule or optimizer: `{ className, config }`, JSON-compatible. */
export interface SerializedObject {
  className: string;
  config: Record<string, unknown>;
}

/**
 * A learning rate as a function of the optimizer step, like
 * `keras.optimizers.schedules.LearningRateSchedule`: the optimizer evaluates `valueAt(iterations)`
 * before each update (step 0 for the first one).
 *
 * Subclass it for a custom schedule (it serialises only if `scheduleFromConfig` knows the class).
 *
 * @example
 * ```ts
 * import { LearningRateSchedule, SGD } from '@recur/optim';
 * class InverseTime extends LearningRateSchedule {
 *   readonly className = 'InverseTime';
 *   valueAt(step: number): number {
 *     return 0.1 / (1 + step);
 *   }
 *   getConfig() {
 *     return { className: this.className, config: {} };
 *   }
 * }
 * const optimizer = new SGD({ learningRate: new InverseTime() });
 * ```
 */
export abstract class LearningRateSchedule {
  /** Name of the class in serialised configs. */
  abstract readonly className: string;
  /** The learning rate at optimizer step `step` (0-based). */
  abstract valueAt(step: number): number;
  /** `{ className, config }` for {@link scheduleFromConfig}. */
  abstract getConfig(): SerializedObject;
}
