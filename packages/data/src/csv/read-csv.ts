import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ValueError } from '@recur/tensor';
import { describeValue } from '../internal/arguments.js';
import {
  checkDelimiter,
  checkLayoutOptions,
  checkWidth,
  type CsvLayoutOptions,
  resolveLayout,
} from './csv-layout.js';
import { type CsvColumn, type CsvColumnKind, CsvTable } from './csv-table.js';
import { isMissing, looksLikeDate, parseDate, parseNumber } from './field-values.js';
import { parseCsvText } from './parse-csv-text.js';

/** Options of {@link readCsv}. */
export interface ReadCsvOptions extends CsvLayoutOptions {
  /**
   * Which columns become `Date[]`: `true` for every column whose values are all ISO 8601 dates,
   * or the names of the columns (a value that is not a date is then an error). Default false.
   */
  parseDates?: boolean | readonly string[];
}

const op = 'readCsv';

/**
 * Reads a CSV file (or CSV text) into typed columns with csv-parse: quoted fields, CRLF line ends
 * and a byte-order mark are handled; blank lines are skipped; every row must have as many fields
 * as the first (else a {@link CsvFormatError} naming the line).
 *
 * A string containing a line break is CSV text; any other string (or a URL) is a path.
 * A column whose fields are all numbers (or missing: '', NA, N/A, NaN, nan, null, NULL) becomes a
 * Float64Array with NaN for missing values; date columns (see `parseDates`) become Date[], with
 * date-only values at midnight UTC; everything else stays string[] as written.
 *
 * @example
 * ```ts
 * import { readCsv } from '@recur/data';
 * const table = readCsv('Date,CO2\n1958-03-01,315.70\n1958-04-01,317.46\n', { parseDates: true });
 * table.dates('Date')[0].toISOString(); // '1958-03-01T00:00:00.000Z'
 * table.numbers('CO2'); // Float64Array [315.7, 317.46]
 * ```
 */
export function readCsv(pathOrText: string | URL, options: ReadCsvOptions = {}): CsvTable {
  checkLayoutOptions(op, options, true);
  const delimiter = checkDelimiter(op, options.delimiter ?? ',');
  const records = parseCsvText(op, readSource(pathOrText), delimiter);
  if (records.length === 0) {
    const names = options.names ? [...options.names] : [];
    return new CsvTable(
      names,
      Object.fromEntries(names.map((name) => [name, [] as string[]])),
      Object.fromEntries(names.map((name) => [name, 'text' as const])),
      0,
    );
  }
  const layout = resolveLayout(op, records[0].record, records[0].line, options);
  const hasHeaderRow = options.header ?? true;
  const body = hasHeaderRow ? records.slice(1) : records;
  for (const { record, line } of body) checkWidth(op, record, layout.names.length, line);

  const dateColumns = options.parseDates ?? false;
  if (Array.isArray(dateColumns)) {
    for (const name of dateColumns)
      if (!layout.names.includes(name))
        throw new ValueError(
          op,
          `parseDates to name columns among ${layout.names.map((n) => `'${n}'`).join(', ')}`,
          describeValue(name),
        );
  }

  const columns: [string, CsvColumn][] = [];
  const kinds: [string, CsvColumnKind][] = [];
  layout.selected.forEach((position, k) => {
    const name = layout.selectedNames[k];
    const fields = body.map(({ record }) => record[position]);
    const present = fields.filter((field) => !isMissing(field));
    const isDate =
      dateColumns === true
        ? present.length > 0 && present.every(looksLikeDate)
        : Array.isArray(dateColumns) && dateColumns.includes(name);
    if (isDate) {
      columns.push([name, fields.map((field, i) => parseDate(op, field, name, body[i].line))]);
      kinds.push([name, 'date']);
    } else if (present.length > 0 && present.every((field) => parseNumber(field) !== undefined)) {
      columns.push([name, Float64Array.from(fields, (field) => parseNumber(field) ?? Number.NaN)]);
      kinds.push([name, 'numeric']);
    } else {
      columns.push([name, fields]);
      kinds.push([name, 'text']);
    }
  });
  // fromEntries defines own properties, so a column named '__proto__' stays a column.
  return new CsvTable(
    layout.selectedNames,
    Object.fromEntries(columns),
    Object.fromEntries(kinds),
    body.length,
  );
}

function readSource(pathOrText: string | URL): string {
  if (typeof pathOrText === 'string' && /[\r\n]/.test(pathOrText)) return pathOrText;
  if (typeof pathOrText !== 'string' && !(pathOrText instanceof URL))
    throw new ValueError(op, 'a path, a URL or CSV text', describeValue(pathOrText));
  try {
    return readFileSync(pathOrText, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      const path = pathOrText instanceof URL ? fileURLToPath(pathOrText) : pathOrText;
      throw new ValueError(
        op,
        'a path to an existing file (a string without a line break is read as a path), or CSV text',
        `'${path}', which does not exist`,
      );
    }
    throw error;
  }
}
