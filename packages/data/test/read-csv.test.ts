import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CsvFormatError, CsvTable, Dataset, readCsv } from '@recur/data';
import { DTypeError, ValueError } from '@recur/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { rejected, thrown } from './helpers.js';

const folder = mkdtempSync(join(tmpdir(), 'recur-data-csv-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('readCsv', () => {
  it('handles quoted fields, doubled quotes, line breaks in quotes, CRLF and a BOM', () => {
    const text =
      '\uFEFFname,note,value\r\n"Smith, J.","said ""hi""",1.5\r\n"Lee","two\r\nlines",-2e3\r\n';
    const table = readCsv(text);
    expect(table.columnNames).toEqual(['name', 'note', 'value']);
    expect(table.rowCount).toBe(2);
    expect(table.strings('name')).toEqual(['Smith, J.', 'Lee']);
    expect(table.strings('note')).toEqual(['said "hi"', 'two\r\nlines']);
    expect(table.numbers('value')).toEqual(new Float64Array([1.5, -2000]));
  });

  it('types columns: numbers as Float64Array (NaN for missing), text as string[]', () => {
    const table = readCsv('a,b,c\n1,x,\n2,,NA\n 3 ,z,\n');
    expect(table.columns.a).toBeInstanceOf(Float64Array);
    expect(Array.from(table.numbers('a'))).toEqual([1, 2, 3]);
    expect(table.strings('b')).toEqual(['x', '', 'z']);
    // No value at all: not a number column.
    expect(table.columnKinds.c).toBe('text');
    const missing = readCsv('a\n1\n\n""\nnan\n4\n');
    expect(Array.from(missing.numbers('a'))).toEqual([1, Number.NaN, Number.NaN, 4]);
    expect(readCsv('a\n0x10\n').columnKinds.a).toBe('text');
  });

  it('parses ISO dates when asked, by detection or by name', () => {
    const text =
      'Date,when,v\n1958-03-01,2020-01-02T03:04:05Z,1\n1958-04-01,2020-01-03T00:00:00Z,2\n';
    const detected = readCsv(text, { parseDates: true });
    expect(detected.dates('Date').map((d) => d.toISOString())).toEqual([
      '1958-03-01T00:00:00.000Z',
      '1958-04-01T00:00:00.000Z',
    ]);
    expect(detected.dates('when')[0].getTime()).toBe(Date.UTC(2020, 0, 2, 3, 4, 5));
    const named = readCsv(text, { parseDates: ['Date'] });
    expect(named.columnKinds).toEqual({ Date: 'date', when: 'text', v: 'numeric' });
    expect(readCsv(text).columnKinds.Date).toBe('text');
    const bad = thrown(() => readCsv('d\n2020-01-01\nsoon\n', { parseDates: ['d'] }));
    expect(bad).toBeInstanceOf(CsvFormatError);
    expect(bad.message).toBe(
      "readCsv: expected an ISO 8601 date in column 'd', received 'soon' on line 3",
    );
  });

  it('selects columns by name or position, renames, and reads files without a header', () => {
    const text = 'a;b;c\n1;2;3\n4;5;6\n';
    const picked = readCsv(text, { delimiter: ';', columns: ['c', 0] });
    expect(picked.columnNames).toEqual(['c', 'a']);
    expect(Array.from(picked.numbers('c'))).toEqual([3, 6]);
    const headerless = readCsv('1,2\n3,4\n', { header: false });
    expect(headerless.columnNames).toEqual(['0', '1']);
    expect(Array.from(headerless.numbers('1'))).toEqual([2, 4]);
    const named = readCsv('1,2\n3,4\n', { header: false, names: ['x', 'y'] });
    expect(Array.from(named.numbers('x'))).toEqual([1, 3]);
    const renamed = readCsv('a,b\n1,2\n', { names: ['x', 'y'] });
    expect(renamed.rowCount).toBe(1);
    expect(renamed.columnNames).toEqual(['x', 'y']);
    expect(thrown(() => readCsv(text, { delimiter: ';', columns: ['d'] }))).toBeInstanceOf(
      ValueError,
    );
  });

  it('reports a ragged row with its line number', () => {
    const error = thrown(() => readCsv('a,b,c\n1,2,3\n4,5\n'));
    expect(error).toBeInstanceOf(CsvFormatError);
    expect((error as CsvFormatError).code).toBe('ERR_RECUR_CSV');
    expect((error as CsvFormatError).line).toBe(3);
    expect(error.message).toBe(
      'readCsv: expected 3 fields per row (as in the first row), received 2 on line 3',
    );
    expect(thrown(() => readCsv('a,b\n1,2,3\n')).message).toContain('received 3 on line 2');
  });

  it('reports an unclosed quote', () => {
    const error = thrown(() => readCsv('a,b\n1,"2\n'));
    expect(error).toBeInstanceOf(CsvFormatError);
    expect(error.message).toContain('CSV_QUOTE_NOT_CLOSED');
  });

  it('reads a path or a file URL; a missing file is a clear error', () => {
    const path = join(folder, 'small.csv');
    writeFileSync(path, 'x,y\n1,2\n3,4\n');
    expect(Array.from(readCsv(path).numbers('y'))).toEqual([2, 4]);
    expect(readCsv(pathToFileURL(path)).rowCount).toBe(2);
    const missing = thrown(() => readCsv(join(folder, 'nope.csv')));
    expect(missing).toBeInstanceOf(ValueError);
    expect(missing.message).toContain('which does not exist');
  });

  it('gives typed access and a tensor of numeric columns', () => {
    const table = readCsv('t,label,v\n1,a,10\n2,b,20\n');
    expect(table).toBeInstanceOf(CsvTable);
    expect(table.toTensor().toArray()).toEqual([
      [1, 10],
      [2, 20],
    ]);
    expect(table.toTensor(['v'], 'float64').dtype).toBe('float64');
    expect(thrown(() => table.numbers('label'))).toBeInstanceOf(DTypeError);
    expect(thrown(() => table.numbers('label')).message).toBe(
      "CsvTable.numbers: expected a numeric column 'label', received a text column",
    );
    expect(thrown(() => table.toTensor(['label']))).toBeInstanceOf(DTypeError);
    expect(thrown(() => table.strings('nope'))).toBeInstanceOf(ValueError);
  });

  it('rejects repeated column names', () => {
    expect(thrown(() => readCsv('a,a\n1,2\n')).message).toContain('unique column names');
  });
});

describe('Dataset.fromCsv streams rows', () => {
  it('yields typed rows from a file, selected columns only', async () => {
    const path = join(folder, 'rows.csv');
    writeFileSync(
      path,
      '\uFEFFday,city,temp\r\n2024-01-01,"Oslo, NO",-3.5\r\n2024-01-02,Rome,12\r\n',
    );
    const rows = await Dataset.fromCsv(path, { parseDates: ['day'] }).toArray();
    expect(rows).toEqual([
      { day: new Date(Date.UTC(2024, 0, 1)), city: 'Oslo, NO', temp: -3.5 },
      { day: new Date(Date.UTC(2024, 0, 2)), city: 'Rome', temp: 12 },
    ]);
    const temps = await Dataset.fromCsv(path, { columns: ['temp'] })
      .map((row) => row.temp)
      .toArray();
    expect(temps).toEqual([-3.5, 12]);
  });

  it('throws a CsvFormatError for a ragged row while iterating', async () => {
    const path = join(folder, 'ragged.csv');
    writeFileSync(path, 'a,b\n1,2\n3\n');
    const error = await rejected(() => Dataset.fromCsv(path).toArray());
    expect(error).toBeInstanceOf(CsvFormatError);
    expect(error.message).toContain('received 1 on line 3');
  });

  it('fails clearly for a missing file', async () => {
    const error = await rejected(() => Dataset.fromCsv(join(folder, 'missing.csv')).toArray());
    expect((error as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});
