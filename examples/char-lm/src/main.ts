#!/usr/bin/env node
// npm start (full) or npm run quick: see README.md.
import { readFlags } from '@recur/examples-shared';
import { runCharLm } from './char-lm.js';

const flags = readFlags();
const results = await runCharLm({
  quick: flags.has('quick'),
  outDir: flags.string('out', 'out'),
});
if (!(results.validation.finalLoss < 0.85 * results.validation.initialLoss)) {
  console.error('the validation loss did not fall below 85% of its initial value');
  process.exitCode = 1;
}
