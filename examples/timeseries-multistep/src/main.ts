#!/usr/bin/env node
// npm start (full) or npm run quick: see README.md.
import { readFlags } from '@recur/examples-shared';
import { runTimeseriesMultistep } from './timeseries-multistep.js';

const flags = readFlags();
const verbose = flags.number('verbose', 0);
const results = await runTimeseriesMultistep({
  quick: flags.has('quick'),
  outDir: flags.string('out', 'out'),
  seed: flags.number('seed', 42),
  verbose: verbose === 1 || verbose === 2 ? verbose : 0,
});
const drift = results.errors.seasonalNaiveWithDrift;
const behind = (['SimpleRNN', 'GRU', 'LSTM'] as const).filter(
  (kind) => !(results.errors[kind].firstQuarter < drift.firstQuarter),
);
if (behind.length > 0) {
  console.error(
    `${behind.join(', ')} did not beat seasonal naive + drift over the first three months`,
  );
  process.exitCode = 1;
}
