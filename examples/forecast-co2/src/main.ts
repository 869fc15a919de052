#!/usr/bin/env node
// npm start (full) or npm run quick: see README.md.
import { readFlags } from '@recur/examples-shared';
import { runForecastCo2 } from './forecast-co2.js';

const flags = readFlags();
const results = await runForecastCo2({
  quick: flags.has('quick'),
  outDir: flags.string('out', 'out'),
});
if (!(results.rmse.lstm < results.rmse.seasonalNaive)) {
  console.error('the LSTM did not beat the seasonal-naive baseline');
  process.exitCode = 1;
}
