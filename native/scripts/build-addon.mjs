#!/usr/bin/env node
// Builds recur's addon with cmake-js against the system OpenBLAS. Callers:
//   npm install / npm rebuild: the package's install script, `--clean`. Never fails the install
//     (recur then runs on its TypeScript backend) unless RECUR_REQUIRE_NATIVE=1.
//   npx @recur/native build: `--clean --strict`, the same build, but a failure exits 1.
//   npm run build in a clone of recur (turbo): incremental, fatal only with RECUR_REQUIRE_NATIVE=1.
// Whatever happens it prints one line saying what was built or why not and how to build it later,
// and records that line in build/outcome.json: npm hides what install scripts print, so the loader
// repeats it when the addon is missing. The compiler output goes to build/build.log.
//
// Plain JavaScript on purpose: it runs at install time, before (and without) any TypeScript build.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildDirectory = join(packageRoot, 'build');
const addonFile = join(buildDirectory, 'Release', 'recur_native.node');
const logFile = join(buildDirectory, 'build.log');
const flags = new Set(process.argv.slice(2));
const clean = flags.has('--clean');
const strict = flags.has('--strict') || process.env.RECUR_REQUIRE_NATIVE === '1';
const prerequisites =
  'install cmake, a C++ compiler and OpenBLAS (Debian/Ubuntu: sudo apt-get install -y cmake g++ libopenblas-dev pkg-config)';
const howToBuild =
  'then run in your app: npx @recur/native build (or: npm rebuild @recur/native); in a clone of recur: bash scripts/setup.sh';

/** npm runs install scripts with their output hidden; the terminal, when there is one, still shows it. */
function tellTerminal(line) {
  if (process.env.npm_lifecycle_event !== 'install') return;
  if (process.env.npm_config_foreground_scripts === 'true') return;
  try {
    const terminal = openSync('/dev/tty', 'w');
    writeSync(terminal, `\r\x1b[K${line}\n`);
    closeSync(terminal);
  } catch {
    // No controlling terminal (CI, a detached shell): stderr and build/outcome.json remain.
  }
}

function record(built, reason, line) {
  mkdirSync(buildDirectory, { recursive: true });
  const outcome = { built, reason, line, finishedAt: new Date().toISOString() };
  writeFileSync(join(buildDirectory, 'outcome.json'), `${JSON.stringify(outcome, null, 2)}\n`);
  console.error(line);
  tellTerminal(line);
}

function logTail(lines = 25) {
  if (!existsSync(logFile)) return '';
  const text = readFileSync(logFile, 'utf8').trimEnd().split('\n');
  return text.slice(-lines).join('\n');
}

function fail(reason, { showLog = false } = {}) {
  const log = showLog ? ` (build log: ${logFile})` : '';
  record(
    false,
    reason,
    `@recur/native: the native addon was not built: ${reason}${log}. recur runs on its TypeScript backend until it is. To build it, ${prerequisites}, ${howToBuild}.`,
  );
  if (showLog && strict) console.error(`last lines of ${logFile}:\n${logTail()}`);
  process.exit(strict ? 1 : 0);
}

/** The first cause in cmake's output that a user can act on. */
function reasonFromLog() {
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
  if (log.includes('recur: OpenBLAS not found')) return 'OpenBLAS was not found';
  if (/No CMAKE_CXX_COMPILER could be found|CMAKE_CXX_COMPILER not set/.test(log))
    return 'no C++ compiler was found';
  const version = /CMake ([\d.]+) or higher is required/.exec(log);
  if (version) return `cmake is too old (${version[1]} or newer is needed)`;
  return null;
}

if (process.env.RECUR_SKIP_NATIVE_BUILD === '1') {
  console.error('@recur/native: RECUR_SKIP_NATIVE_BUILD=1, not building the native addon');
  process.exit(0);
}

const cmake = spawnSync('cmake', ['--version'], { encoding: 'utf8' });
if (cmake.error || cmake.status !== 0) fail('cmake is not installed');

let cmakeJs;
try {
  const require = createRequire(import.meta.url);
  cmakeJs = join(dirname(require.resolve('cmake-js/package.json')), 'bin', 'cmake-js');
} catch {
  fail('cmake-js is missing (was the install run with --omit or --ignore-scripts?)');
}

if (clean) rmSync(buildDirectory, { recursive: true, force: true });
mkdirSync(buildDirectory, { recursive: true });
const started = process.hrtime.bigint();
const log = openSync(logFile, 'w');
const build = spawnSync(
  process.execPath,
  [cmakeJs, 'build', '--directory', packageRoot, '--out', buildDirectory, '--log-level', 'warn'],
  { stdio: ['ignore', log, log], cwd: packageRoot },
);
closeSync(log);
if (build.error) fail(`cmake-js could not start: ${build.error.message}`);
if (build.status !== 0) {
  fail(reasonFromLog() ?? `the build failed (cmake-js exited with status ${build.status})`, {
    showLog: true,
  });
}
if (!existsSync(addonFile))
  fail(`the build finished but ${addonFile} is missing`, { showLog: true });

// Load it once in a child process, so a broken link to OpenBLAS is reported here, not at first use.
const probe = spawnSync(
  process.execPath,
  ['-e', `console.log(JSON.stringify(require(${JSON.stringify(addonFile)}).info()))`],
  { encoding: 'utf8' },
);
if (probe.status !== 0) {
  const message = (probe.stderr || '').split('\n').find((line) => line.includes('Error')) ?? '';
  fail(`it was built but does not load: ${message.trim() || `exit status ${probe.status}`}`);
}
let details = '';
try {
  const info = JSON.parse(probe.stdout);
  const openblas = /OpenBLAS\s+([\d.]+)/.exec(info.config)?.[1] ?? 'unknown';
  details = ` (OpenBLAS ${openblas}, kernels ${info.activationIsa})`;
} catch {
  // The addon loaded; its self-description is a nicety.
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
record(
  true,
  null,
  `@recur/native: built the native addon in ${seconds.toFixed(1)} s${details}: ${addonFile}`,
);
