import { ValueError } from '@recur/tensor';
import { checkBoolean, checkOptions, describeValue } from '../internal/arguments.js';
import { CsvFormatError } from './csv-format-error.js';

/** Options shared by {@link readCsv} and `Dataset.fromCsv` that decide the columns. */
export interface CsvLayoutOptions {
  /** Whether the first row holds the column names (default true). */
  header?: boolean;
  /**
   * Column names to use instead of the header (or, with `header: false`, for a file without one).
   * Without a header or names, the columns are named '0', '1', ...
   */
  names?: readonly string[];
  /** The columns to keep, by name or 0-based position, in the order given (default: all). */
  columns?: readonly (string | number)[];
  /** The field separator (default ','). */
  delimiter?: string;
}

/** @internal Every column's name, and the positions and names of the columns kept. */
export interface CsvLayout {
  names: string[];
  selected: number[];
  selectedNames: string[];
}

/** @internal Resolves names and the selection from the first record and the options. */
export function resolveLayout(
  op: string,
  first: readonly string[],
  headerLine: number | undefined,
  options: CsvLayoutOptions,
): CsvLayout {
  const width = first.length;
  const header = options.header ?? true;
  let names: string[];
  if (options.names !== undefined) {
    if (options.names.length !== width)
      throw new CsvFormatError(
        op,
        `${options.names.length} fields per row (one per name)`,
        `${width}`,
        headerLine,
      );
    names = [...options.names];
  } else if (header) {
    names = [...first];
  } else {
    names = first.map((_, i) => String(i));
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name))
      throw new CsvFormatError(op, 'unique column names', `'${name}' twice`, headerLine);
    seen.add(name);
  }
  const selected = (options.columns ?? names.map((_, i) => i)).map((column) => {
    const index = typeof column === 'number' ? column : names.indexOf(column);
    if (
      typeof column === 'number'
        ? !Number.isInteger(column) || column < 0 || column >= width
        : index < 0
    )
      throw new ValueError(
        op,
        `columns among ${names.map((name) => `'${name}'`).join(', ')} or positions in [0, ${width})`,
        describeValue(column),
      );
    return index;
  });
  return { names, selected, selectedNames: selected.map((i) => names[i]) };
}

/**
 * @internal Checks the layout options readCsv and Dataset.fromCsv share, plus which columns become
 * dates (`parseDates`: a list of names, or `true` where `allowAll`), when the call is made rather
 * than when the file is read.
 */
export function checkLayoutOptions<T extends CsvLayoutOptions & { parseDates?: unknown }>(
  op: string,
  options: T | undefined,
  allowAll: boolean,
): Partial<T> {
  const o = checkOptions(op, 'options', options, [
    'header',
    'names',
    'columns',
    'delimiter',
    'parseDates',
  ]);
  checkBoolean(op, 'header', o.header, true);
  const strings = (value: unknown) =>
    Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (o.names !== undefined && !strings(o.names))
    throw new ValueError(op, 'names to be an array of strings', describeValue(o.names));
  if (
    o.columns !== undefined &&
    !(
      Array.isArray(o.columns) &&
      o.columns.every(
        (column) =>
          typeof column === 'string' || (Number.isSafeInteger(column) && (column as number) >= 0),
      )
    )
  )
    throw new ValueError(
      op,
      'columns to be an array of column names or non-negative positions',
      describeValue(o.columns),
    );
  checkDelimiter(op, o.delimiter ?? ',');
  const dates = o.parseDates;
  if (dates !== undefined && !strings(dates) && !(allowAll && typeof dates === 'boolean'))
    throw new ValueError(
      op,
      `parseDates to be ${allowAll ? 'a boolean or ' : ''}an array of column names`,
      describeValue(dates),
    );
  return o;
}

/** @internal Checks a delimiter option. */
export function checkDelimiter(op: string, delimiter: unknown): string {
  if (typeof delimiter !== 'string' || delimiter.length === 0 || /[\r\n"]/.test(delimiter))
    throw new ValueError(
      op,
      'delimiter to be a non-empty string without quotes or line breaks',
      describeValue(delimiter),
    );
  return delimiter;
}

/** @internal Throws unless a record has the layout's width. */
export function checkWidth(
  op: string,
  record: readonly string[],
  width: number,
  line: number,
): void {
  if (record.length !== width)
    throw new CsvFormatError(
      op,
      `${width} fields per row (as in the first row)`,
      `${record.length}`,
      line,
    );
}
