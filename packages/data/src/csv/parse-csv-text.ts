import { CsvError, parse } from 'csv-parse/sync';
import { CsvFormatError } from './csv-format-error.js';

/** @internal One parsed row with the 1-based line of the input where it ends. */
export interface CsvRecord {
  record: string[];
  line: number;
}

/**
 * @internal Parses CSV text with csv-parse: quoted fields (with doubled quotes and line breaks
 * inside), LF or CRLF line ends, a leading byte-order mark, blank lines skipped. Rows of unequal
 * length are let through so the caller can report them against the header.
 */
export function parseCsvText(op: string, text: string, delimiter: string): CsvRecord[] {
  try {
    const parsed = parse(text, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return parsed.map(({ record, info }) => ({ record, line: info.lines }));
  } catch (error) {
    throw toCsvFormatError(op, error);
  }
}

/** @internal A csv-parse error as a {@link CsvFormatError} (other errors pass through). */
export function toCsvFormatError(op: string, error: unknown): unknown {
  if (error instanceof CsvError) {
    const line = typeof error.lines === 'number' ? error.lines : undefined;
    return new CsvFormatError(op, 'well-formed CSV', `${error.code} (${error.message})`, line);
  }
  return error;
}
