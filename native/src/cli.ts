#!/usr/bin/env node
// The `recur-native` command of @recur/native, run in an app as `npx @recur/native <command>`:
// `build` builds (or rebuilds) the addon where the package is installed; `info [--json]` reports it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { addonReportRows, describeAddon } from './describe-addon.js';
import { packagePath } from './package-path.js';

const usage = [
  'usage: npx @recur/native <command>',
  '  build          build the native addon here (cmake, a C++ compiler and OpenBLAS needed)',
  '  info [--json]  whether the addon loads, its OpenBLAS, kernel ISA and the CPU',
].join('\n');

function info(json: boolean): number {
  const report = describeAddon();
  if (json) {
    console.log(JSON.stringify(report, null, 2));
    return 0;
  }
  const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
  const backend = report.addon.loaded
    ? 'native: @recur/tensor uses this addon (unless RECUR_BACKEND=js)'
    : 'js: @recur/tensor falls back to its TypeScript backend; build the addon with: npx @recur/native build';
  const rows: Array<[string, string]> = [
    ['native', `@recur/native ${version}`],
    ['backend', backend],
    ...addonReportRows(report),
    ['last build', report.addon.lastBuild ?? 'none recorded here'],
    ['node', `${process.version} (${process.platform}-${process.arch})`],
  ];
  console.log(rows.map(([label, text]) => `${label.padEnd(10)} ${text}`).join('\n'));
  return 0;
}

function main([command, ...rest]: string[]): number {
  if (command === 'build') {
    const script = packagePath('scripts', 'build-addon.mjs');
    const build = spawnSync(process.execPath, [script, '--clean', '--strict'], {
      stdio: 'inherit',
    });
    return build.status ?? 1;
  }
  if (command === 'info') return info(rest.includes('--json'));
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(usage);
    return command === undefined ? 1 : 0;
  }
  console.error(`recur-native: unknown command '${command}'\n${usage}`);
  return 1;
}

process.exitCode = main(process.argv.slice(2));
