#!/usr/bin/env node
// The `recurjs` command. `recurjs info [--json]` describes the backend, addon, OpenBLAS and CPU.
import { createRequire } from 'node:module';
import { formatInfo } from './format-info.js';
import { info } from './info.js';

const usage = 'usage: npx recurjs info [--json]';

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === 'info') {
    const report = info();
    if (rest.includes('--json')) console.log(JSON.stringify(report, null, 2));
    else {
      const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
      console.log(formatInfo(report, version));
    }
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(usage);
    return command === undefined ? 1 : 0;
  }
  console.error(`recurjs: unknown command '${command}'\n${usage}`);
  return 1;
}

process.exitCode = main(process.argv.slice(2));
