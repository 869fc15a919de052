import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from 'recurjs';
import { expect, it } from 'vitest';
import { runSentiment } from '../src/sentiment.js';

it('sentiment (quick): the Bidirectional LSTM and the bag-of-words baseline are well above chance on the held-out sentences', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'recur-sentiment-'));
  const lines: string[] = [];
  const results = await runSentiment({
    quick: true,
    outDir,
    verbose: 0,
    log: (line) => lines.push(line),
  });
  expect(results.trainSentences).toBe(2400);
  expect(results.testSentences).toBe(600);
  // The classes are balanced, so chance is 50%; quick mode measures about 84% for both models.
  expect(results.testAccuracy.recurrent).toBeGreaterThan(0.7);
  expect(results.testAccuracy.bagOfWords).toBeGreaterThan(0.7);
  for (const accuracy of Object.values(results.testAccuracyBySource))
    expect(accuracy).toBeGreaterThan(0.6);
  expect(results.samples[0].positive).toBeGreaterThan(0.5); // "The battery lasts all day ..."
  expect(results.samples[1].positive).toBeLessThan(0.5); // "It broke after two days ..."
  expect(readFileSync(join(outDir, 'loss.svg'), 'utf8')).toMatch(/^<svg/);
  // The saved model loads back (its weights file is named by model.json).
  expect((await loadModel(join(outDir, 'model'))).weights.length).toBeGreaterThan(0);
  expect(JSON.parse(readFileSync(join(outDir, 'tokenizer.json'), 'utf8')).className).toBe(
    'Tokenizer',
  );
  expect(lines.some((line) => line.includes('tf-idf bag of words'))).toBe(true);
}, 180_000);
