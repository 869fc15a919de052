import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { median, medianRows, pairedRatio, spreadOf } from '../src/summary.js';

const dist = join(import.meta.dirname, '..', 'dist', 'index.js');

// Tooling, not the library: once per `npm test` (the native pass).
describe.skipIf(process.env.RECUR_BACKEND === 'js')('--repeat summaries', () => {
  it('takes medians of odd and even counts and keeps the range', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(spreadOf([2, 9, 4])).toEqual({ median: 4, min: 2, max: 9, count: 3 });
  });

  it('folds rows with the same key into their medians, in first-seen order', () => {
    const rows = [
      { name: 'a', samplesPerSecond: 10, faults: 4, repetition: 0 },
      { name: 'b', samplesPerSecond: 100, faults: 1, repetition: 0 },
      { name: 'a', samplesPerSecond: 30, faults: 2, repetition: 1 },
      { name: 'a', samplesPerSecond: 20, faults: 9, repetition: 2 },
    ];
    const folded = medianRows(rows, (row) => row.name, ['samplesPerSecond', 'faults']);
    expect(folded.map((row) => row.name)).toEqual(['a', 'b']);
    expect(folded[0]).toMatchObject({ samplesPerSecond: 20, faults: 4 });
    expect(folded[0].samplesPerSecondSpread).toEqual({ median: 20, min: 10, max: 30, count: 3 });
    expect(folded[1].samplesPerSecondSpread.count).toBe(1);
  });

  it('pairs ratios inside each pass, skipping passes where one side is missing', () => {
    const ours = [10, 20, 30, 40];
    const theirs = [5, null, 30, 20];
    const ratio = pairedRatio(
      4,
      (pass) => ours[pass],
      (pass) => theirs[pass],
    );
    // Passes 0, 2, 3: 2, 1, 2. The median of the ratios, not the ratio of the medians (25 / 20).
    expect(ratio).toEqual({ median: 2, min: 1, max: 2, count: 3 });
    expect(
      pairedRatio(
        2,
        () => 1,
        () => null,
      ),
    ).toBeNull();
  });

  it.runIf(existsSync(dist))('refuses a --repeat that is not a whole number of passes', () => {
    for (const value of ['0', 'x', '2.5']) {
      const child = spawnSync(process.execPath, [dist, '--repeat', value], { encoding: 'utf8' });
      expect(child.status).toBe(2);
      expect(child.stderr).toContain(
        `--repeat expects a whole number of passes from 1 to 100, got '${value}'`,
      );
    }
  });

  it.runIf(existsSync(dist))('refuses --references naming a reference it does not know', () => {
    const child = spawnSync(process.execPath, [dist, '--references=onednn,pytorhc'], {
      encoding: 'utf8',
    });
    expect(child.status).toBe(2);
    expect(child.stderr).toContain('--references: unknown pytorhc; known: onednn');
  });
});
