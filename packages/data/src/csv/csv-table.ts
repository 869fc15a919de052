import { type DType, DTypeError, Tensor, ValueError } from '@recur/tensor';
import { describeValue } from '../internal/arguments.js';
import { toTensor } from '../internal/to-tensor.js';

/** A column of {@link CsvTable}: numbers, text, or dates. */
export type CsvColumn = Float64Array | string[] | Date[];

/** What a column of {@link CsvTable} holds. */
export type CsvColumnKind = 'numeric' | 'text' | 'date';

/**
 * Typed columns read by {@link readCsv}: numeric columns as Float64Array (NaN where a value is
 * missing), text as string[], dates as Date[]. The accessors check the kind of a column.
 *
 * @example
 * ```ts
 * import { readCsv } from '@recur/data';
 * const table = readCsv('city,temp\nOslo,4.5\nRome,18\n');
 * table.numbers('temp'); // Float64Array [4.5, 18]
 * table.strings('city'); // ['Oslo', 'Rome']
 * table.toTensor(['temp']).shape; // [2, 1]
 * ```
 */
export class CsvTable {
  constructor(
    /** The column names, in order. */
    readonly columnNames: readonly string[],
    /** The columns by name. */
    readonly columns: Readonly<Record<string, CsvColumn>>,
    /** What each column holds, by name. */
    readonly columnKinds: Readonly<Record<string, CsvColumnKind>>,
    /** The number of data rows. */
    readonly rowCount: number,
  ) {}

  /** A numeric column. */
  numbers(name: string): Float64Array {
    return this.column('CsvTable.numbers', name, 'numeric') as Float64Array;
  }

  /** A text column. */
  strings(name: string): string[] {
    return this.column('CsvTable.strings', name, 'text') as string[];
  }

  /** A date column (read with `parseDates`). */
  dates(name: string): Date[] {
    return this.column('CsvTable.dates', name, 'date') as Date[];
  }

  /**
   * Numeric columns side by side as a `[rowCount, columns]` tensor (default: every numeric column),
   * ready for the window functions and scalers.
   */
  toTensor(names?: readonly string[], dtype: DType = 'float32'): Tensor {
    const op = 'CsvTable.toTensor';
    if (names !== undefined && !Array.isArray(names))
      throw new ValueError(op, 'names to be an array of column names', describeValue(names));
    const chosen = names ?? this.columnNames.filter((name) => this.columnKinds[name] === 'numeric');
    const sources = chosen.map((name) => this.column(op, name, 'numeric') as Float64Array);
    const values = new Float64Array(this.rowCount * sources.length);
    sources.forEach((column, j) => {
      for (let i = 0; i < this.rowCount; i++) values[i * sources.length + j] = column[i];
    });
    // Converted with tensor()'s checks: a missing value (NaN) has no int32, so it is refused
    // rather than stored as 0.
    const converted = toTensor(op, 'the columns', values, dtype);
    return new Tensor(converted.data, [this.rowCount, sources.length]);
  }

  private column(op: string, name: string, kind: CsvColumnKind): CsvColumn {
    if (typeof name !== 'string' || !Object.hasOwn(this.columns, name))
      throw new ValueError(
        op,
        `name to be a column among ${this.columnNames.map((n) => `'${n}'`).join(', ')}`,
        describeValue(name),
      );
    if (this.columnKinds[name] !== kind)
      throw new DTypeError(op, `a ${kind} column '${name}'`, `a ${this.columnKinds[name]} column`);
    return this.columns[name];
  }
}
