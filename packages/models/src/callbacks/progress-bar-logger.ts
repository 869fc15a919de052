import cliProgress from 'cli-progress';
import { ValueError } from '@recur/tensor';
import { Callback, type Logs, type TrainingParams } from './callback.js';
import { checkBoolean, checkChoice, checkFunction, checkKeys } from './option-checks.js';
import { formatExponential, formatFixed } from './python-format.js';

/** Where progress goes: anything with `write`, like `process.stdout` or a test capture. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Options of {@link ProgressBarLogger}. */
export interface ProgressBarLoggerOptions {
  /** 1: a live bar per epoch; 2: one line per epoch; 0: silent. Default: the fit's `verbose`. */
  verbose?: 0 | 1 | 2;
  /** Default `process.stdout`. */
  stream?: ProgressStream;
  /** Draw a live bar (true) or plain lines (false). Default `stream.isTTY === true`. */
  isTTY?: boolean;
  /**
   * Plain-line mode with `verbose: 1`: least seconds between progress lines inside an epoch, so
   * long epochs still show signs of life in CI logs. Default 60; `Infinity` prints only the
   * epoch lines.
   */
  plainUpdateSeconds?: number;
  /** Clock in milliseconds (tests inject one). Default `performance.now`. */
  now?: () => number;
}

const OP = 'ProgressBarLogger';
const BAR_WIDTH = 30;
/** Batch bookkeeping entries Keras leaves out of the progress line. */
const HIDDEN_KEYS = new Set(['batch', 'size']);

/**
 * cli-progress re-arms a redraw timer after every render; unref it so that a training loop that
 * throws mid-epoch (no onEpochEnd or onTrainEnd to stop the bar) cannot keep the process alive.
 */
class UnrefBar extends cliProgress.SingleBar {
  override render(): void {
    super.render();
    (this as unknown as { timer: NodeJS.Timeout | null }).timer?.unref();
  }
}

/**
 * What `fit` prints, like Keras' progress bar (in the Keras 2 style, with `=` bars).
 *
 * `verbose: 1` prints `Epoch 3/10` (when there is more than one epoch) and then
 * - on a TTY, a live bar redrawn by cli-progress after each batch:
 *   `12/40 [========>.....................] - ETA: 3s - loss: 0.1234 - mae: 0.2345`;
 * - elsewhere (CI, pipes, files), no carriage returns: nothing per batch except a progress line
 *   when `plainUpdateSeconds` have passed since the last line;
 *
 * and at the epoch end, in both cases, the epoch's line with its time, time per step and logs:
 * `40/40 [==============================] - 2s 48ms/step - loss: 0.1234 - val_loss: 0.2345`.
 *
 * `verbose: 2` prints one line per epoch: `Epoch 3/10 - 2s - loss: 0.1234 - val_loss: 0.2345`.
 *
 * Values print as Keras prints them: 4 decimals, or `e` notation with 4 decimals at or below
 * 1e-3 in magnitude (`1.2340e-05`). Batch logs are shown as given (the training loop passes
 * running averages); `batch` and `size` entries are left out. When `steps` is unknown the first
 * epoch counts `12/Unknown` and sets the count for the following epochs, as in Keras. An epoch
 * cut short by `stopTraining` ends its line at the batches actually run.
 *
 * @example
 * ```ts
 * import { ProgressBarLogger } from '@recur/models';
 * const logger = new ProgressBarLogger({ verbose: 1, isTTY: false });
 * logger.setParams({ epochs: 1, steps: 2, verbose: 1, metrics: ['loss'] });
 * logger.onEpochBegin(0, {});
 * logger.onBatchEnd(0, { loss: 0.5 });
 * logger.onBatchEnd(1, { loss: 0.25 });
 * logger.onEpochEnd(0, { loss: 0.25 }); // prints 2/2 [=====...=====] - 0s ...ms/step - loss: 0.2500
 * ```
 */
export class ProgressBarLogger extends Callback {
  readonly stream: ProgressStream;
  readonly isTTY: boolean;
  readonly plainUpdateSeconds: number;

  private readonly verboseOption: 0 | 1 | 2 | undefined;
  private readonly now: () => number;
  private epochs = 1;
  private target: number | null = null;
  private seen = 0;
  private epochStart = 0;
  private timeAfterFirstStep: number | null = null;
  private lastPlainLine = 0;
  private bar: UnrefBar | null = null;

  constructor(options: ProgressBarLoggerOptions = {}) {
    super();
    checkKeys(OP, options, ['verbose', 'stream', 'isTTY', 'plainUpdateSeconds', 'now']);
    this.verboseOption =
      options.verbose === undefined
        ? undefined
        : checkChoice(OP, 'verbose', options.verbose, [0, 1, 2] as const);
    const stream = options.stream ?? process.stdout;
    if (typeof stream !== 'object' || stream === null || typeof stream.write !== 'function')
      throw new ValueError(OP, 'a stream with a write method', String(stream));
    this.stream = stream;
    this.isTTY = checkBoolean(OP, 'isTTY', options.isTTY ?? stream.isTTY === true);
    const interval = options.plainUpdateSeconds ?? 60;
    if (typeof interval !== 'number' || Number.isNaN(interval) || interval < 0)
      throw new ValueError(OP, 'plainUpdateSeconds a number >= 0 (or Infinity)', String(interval));
    this.plainUpdateSeconds = interval;
    if (options.now !== undefined) checkFunction(OP, 'now', options.now);
    this.now = options.now ?? (() => performance.now());
  }

  /** The verbosity in use: the constructor's, else the fit's, else 1. */
  get verbose(): 0 | 1 | 2 {
    return this.verboseOption ?? this.params?.verbose ?? 1;
  }

  override setParams(params: TrainingParams): void {
    super.setParams(params);
    this.epochs = params.epochs;
    this.target = params.steps;
  }

  override onEpochBegin(epoch: number, _logs: Logs): void {
    this.stopBar();
    this.seen = 0;
    this.timeAfterFirstStep = null;
    this.epochStart = this.now();
    this.lastPlainLine = this.epochStart;
    if (this.verbose === 1 && this.epochs > 1)
      this.stream.write(`Epoch ${epoch + 1}/${this.epochs}\n`);
  }

  override onBatchEnd(batch: number, logs: Logs): void {
    if (this.verbose !== 1) return;
    this.seen = batch + 1;
    const time = this.now();
    const stepSeconds = this.stepSeconds(this.seen, time);
    const counter = this.counter(this.seen);
    const details = this.progressDetails(this.seen, stepSeconds, time, logs);
    if (this.isTTY) {
      if (this.bar === null) {
        this.bar = this.createBar();
        this.bar.start(this.target ?? 0, this.seen, { counter, details });
      } else {
        this.bar.update(this.seen, { counter, details });
      }
      return;
    }
    const lastBatch = this.target !== null && this.seen >= this.target;
    if (lastBatch || time - this.lastPlainLine < this.plainUpdateSeconds * 1000) return;
    this.lastPlainLine = time;
    this.stream.write(`${counter}${this.plainBar(this.seen)}${details}\n`);
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    const verbose = this.verbose;
    if (verbose === 0) return;
    const time = this.now();
    const elapsed = formatFixed((time - this.epochStart) / 1000, 0);
    // Keras learns the epoch length from the first epoch when the data cannot tell it.
    if (this.target === null) this.target = this.seen;
    if (verbose === 2) {
      this.stream.write(`Epoch ${epoch + 1}/${this.epochs} - ${elapsed}s${formatLogs(logs)}\n`);
      return;
    }
    const current = this.seen > 0 ? this.seen : this.target;
    const stepTime = formatStepTime(this.stepSeconds(current, time));
    // The finished line is written in full by us rather than as the bar's last frame, which
    // cli-progress trims to the terminal width.
    this.stopBar();
    this.stream.write(
      `${this.counter(current)}${this.plainBar(current)} - ${elapsed}s ${stepTime}${formatLogs(logs)}\n`,
    );
  }

  override onTrainEnd(_logs: Logs): void {
    this.stopBar();
  }

  /** Keras' estimate: the first step (compilation, warm-up) is left out once there are more. */
  private stepSeconds(current: number, time: number): number {
    if (current === 0) return 0;
    const milliseconds =
      this.timeAfterFirstStep !== null && current > 1
        ? (time - this.timeAfterFirstStep) / (current - 1)
        : (time - this.epochStart) / current;
    if (current === 1) this.timeAfterFirstStep = time;
    return milliseconds / 1000;
  }

  private counter(current: number): string {
    if (this.target === null || this.target <= 0) return `${String(current).padStart(7)}/Unknown`;
    return `${String(current).padStart(String(this.target).length)}/${this.target}`;
  }

  private plainBar(current: number): string {
    if (this.target === null || this.target <= 0) return '';
    return ` [${drawBar(current / this.target)}]`;
  }

  private progressDetails(current: number, stepSeconds: number, time: number, logs: Logs): string {
    if (this.target === null || this.target <= 0) {
      const elapsed = formatFixed((time - this.epochStart) / 1000, 0);
      return ` - ${elapsed}s ${formatStepTime(stepSeconds)}${formatLogs(logs)}`;
    }
    const eta = formatEta(stepSeconds * Math.max(0, this.target - current));
    return ` - ETA: ${eta}${formatLogs(logs)}`;
  }

  private createBar(): UnrefBar {
    const stream = this.stream;
    // cli-progress only draws on streams that say they are TTYs (`isTTY` may be forced here), and
    // it saves/restores the cursor around the bar, which misplaces the next lines when another
    // callback prints mid-epoch; this adapter answers as a TTY and drops those two sequences.
    const terminal = {
      isTTY: true,
      get columns() {
        return stream.columns;
      },
      write(chunk: string, callback?: (error?: Error | null) => void): boolean {
        const text = chunk.replaceAll('\x1b7', '').replaceAll('\x1b8', '');
        if (text !== '') stream.write(text);
        if (typeof callback === 'function') callback(null);
        return true;
      },
    };
    const known = this.target !== null && this.target > 0;
    return new UnrefBar({
      stream: terminal as unknown as NodeJS.WritableStream,
      format: known ? '{counter} [{bar}]{details}' : '{counter}{details}',
      formatBar: (progress) => drawBar(progress),
      barsize: BAR_WIDTH,
      // null leaves the cursor alone and true trims the live line to the terminal width instead
      // of switching line wrapping off (which a crash would leave off).
      hideCursor: null,
      linewrap: true,
      clearOnComplete: true,
      stopOnComplete: false,
      gracefulExit: false,
    });
  }

  private stopBar(): void {
    if (this.bar === null) return;
    this.bar.stop();
    this.bar = null;
  }
}

/** `[=========>....................]`'s inside, Keras 2's bar for a progress in [0, 1]. */
function drawBar(progress: number): string {
  const clamped = Math.min(Math.max(progress, 0), 1);
  const filled = Math.floor(BAR_WIDTH * clamped);
  let bar = '';
  if (filled > 0) bar += `${'='.repeat(filled - 1)}${clamped < 1 ? '>' : '='}`;
  return bar + '.'.repeat(BAR_WIDTH - filled);
}

/** ` - loss: 0.1234 - mae: 1.2340e-05`, in the logs' order. */
function formatLogs(logs: Logs): string {
  let text = '';
  for (const [name, value] of Object.entries(logs)) {
    if (HIDDEN_KEYS.has(name)) continue;
    text += ` - ${name}: ${formatLogValue(value)}`;
  }
  return text;
}

/** Keras' rule: 4 decimals above 1e-3 in magnitude, else 4 decimals in `e` notation. */
function formatLogValue(value: number): string {
  if (typeof value !== 'number') return String(value);
  return Math.abs(value) > 1e-3 ? formatFixed(value, 4) : formatExponential(value, 4);
}

/** `48ms/step`, `2s/step`, `850us/step`, as Keras' progress bar prints the time per step. */
function formatStepTime(seconds: number): string {
  if (seconds >= 1 || seconds === 0) return `${formatFixed(seconds, 0)}s/step`;
  if (seconds >= 1e-3) return `${formatFixed(seconds * 1e3, 0)}ms/step`;
  return `${formatFixed(seconds * 1e6, 0)}us/step`;
}

/** `3s`, `2:05`, `1:02:05`. */
function formatEta(seconds: number): string {
  const two = (value: number) => String(Math.floor(value)).padStart(2, '0');
  if (seconds > 3600)
    return `${Math.floor(seconds / 3600)}:${two((seconds % 3600) / 60)}:${two(seconds % 60)}`;
  if (seconds > 60) return `${Math.floor(seconds / 60)}:${two(seconds % 60)}`;
  return `${Math.floor(seconds)}s`;
}
