import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from 'recurjs';
import { expect, it } from 'vitest';
import { runCharLm } from '../src/char-lm.js';

it('char-lm (quick): the held-out loss falls well below its start and below the uniform entropy, and it samples text', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'recur-char-lm-'));
  const lines: string[] = [];
  const results = await runCharLm({
    quick: true,
    outDir,
    verbose: 0,
    log: (line) => lines.push(line),
  });
  const { initialLoss, finalLoss, uniformLoss, bitsPerCharacter } = results.validation;
  expect(results.characters).toBe(65);
  // An untrained model is close to uniform: ln 65 = 4.17 nats.
  expect(initialLoss).toBeGreaterThan(0.95 * uniformLoss);
  expect(finalLoss).toBeLessThan(0.85 * initialLoss);
  expect(finalLoss).toBeLessThan(uniformLoss);
  expect(bitsPerCharacter).toBeCloseTo(finalLoss / Math.LN2, 10);
  // Even a few dozen steps learn more than the character frequencies alone.
  expect(bitsPerCharacter).toBeLessThan(results.baselines.unigram);
  expect(results.sample.startsWith('ROMEO:')).toBe(true);
  expect(results.sample.length).toBe('ROMEO:'.length + results.budget.sampleLength);
  expect(readFileSync(join(outDir, 'loss.svg'), 'utf8')).toMatch(/^<svg/);
  expect(readFileSync(join(outDir, 'sample.txt'), 'utf8')).toBe(`${results.sample}\n`);
  // The saved model loads back (its weights file is named by model.json).
  expect((await loadModel(join(outDir, 'model'))).weights.length).toBeGreaterThan(0);
  expect(existsSync(join(outDir, 'model', 'tokenizer.json'))).toBe(true);
  expect(lines.some((line) => line.includes('bits per character'))).toBe(true);
}, 180_000);
