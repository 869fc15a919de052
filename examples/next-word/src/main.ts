#!/usr/bin/env node
// npm start (full) or npm run quick: see README.md.
import { readFlags } from '@recur/examples-shared';
import { runNextWord } from './next-word.js';

const flags = readFlags();
const results = await runNextWord({
  quick: flags.has('quick'),
  outDir: flags.string('out', 'out'),
});
const wrong = results.cells.filter((cell) => cell.correct < results.table.length);
if (wrong.length > 0) {
  console.error(`not every row learned by: ${wrong.map((cell) => cell.cell).join(', ')}`);
  process.exitCode = 1;
}
