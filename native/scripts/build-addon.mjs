#!/usr/bin/env node
// Builds the addon with cmake-js. A failed build is not fatal by default: recur then runs on its
// TypeScript backend, and the loader explains why. RECUR_REQUIRE_NATIVE=1 makes it fatal (CI).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const required = process.env.RECUR_REQUIRE_NATIVE === '1';

function fail(reason) {
  const lines = [
    `@recur/native: the native addon was not built: ${reason}`,
    '  recur will use its TypeScript backend. For the fast native backend:',
    '    1. install OpenBLAS and build tools: apt-get install -y libopenblas-dev pkg-config cmake g++',
    '    2. rebuild: bash scripts/setup.sh   (or: npm run build --workspace @recur/native)',
  ];
  console.error(lines.join('\n'));
  process.exit(required ? 1 : 0);
}

if (process.env.RECUR_SKIP_NATIVE_BUILD === '1') {
  console.error('@recur/native: RECUR_SKIP_NATIVE_BUILD=1, not building the addon');
  process.exit(0);
}
const cmake = spawnSync('cmake', ['--version'], { encoding: 'utf8' });
if (cmake.error || cmake.status !== 0) fail('cmake is not installed');

const require = createRequire(import.meta.url);
const cmakeJs = join(dirname(require.resolve('cmake-js/package.json')), 'bin', 'cmake-js');
const build = spawnSync(
  process.execPath,
  [
    cmakeJs,
    'build',
    '--directory',
    packageRoot,
    '--out',
    join(packageRoot, 'build'),
    '--log-level',
    'warn',
  ],
  { stdio: 'inherit', cwd: packageRoot },
);
if (build.status !== 0) fail(`cmake-js exited with status ${build.status} (see the output above)`);
if (!existsSync(join(packageRoot, 'build', 'Release', 'recur_native.node'))) {
  fail('the build finished but build/Release/recur_native.node is missing');
}
