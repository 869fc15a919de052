import { CsvFormatError } from './csv-format-error.js';

// Decimal and scientific notation only: Number() would also accept '', ' ', '0x1F' and '1_000'.
const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// ISO 8601 dates, optionally with a time (separated by 'T' or a space) and a zone.
const datePattern =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * @internal Fields that stand for a missing value: NaN in a numeric column, an invalid Date in a
 * date column.
 */
export const missingMarkers: ReadonlySet<string> = new Set([
  '',
  'NA',
  'N/A',
  'NaN',
  'nan',
  'null',
  'NULL',
]);

/** @internal Whether a field marks a missing value. */
export function isMissing(field: string): boolean {
  return missingMarkers.has(field.trim());
}

/** @internal The number a field spells (surrounding spaces allowed), or undefined. */
export function parseNumber(field: string): number | undefined {
  const trimmed = field.trim();
  if (!numberPattern.test(trimmed)) return undefined;
  return Number(trimmed);
}

/** @internal Whether a field is an ISO 8601 date or date-time. */
export function looksLikeDate(field: string): boolean {
  return datePattern.test(field.trim());
}

/**
 * @internal The Date a field spells. Date-only values are midnight UTC and date-times without a
 * zone are local time, as JavaScript's Date reads ISO 8601; a space before the time is read as 'T'.
 */
export function parseDate(
  op: string,
  field: string,
  column: string,
  line: number | undefined,
): Date {
  if (isMissing(field)) return new Date(Number.NaN);
  const trimmed = field.trim();
  const date = looksLikeDate(trimmed) ? new Date(trimmed.replace(' ', 'T')) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()))
    throw new CsvFormatError(op, `an ISO 8601 date in column '${column}'`, `'${field}'`, line);
  return date;
}
