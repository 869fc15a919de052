#!/usr/bin/env node
// npm start (full) or npm run quick: see README.md. Also --cell=gru, --seed=N, --out=DIR.
import { readFlags } from '@recur/examples-shared';
import { runSentiment } from './sentiment.js';

const flags = readFlags();
const quick = flags.has('quick');
const cell = flags.string('cell', 'lstm');
if (cell !== 'lstm' && cell !== 'gru')
  throw new RangeError(`--cell expected lstm or gru, received ${cell}`);
const results = await runSentiment({
  quick,
  cell,
  seed: flags.number('seed', 42),
  outDir: flags.string('out', 'out'),
});
// The bar the README promises: well above chance (50%), and above 75% after full training.
const floor = quick ? 0.7 : 0.75;
if (!(results.testAccuracy.recurrent > floor)) {
  console.error(`test accuracy ${results.testAccuracy.recurrent.toFixed(3)} is not above ${floor}`);
  process.exitCode = 1;
}
