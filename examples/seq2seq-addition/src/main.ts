#!/usr/bin/env node
// npm start (full) or npm run quick: see README.md. Also --seed=N, --out=DIR.
import { readFlags } from '@recur/examples-shared';
import { runSeq2seqAddition } from './seq2seq-addition.js';

const flags = readFlags();
const quick = flags.has('quick');
const results = await runSeq2seqAddition({
  quick,
  seed: flags.number('seed', 42),
  outDir: flags.string('out', 'out'),
});
// The bar the README promises on answers never seen in training.
const floor = quick ? 0.2 : 0.95;
if (!(results.unseenSums.exactMatch > floor)) {
  console.error(`exact match ${results.unseenSums.exactMatch.toFixed(3)} is not above ${floor}`);
  process.exitCode = 1;
}
