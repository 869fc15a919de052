import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { Dataset } from '@recur/data';
import { ValueError } from '@recur/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejected } from './helpers.js';

const folder = mkdtempSync(join(tmpdir(), 'recur-data-lines-'));
const bigFile = join(folder, 'many-lines.txt');
const lineCount = 200_000;
afterAll(() => rmSync(folder, { recursive: true, force: true }));

beforeAll(() => {
  const lines = Array.from({ length: lineCount }, (_, i) => `line ${i}: ${'x'.repeat(i % 40)}`);
  writeFileSync(bigFile, `${lines.join('\n')}\n`);
});

describe('Dataset.fromTextLines streams a file line by line', () => {
  it('yields every line of a large generated file, in order', async () => {
    let count = 0;
    let sumOfNumbers = 0;
    let last = '';
    for await (const line of Dataset.fromTextLines(bigFile)) {
      sumOfNumbers += Number(line.slice(5, line.indexOf(':')));
      count++;
      last = line;
    }
    expect(count).toBe(lineCount);
    expect(sumOfNumbers).toBe((lineCount * (lineCount - 1)) / 2);
    expect(last).toBe(`line ${lineCount - 1}: ${'x'.repeat((lineCount - 1) % 40)}`);
  });

  it('reads only a small part of the file to take the first lines', async () => {
    let bytesRead = 0;
    const counting = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytesRead += chunk.length;
        callback(null, chunk);
      },
    });
    const source = createReadStream(bigFile, { highWaterMark: 16 * 1024 }).pipe(counting);
    const first = await Dataset.fromTextLines(source).take(3).toArray();
    expect(first).toEqual(['line 0: ', 'line 1: x', 'line 2: xx']);
    const size = statSync(bigFile).size;
    expect(size).toBeGreaterThan(5_000_000);
    expect(bytesRead).toBeLessThan(size / 10);
  });

  it('handles CRLF line ends and a byte-order mark, and can pass over a path again', async () => {
    const path = join(folder, 'crlf.txt');
    writeFileSync(path, '\uFEFFfirst\r\nsecond\r\n\r\nlast');
    const lines = Dataset.fromTextLines(path);
    expect(await lines.toArray()).toEqual(['first', 'second', '', 'last']);
    expect(await lines.toArray()).toEqual(['first', 'second', '', 'last']);
  });

  it('reads a stream once, and says so on a second pass', async () => {
    const lines = Dataset.fromTextLines(createReadStream(join(folder, 'crlf.txt')));
    expect(await lines.toArray()).toHaveLength(4);
    const error = await rejected(() => lines.toArray());
    expect(error).toBeInstanceOf(ValueError);
    expect(error.message).toContain('a stream can be read only once');
  });

  it('fails with the path of a missing file', async () => {
    const missing = join(folder, 'missing.txt');
    const error = await rejected(() => Dataset.fromTextLines(missing).toArray());
    expect((error as NodeJS.ErrnoException).code).toBe('ENOENT');
    expect(error.message).toContain(missing);
  });

  it('batches streamed lines', async () => {
    const batches = await Dataset.fromTextLines(bigFile)
      .map((line) => line.length)
      .batch(1000)
      .prefetch(2)
      .take(2)
      .toArray();
    expect(batches.map((b) => b.shape)).toEqual([[1000], [1000]]);
    expect(batches[0].data[0]).toBe('line 0: '.length);
  });
});
