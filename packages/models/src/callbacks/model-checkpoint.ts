import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ValueError } from '@recur/tensor';
import { Callback, type Logs } from './callback.js';
import { FilepathTemplate } from './filepath-template.js';
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
  checkPositiveInteger,
  checkString,
  requireModel,
} from './option-checks.js';
import { formatFixed } from './python-format.js';

/** Options of {@link ModelCheckpoint}, with Keras 3's defaults. */
export interface ModelCheckpointOptions {
  /**
   * Where to save. May hold Python-style placeholders filled from `epoch` (1-based), `batch`
   * (1-based, with an integer `saveFreq`) and the logs: `{epoch:02d}`, `{val_loss:.4f}`, `{loss}`.
   */
  filepath: string;
  /** Log entry compared with `saveBestOnly`. Default `'val_loss'`. */
  monitor?: string;
  /** Save only when the monitored value improves on the best so far. Default false. */
  saveBestOnly?: boolean;
  /** Forwarded to `model.save` as `weightsOnly`. Default false. */
  saveWeightsOnly?: boolean;
  /** `'min'`, `'max'` or `'auto'` (inferred from the name). */
  mode?: MonitorMode;
  /** `'epoch'` (at each epoch end) or a number of batches between saves. */
  saveFreq?: 'epoch' | number;
  /** With `saveBestOnly`, the value the first save must already beat. */
  initialValueThreshold?: number;
  /** 1 prints a line per decision. Default 0. */
  verbose?: 0 | 1;
}

const OP = 'ModelCheckpoint';

/**
 * Saves the model (or only its weights) at every epoch end, every `saveFreq` batches, or only
 * when the monitored quantity improves. The parent directory is created when missing. The best
 * value is kept across fit calls (as in Keras), so a later run does not overwrite a better
 * checkpoint.
 *
 * @example
 * ```ts
 * import { ModelCheckpoint } from '@recur/models';
 * const checkpoint = new ModelCheckpoint({
 *   filepath: 'checkpoints/model-{epoch:02d}-{val_loss:.4f}.keras',
 *   saveBestOnly: true,
 * });
 * // await model.fit(x, y, { epochs: 20, validationSplit: 0.2, callbacks: [checkpoint] });
 * ```
 */
export class ModelCheckpoint extends Callback {
  readonly filepath: string;
  readonly monitor: string;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly mode: MonitorMode;
  readonly saveFreq: 'epoch' | number;
  readonly verbose: 0 | 1;
  /** Best monitored value saved so far (starts at `initialValueThreshold`). */
  best: number | null;

  private readonly template: FilepathTemplate;
  private direction: 'min' | 'max' | null = null;
  private currentEpoch = 0;
  private batchesSinceLastSave = 0;
  private warned = false;

  constructor(options: ModelCheckpointOptions) {
    super();
    if (options === undefined) throw new ValueError(OP, 'an options object with filepath', 'none');
    checkKeys(OP, options, [
      'filepath',
      'monitor',
      'saveBestOnly',
      'saveWeightsOnly',
      'mode',
      'saveFreq',
      'initialValueThreshold',
      'verbose',
    ]);
    this.filepath = checkString(OP, 'filepath', options.filepath);
    this.template = new FilepathTemplate(this.filepath, OP);
    this.monitor = checkString(OP, 'monitor', options.monitor ?? 'val_loss');
    this.saveBestOnly = checkBoolean(OP, 'saveBestOnly', options.saveBestOnly ?? false);
    this.saveWeightsOnly = checkBoolean(OP, 'saveWeightsOnly', options.saveWeightsOnly ?? false);
    this.mode = checkChoice(OP, 'mode', options.mode ?? 'auto', MONITOR_MODES);
    const saveFreq = options.saveFreq ?? 'epoch';
    this.saveFreq =
      saveFreq === 'epoch' ? saveFreq : checkPositiveInteger(OP, "saveFreq 'epoch' or", saveFreq);
    this.best =
      options.initialValueThreshold === undefined || options.initialValueThreshold === null
        ? null
        : checkFinite(OP, 'initialValueThreshold', options.initialValueThreshold);
    this.verbose = checkChoice(OP, 'verbose', options.verbose ?? 0, [0, 1] as const);
  }

  override onTrainBegin(_logs: Logs): void {
    this.warned = false;
    this.batchesSinceLastSave = 0;
  }

  override onEpochBegin(epoch: number, _logs: Logs): void {
    this.currentEpoch = epoch;
  }

  override async onBatchEnd(batch: number, logs: Logs): Promise<void> {
    if (this.saveFreq === 'epoch') return;
    this.batchesSinceLastSave += 1;
    if (this.batchesSinceLastSave < this.saveFreq) return;
    this.batchesSinceLastSave = 0;
    await this.save(this.currentEpoch, batch, logs);
  }

  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    this.direction ??= monitorDirection(this.monitor, this.mode, this.model);
    if (this.saveFreq === 'epoch') await this.save(epoch, null, logs);
  }

  /** The path for a save at `epoch` (0-based) and `batch` (0-based, or null at an epoch end). */
  formatPath(epoch: number, batch: number | null, logs: Logs): string {
    const values: Record<string, number> = { ...logs, epoch: epoch + 1 };
    const integerKeys = ['epoch'];
    if (batch !== null) {
      values.batch = batch + 1;
      integerKeys.push('batch');
    }
    return this.template.format(values, integerKeys);
  }

  private async save(epoch: number, batch: number | null, logs: Logs): Promise<void> {
    const model = requireModel(OP, this.model);
    const path = this.formatPath(epoch, batch, logs);
    const improved = this.shouldSave(epoch, logs, path);
    if (improved === false) return;
    const directory = dirname(path);
    if (directory !== '.' && directory !== '') await mkdir(directory, { recursive: true });
    // A save that fails (disk full, permission denied) leaves the previous checkpoint whole, and
    // the best value stays the one that checkpoint holds, so a later epoch can still replace it.
    await model.save(path, { weightsOnly: this.saveWeightsOnly });
    if (typeof improved === 'number') this.best = improved;
  }

  /** false: skip; true: save; a number: save, then it becomes the best value. */
  private shouldSave(epoch: number, logs: Logs, path: string): boolean | number {
    if (!this.saveBestOnly) {
      if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: saving model to ${path}`);
      return true;
    }
    const current = logs[this.monitor];
    if (current === undefined) {
      // Keras saves anyway rather than losing the checkpoint.
      if (!this.warned)
        console.warn(`${OP}: can save best model only with ${this.monitor} available.`);
      this.warned = true;
      return true;
    }
    this.direction ??= monitorDirection(this.monitor, this.mode, this.model);
    const previous = this.best === null ? null : formatFixed(this.best, 5);
    if (isImprovement(current, this.best, this.direction, 0)) {
      if (this.verbose > 0) {
        const from = previous === null ? '' : ` from ${previous}`;
        console.log(
          `\nEpoch ${epoch + 1}: ${this.monitor} improved${from} to ${formatFixed(current, 5)}, saving model to ${path}`,
        );
      }
      return current;
    }
    if (this.verbose > 0)
      console.log(
        `\nEpoch ${epoch + 1}: ${this.monitor} did not improve from ${previous ?? 'none'}`,
      );
    return false;
  }
}
