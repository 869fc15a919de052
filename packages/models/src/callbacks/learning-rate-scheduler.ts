import { ValueError } from '@recur/tensor';
import { Callback, type Logs } from './callback.js';
import { checkChoice, checkFunction, requireModel } from './option-checks.js';
import { pythonFloatRepr } from './python-format.js';

/** Maps the 0-based epoch and the current learning rate to the rate for that epoch. */
/** The function a LearningRateScheduler calls at each epoch start: `(epoch, currentRate) => newRate`. */
export type EpochLearningRate = (epoch: number, learningRate: number) => number;

const OP = 'LearningRateScheduler';

/**
 * Sets the learning rate at the start of every epoch to `schedule(epoch, currentRate)` and, like
 * Keras, adds the rate in use to the epoch logs as `learning_rate`.
 *
 * @example
 * ```ts
 * import { LearningRateScheduler } from '@recur/models';
 * // Keep the rate for 10 epochs, then decay it by e^-0.1 per epoch.
 * const scheduler = new LearningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * Math.exp(-0.1)));
 * // await model.fit(x, y, { epochs: 15, callbacks: [scheduler] });
 * ```
 */
export class LearningRateScheduler extends Callback {
  readonly schedule: EpochLearningRate;
  readonly verbose: 0 | 1;

  constructor(schedule: EpochLearningRate, verbose: 0 | 1 = 0) {
    super();
    checkFunction(OP, 'schedule', schedule);
    this.schedule = schedule;
    this.verbose = checkChoice(OP, 'verbose', verbose, [0, 1] as const);
  }

  override onEpochBegin(epoch: number, _logs: Logs): void {
    const model = requireModel(OP, this.model);
    const learningRate: unknown = this.schedule(epoch, model.getLearningRate());
    if (typeof learningRate !== 'number' || !Number.isFinite(learningRate))
      throw new ValueError(
        OP,
        `the schedule to return a finite number for epoch ${epoch}`,
        typeof learningRate === 'number' ? String(learningRate) : typeof learningRate,
      );
    model.setLearningRate(learningRate);
    if (this.verbose > 0)
      console.log(
        `\nEpoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${pythonFloatRepr(learningRate)}.`,
      );
  }

  override onEpochEnd(_epoch: number, logs: Logs): void {
    logs.learning_rate = requireModel(OP, this.model).getLearningRate();
  }
}
