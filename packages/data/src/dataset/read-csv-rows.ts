import { parse } from 'csv-parse';
import { ValueError } from '@recur/tensor';
import { describeValue } from '../internal/arguments.js';
import {
  checkDelimiter,
  checkWidth,
  type CsvLayout,
  type CsvLayoutOptions,
  resolveLayout,
} from '../csv/csv-layout.js';
import { parseDate, parseNumber } from '../csv/field-values.js';
import { toCsvFormatError } from '../csv/parse-csv-text.js';
import { openSource, type TextSource } from './read-lines.js';

/** A row streamed by `Dataset.fromCsv`: each kept column's value by name. */
export type CsvRow = Record<string, number | string | Date>;

/** Options of `Dataset.fromCsv` (checked by `checkLayoutOptions` when the dataset is made). */
export interface CsvRowsOptions extends CsvLayoutOptions {
  /** Columns whose values become Dates (ISO 8601; date-only values are midnight UTC). */
  parseDates?: readonly string[];
}

const op = 'Dataset.fromCsv';

/**
 * @internal Streams CSV rows through csv-parse's stream parser (quoted fields, CRLF, BOM), so only
 * a window of the file is in memory. A field that reads as a number becomes a number, a field of a
 * `parseDates` column a Date, anything else stays the string as written.
 */
export async function* readCsvRows(
  source: TextSource,
  options: CsvRowsOptions,
): AsyncGenerator<CsvRow> {
  const delimiter = checkDelimiter(op, options.delimiter ?? ',');
  const { input, owned } = await openSource(source);
  const parser = parse({
    bom: true,
    delimiter,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  // pipe() does not forward errors: a failing input must end the loop below.
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let layout: CsvLayout | undefined;
  let isDate: boolean[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (layout === undefined) {
        layout = resolveLayout(op, record, info.lines, options);
        const names = layout.names;
        for (const name of options.parseDates ?? [])
          if (!names.includes(name))
            throw new ValueError(
              op,
              `parseDates to name columns among ${names.map((n) => `'${n}'`).join(', ')}`,
              describeValue(name),
            );
        isDate = layout.selectedNames.map((name) => options.parseDates?.includes(name) ?? false);
        if (options.header ?? true) continue;
      }
      checkWidth(op, record, layout.names.length, info.lines);
      const row: [string, number | string | Date][] = layout.selected.map((position, k) => {
        const name = (layout as CsvLayout).selectedNames[k];
        const field = record[position];
        if (isDate[k]) return [name, parseDate(op, field, name, info.lines)];
        return [name, parseNumber(field) ?? field];
      });
      yield Object.fromEntries(row);
    }
  } catch (error) {
    throw toCsvFormatError(op, error);
  } finally {
    parser.destroy();
    if (owned) input.destroy();
  }
}
