import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { ValueError } from '@recur/tensor';
import { Callback, type Logs } from './callback.js';
import { checkBoolean, checkKeys, checkString } from './option-checks.js';
import { pythonFloatRepr } from './python-format.js';

/** Options of {@link CSVLogger}. */
export interface CSVLoggerOptions {
  /** One character between cells. Default `','`. */
  separator?: string;
  /** Add to an existing file (its header is kept) instead of overwriting it. Default false. */
  append?: boolean;
}

const OP = 'CSVLogger';

/**
 * Streams the epoch logs to a CSV file, like Keras: the header is `epoch` then the first
 * epoch's log names sorted (plus any `val_*` names announced in the training params but missing
 * from that epoch), one row per epoch with the 0-based epoch, `NA` for a missing value, numbers
 * written as Python's `repr` does (shortest exact round trip: `0.30000000000000004`, `1.0`,
 * `1e-05`, `nan`). Each row is appended to the file as soon as the epoch ends, so an interrupted
 * run keeps the rows so far. Lines end with `\n`; cells holding the separator, a quote or a
 * line break are quoted.
 *
 * @example
 * ```ts
 * import { CSVLogger } from '@recur/models';
 * const csvLogger = new CSVLogger('training.log.csv', { append: true });
 * // await model.fit(x, y, { epochs: 10, callbacks: [csvLogger] });
 * ```
 */
export class CSVLogger extends Callback {
  readonly filename: string;
  readonly separator: string;
  readonly append: boolean;
  /** Log names of the columns after `epoch` (set at the first epoch end). */
  keys: string[] | null = null;

  private writeHeader = true;

  constructor(filename: string, options: CSVLoggerOptions = {}) {
    super();
    this.filename = checkString(OP, 'filename', filename);
    checkKeys(OP, options, ['separator', 'append']);
    const separator = options.separator ?? ',';
    if (typeof separator !== 'string' || [...separator].length !== 1 || /["\r\n]/.test(separator))
      throw new ValueError(
        OP,
        'separator one character other than a quote or line break',
        JSON.stringify(separator),
      );
    this.separator = separator;
    this.append = checkBoolean(OP, 'append', options.append ?? false);
  }

  override async onTrainBegin(_logs: Logs): Promise<void> {
    this.keys = null;
    this.writeHeader = true;
    if (this.append) {
      // As in Keras, only an empty or missing file gets a header when appending.
      const existing = await readFile(this.filename, 'utf8').catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return '';
          throw error;
        },
      );
      this.writeHeader = existing.length === 0;
    } else {
      await writeFile(this.filename, '');
    }
  }

  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    if (this.keys === null) {
      const keys = Object.keys(logs).sort();
      // Validation may not run every epoch: keep columns for the val_* entries fit announced.
      for (const name of this.params?.metrics ?? [])
        if (name.startsWith('val_') && !keys.includes(name)) keys.push(name);
      this.keys = keys;
    }
    let text = '';
    if (this.writeHeader) {
      text += this.row(['epoch', ...this.keys]);
      this.writeHeader = false;
    }
    const cells = this.keys.map((key) => {
      const value = logs[key];
      return value === undefined ? 'NA' : pythonFloatRepr(value);
    });
    text += this.row([String(epoch), ...cells]);
    await appendFile(this.filename, text);
  }

  override onTrainEnd(_logs: Logs): void {
    this.keys = null;
  }

  private row(cells: readonly string[]): string {
    return `${cells.map((cell) => this.quote(cell)).join(this.separator)}\n`;
  }

  private quote(cell: string): string {
    if (!cell.includes(this.separator) && !/["\r\n]/.test(cell)) return cell;
    return `"${cell.replaceAll('"', '""')}"`;
  }
}
