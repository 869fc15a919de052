import type { Tensor } from '@recur/tensor';
import { Callback, type Logs } from './callback.js';
import {
  isImprovement,
  MONITOR_MODES,
  type MonitorMode,
  monitorDirection,
} from './monitor-direction.js';
import {
  checkBoolean,
  checkChoice,
  checkFinite,
  checkKeys,
  checkNonNegativeInteger,
  checkString,
  requireModel,
} from './option-checks.js';

/** Options of {@link EarlyStopping}, with Keras 3's defaults. */
export interface EarlyStoppingOptions {
  /** Log entry to watch. Default `'val_loss'`. */
  monitor?: string;
  /** Smallest change that counts as an improvement (its sign is ignored). Default 0. */
  minDelta?: number;
  /** Epochs without improvement before stopping. Default 0. */
  patience?: number;
  /** `'min'`, `'max'` or `'auto'` (inferred from the name, see `monitorDirection`). */
  mode?: MonitorMode;
  /** A value the monitor must beat before the patience counter resets. */
  baseline?: number;
  /** Restore the weights of the best epoch when training ends. Default false. */
  restoreBestWeights?: boolean;
  /** Epochs of warm-up before monitoring starts. Default 0. */
  startFromEpoch?: number;
  /** 1 prints when stopping and restoring. Default 0. */
  verbose?: 0 | 1;
}

const OP = 'EarlyStopping';

/**
 * Stops training when the monitored quantity has stopped improving, with Keras 3's rules: at
 * each epoch end from `startFromEpoch` on, the wait counter goes up by one and returns to zero on
 * an improvement (beating the best by more than `minDelta`) that also beats `baseline` when one
 * is set; when it reaches `patience` on an epoch without improvement (and past the first epoch),
 * `model.stopTraining` is set. With `restoreBestWeights`, the best epoch's weights are put back
 * at the end of training whether or not training stopped early (as Keras 3 does).
 *
 * `bestEpoch` and `stoppedEpoch` are 0-based epoch indices, as in Keras (`stoppedEpoch` stays 0
 * when training ran to the end).
 *
 * @example
 * ```ts
 * import { EarlyStopping } from '@recur/models';
 * const earlyStopping = new EarlyStopping({ monitor: 'val_loss', patience: 3, restoreBestWeights: true });
 * // await model.fit(x, y, { epochs: 100, validationSplit: 0.2, callbacks: [earlyStopping] });
 * console.log(earlyStopping.stoppedEpoch, earlyStopping.bestEpoch);
 * ```
 */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  /** `|minDelta|`, as Keras stores it. */
  readonly minDelta: number;
  readonly patience: number;
  readonly mode: MonitorMode;
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  readonly verbose: 0 | 1;

  /** Epochs counted since the last improvement that beat the baseline. */
  wait = 0;
  /** The 0-based epoch at which training was stopped, or 0 when it was not. */
  stoppedEpoch = 0;
  /** The 0-based epoch with the best monitored value so far. */
  bestEpoch = 0;
  /** The best monitored value so far (`null` before the first monitored epoch). */
  best: number | null = null;
  /** Copies of the weights at `bestEpoch` (only with `restoreBestWeights`). */
  bestWeights: Tensor[] | null = null;

  private direction: 'min' | 'max' | null = null;
  private warned = false;

  constructor(options: EarlyStoppingOptions = {}) {
    super();
    checkKeys(OP, options, [
      'monitor',
      'minDelta',
      'patience',
      'mode',
      'baseline',
      'restoreBestWeights',
      'startFromEpoch',
      'verbose',
    ]);
    this.monitor = checkString(OP, 'monitor', options.monitor ?? 'val_loss');
    this.minDelta = Math.abs(checkFinite(OP, 'minDelta', options.minDelta ?? 0));
    this.patience = checkNonNegativeInteger(OP, 'patience', options.patience ?? 0);
    this.mode = checkChoice(OP, 'mode', options.mode ?? 'auto', MONITOR_MODES);
    this.baseline =
      options.baseline === undefined || options.baseline === null
        ? null
        : checkFinite(OP, 'baseline', options.baseline);
    this.restoreBestWeights = checkBoolean(
      OP,
      'restoreBestWeights',
      options.restoreBestWeights ?? false,
    );
    this.startFromEpoch = checkNonNegativeInteger(
      OP,
      'startFromEpoch',
      options.startFromEpoch ?? 0,
    );
    this.verbose = checkChoice(OP, 'verbose', options.verbose ?? 0, [0, 1] as const);
  }

  override onTrainBegin(_logs: Logs): void {
    // Reset so one instance can serve several fit calls, as in Keras.
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.bestEpoch = 0;
    this.best = null;
    this.bestWeights = null;
    this.direction = null;
    this.warned = false;
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    // Resolved at the first epoch end (not at construction) so the model's metrics exist.
    this.direction ??= monitorDirection(this.monitor, this.mode, this.model);
    const current = logs[this.monitor];
    if (current === undefined) {
      this.warnMissing(logs);
      return;
    }
    if (epoch < this.startFromEpoch) return;
    const model = requireModel(OP, this.model);
    if (this.restoreBestWeights && this.bestWeights === null) {
      // Until something improves, the weights of the first monitored epoch are the best.
      this.bestWeights = model.getWeights();
      this.bestEpoch = epoch;
    }
    this.wait += 1;
    if (isImprovement(current, this.best, this.direction, this.minDelta)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.bestWeights = model.getWeights();
      if (
        this.baseline === null ||
        isImprovement(current, this.baseline, this.direction, this.minDelta)
      )
        this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      model.stopTraining = true;
    }
  }

  override onTrainEnd(_logs: Logs): void {
    if (this.stoppedEpoch > 0 && this.verbose > 0)
      console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights !== null) {
      if (this.verbose > 0)
        console.log(
          `Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`,
        );
      requireModel(OP, this.model).setWeights(this.bestWeights);
    }
  }

  private warnMissing(logs: Logs): void {
    if (this.warned) return;
    this.warned = true;
    console.warn(
      `${OP}: conditioned on metric \`${this.monitor}\` which is not available. ` +
        `Available metrics are: ${Object.keys(logs).join(',')}`,
    );
  }
}
