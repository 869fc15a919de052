import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { formatRow, runNextWord } from '../src/next-word.js';

it('next-word (quick): SimpleRNN, LSTM and GRU all predict "lamb" after "Mary had a little" and reproduce the table', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'recur-next-word-'));
  const lines: string[] = [];
  const results = await runNextWord({
    quick: true,
    outDir,
    verbose: 0,
    log: (line) => lines.push(line),
  });

  expect(results.table.map((row) => formatRow(row.context, row.next))).toEqual([
    '["Mary","had","a","little"] -> "lamb"',
    '["had","a","little","lamb"] -> "whose"',
    '["a","little","lamb","whose"] -> "fleece"',
    '["little","lamb","whose","fleece"] -> "was"',
    '["lamb","whose","fleece","was"] -> "white"',
    '["whose","fleece","was","white"] -> "as"',
    '["fleece","was","white","as"] -> "snow"',
  ]);
  expect(results.cells.map((cell) => cell.cell)).toEqual(['SimpleRNN', 'LSTM', 'GRU']);
  for (const cell of results.cells) {
    expect(cell.predictions[0], cell.cell).toBe('lamb');
    expect(cell.predictions, cell.cell).toEqual(results.table.map((row) => row.next));
    // Twelve classes: chance is ln 12 = 2.48 nats; a learned table is far below it.
    expect(cell.finalLoss, cell.cell).toBeLessThan(0.1);
  }
  expect(readFileSync(join(outDir, 'loss.svg'), 'utf8')).toMatch(/^<svg/);
  expect(lines).toContain('  ["Mary","had","a","little"] -> "lamb"');
}, 180_000);
