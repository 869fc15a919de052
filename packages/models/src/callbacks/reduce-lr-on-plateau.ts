import { ValueError } from '@recur/tensor';
import { Callback, type Logs } from './callback.js';
import {
  isImprovement,
  MONITOR_MODES,
  type MonitorMode,
  monitorDirection,
} from './monitor-direction.js';
import {
  checkChoice,
  checkFinite,
  checkKeys,
  checkNonNegativeInteger,
  checkString,
  requireModel,
} from './option-checks.js';
import { pythonFloatRepr } from './python-format.js';

/** Options of {@link ReduceLROnPlateau}, with Keras 3's defaults. */
export interface ReduceLROnPlateauOptions {
  /** Log entry to watch. Default `'val_loss'`. */
  monitor?: string;
  /** `newLr = lr * factor`, in [0, 1). Default 0.1. */
  factor?: number;
  /** Epochs without improvement before reducing. Default 10. */
  patience?: number;
  /** `'min'`, `'max'` or `'auto'` (inferred from the name). */
  mode?: MonitorMode;
  /** Smallest change that counts as an improvement. Default 1e-4. */
  minDelta?: number;
  /** Epochs after a reduction during which no reduction happens. Default 0. */
  cooldown?: number;
  /** Lower bound of the learning rate. Default 0. */
  minLr?: number;
  /** 1 prints each reduction. Default 0. */
  verbose?: 0 | 1;
}

const OP = 'ReduceLROnPlateau';

/**
 * Multiplies the learning rate by `factor` when the monitored quantity has not improved for
 * `patience` epochs, never below `minLr`, then waits `cooldown` epochs before counting again
 * (Keras 3's rules, including the cooldown epochs resetting the wait counter). Adds the learning
 * rate used during the epoch to the epoch logs as `learning_rate`, like Keras, so History,
 * CSVLogger and the progress bar show it when they run after this callback.
 *
 * @example
 * ```ts
 * import { ReduceLROnPlateau } from '@recur/models';
 * const reduceLr = new ReduceLROnPlateau({ monitor: 'val_loss', factor: 0.2, patience: 5, minLr: 1e-4 });
 * // await model.fit(x, y, { epochs: 50, validationSplit: 0.2, callbacks: [reduceLr] });
 * ```
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly mode: MonitorMode;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  readonly verbose: 0 | 1;

  /** Epochs without improvement counted outside cooldown. */
  wait = 0;
  /** Cooldown epochs left. */
  cooldownCounter = 0;
  /** Best monitored value of this training run (`null` before the first). */
  best: number | null = null;

  private direction: 'min' | 'max' | null = null;
  private warned = false;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    checkKeys(OP, options, [
      'monitor',
      'factor',
      'patience',
      'mode',
      'minDelta',
      'cooldown',
      'minLr',
      'verbose',
    ]);
    this.monitor = checkString(OP, 'monitor', options.monitor ?? 'val_loss');
    const factor = checkFinite(OP, 'factor', options.factor ?? 0.1);
    if (factor < 0 || factor >= 1)
      throw new ValueError(OP, 'factor in [0, 1) (a factor >= 1 would not reduce)', String(factor));
    this.factor = factor;
    this.patience = checkNonNegativeInteger(OP, 'patience', options.patience ?? 10);
    this.mode = checkChoice(OP, 'mode', options.mode ?? 'auto', MONITOR_MODES);
    this.minDelta = Math.abs(checkFinite(OP, 'minDelta', options.minDelta ?? 1e-4));
    this.cooldown = checkNonNegativeInteger(OP, 'cooldown', options.cooldown ?? 0);
    const minLr = checkFinite(OP, 'minLr', options.minLr ?? 0);
    if (minLr < 0) throw new ValueError(OP, 'minLr >= 0', String(minLr));
    this.minLr = minLr;
    this.verbose = checkChoice(OP, 'verbose', options.verbose ?? 0, [0, 1] as const);
  }

  /** Whether the last reduction's cooldown is still running. */
  get inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  override onTrainBegin(_logs: Logs): void {
    this.wait = 0;
    this.cooldownCounter = 0;
    this.best = null;
    this.direction = null;
    this.warned = false;
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    this.direction ??= monitorDirection(this.monitor, this.mode, this.model);
    const model = requireModel(OP, this.model);
    logs.learning_rate = model.getLearningRate();
    const current = logs[this.monitor];
    if (current === undefined) {
      if (!this.warned)
        console.warn(
          `${OP}: learning rate reduction is conditioned on metric \`${this.monitor}\` which is ` +
            `not available. Available metrics are: ${Object.keys(logs).join(',')}.`,
        );
      this.warned = true;
      return;
    }
    if (this.inCooldown) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (isImprovement(current, this.best, this.direction, this.minDelta)) {
      this.best = current;
      this.wait = 0;
      return;
    }
    if (this.inCooldown) return;
    this.wait += 1;
    if (this.wait < this.patience) return;
    const oldLr = model.getLearningRate();
    // Keras compares in float32 (the optimizer's variable) so a rate already clamped to minLr is
    // not "reduced" again each epoch; rounding both sides works whether the rate is stored as
    // float32 or float64.
    if (Math.fround(oldLr) <= Math.fround(this.minLr)) return;
    const newLr = Math.max(oldLr * this.factor, this.minLr);
    model.setLearningRate(newLr);
    if (this.verbose > 0)
      console.log(
        `\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${pythonFloatRepr(newLr)}.`,
      );
    this.cooldownCounter = this.cooldown;
    this.wait = 0;
  }
}
