import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from 'recurjs';
import { expect, it } from 'vitest';
import { runForecastCo2 } from '../src/forecast-co2.js';

it('forecast-co2 (quick): the LSTM beats seasonal naive on the held-out months and writes both charts', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'recur-co2-'));
  const lines: string[] = [];
  const results = await runForecastCo2({
    quick: true,
    outDir,
    verbose: 0,
    log: (line) => lines.push(line),
  });
  expect(results.heldOutMonths).toBe(67);
  expect(results.rmse.lstm).toBeLessThan(results.rmse.seasonalNaive);
  // A quick run still predicts to well under a ppm (seasonal naive is about 2 ppm off).
  expect(results.rmse.lstm).toBeLessThan(1);
  expect(results.future).toHaveLength(24);
  expect(results.future[23].ppm).toBeGreaterThan(400);
  for (const file of ['forecast.svg', 'loss.svg'])
    expect(readFileSync(join(outDir, file), 'utf8')).toMatch(/^<svg/);
  // The saved model loads back (its weights file is named by model.json).
  expect((await loadModel(join(outDir, 'model'))).weights.length).toBeGreaterThan(0);
  expect(lines.some((line) => line.includes('seasonal naive (a year ago)'))).toBe(true);
}, 240_000);
