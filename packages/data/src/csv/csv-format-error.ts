/**
 * Malformed CSV input (a row with the wrong number of fields, an unclosed quote, a value that is
 * not a date in a date column, a repeated column name). The message names the function, what it
 * expected and what it found; `line` is the 1-based line of the input where it was found.
 *
 * @example
 * ```ts
 * import { CsvFormatError, readCsv } from '@recur/data';
 * try {
 *   readCsv('a,b\n1,2\n3\n');
 * } catch (error) {
 *   if (error instanceof CsvFormatError) console.log(error.code, error.line); // ERR_RECUR_CSV 3
 * }
 * ```
 */
export class CsvFormatError extends Error {
  readonly code = 'ERR_RECUR_CSV';
  constructor(
    readonly op: string,
    readonly expected: string,
    readonly received: string,
    readonly line?: number,
  ) {
    super(
      `${op}: expected ${expected}, received ${received}${line === undefined ? '' : ` on line ${line}`}`,
    );
    this.name = 'CsvFormatError';
  }
}
