import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshImporter } from '@recur/testing';
import { describe, expect, it } from 'vitest';
import { bestOpenblasCoreType, readCpuDescription } from '../src/index.js';

/** A fresh copy of the package, so its once-per-process caches start empty. */
const freshNative = freshImporter(() => import('../src/index.js'));

describe('OpenBLAS core type', () => {
  it('picks the best core type the CPU flags allow', () => {
    const avx512 = ['avx2', 'fma', 'avx512f', 'avx512bw', 'avx512dq', 'avx512vl', 'avx512cd'];
    expect(bestOpenblasCoreType([...avx512, 'avx512_bf16'])).toBe('Cooperlake');
    expect(bestOpenblasCoreType(avx512)).toBe('SkylakeX');
    expect(bestOpenblasCoreType(['avx', 'avx2', 'fma'])).toBe('Haswell');
    expect(bestOpenblasCoreType(['avx2'])).toBeNull();
    expect(bestOpenblasCoreType(['sse2', 'avx'])).toBeNull();
  });

  it('reads flags from a cpuinfo file, and none where it does not exist', () => {
    const directory = mkdtempSync(join(tmpdir(), 'recur-cpuinfo-'));
    const path = join(directory, 'cpuinfo');
    writeFileSync(
      path,
      'processor\t: 0\nmodel name\t: Test CPU\nflags\t\t: fpu sse2 avx2 fma\n\nprocessor\t: 1\n',
    );
    expect(readCpuDescription(path).flags).toEqual(['fpu', 'sse2', 'avx2', 'fma']);
    expect(readCpuDescription(join(directory, 'missing')).flags).toEqual([]);
  });

  const dist = join(import.meta.dirname, '..', 'dist', 'index.js');
  const cpuHasAvx2 = readCpuDescription().flags.includes('avx2');
  // OpenBLAS reads OPENBLAS_CORETYPE when it is loaded, so this needs a process of its own; it runs
  // the built package (npm test builds first).
  it.runIf(existsSync(dist) && cpuHasAvx2)(
    'with OPENBLAS_CORETYPE unset, the loader sets the best core type and OpenBLAS is not on Prescott',
    () => {
      const environment = { ...process.env };
      delete environment.OPENBLAS_CORETYPE;
      delete environment.RECUR_NATIVE_ADDON;
      const script = `import(${JSON.stringify(dist)}).then((m) => { const i = m.describeAddon(); console.log(JSON.stringify({ env: process.env.OPENBLAS_CORETYPE, info: i })); })`;
      const child = spawnSync(process.execPath, ['-e', script], {
        env: environment,
        encoding: 'utf8',
      });
      expect(child.status, child.stderr).toBe(0);
      const { env, info } = JSON.parse(child.stdout);
      expect(info.addon.loaded).toBe(true);
      expect(info.openblas.coreTypeSource).toBe('detected');
      expect(env).toBe(bestOpenblasCoreType(readCpuDescription().flags));
      expect(info.openblas.coreName).not.toBe('Prescott');
      expect(info.openblas.coreName).toBe(env);
    },
  );

  it.runIf(existsSync(dist))("the user's OPENBLAS_CORETYPE always wins", () => {
    const environment: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_CORETYPE: 'Haswell' };
    delete environment.RECUR_NATIVE_ADDON;
    const script = `import(${JSON.stringify(dist)}).then((m) => console.log(JSON.stringify(m.describeAddon().openblas)))`;
    const child = spawnSync(process.execPath, ['-e', script], {
      env: environment,
      encoding: 'utf8',
    });
    expect(child.status, child.stderr).toBe(0);
    const openblas = JSON.parse(child.stdout);
    expect(openblas.coreTypeSource).toBe('environment');
    expect(openblas.coreName).toBe('Haswell');
  });
});

describe('loading the addon', () => {
  it('a missing addon file is reported as a reason, not thrown', async () => {
    const missing = join(tmpdir(), 'recur-no-such-dir', 'recur_native.node');
    const native = await freshNative({ RECUR_NATIVE_ADDON: missing });
    const loaded = native.loadAddon();
    expect(loaded.binding).toBeNull();
    expect(loaded.reason).toBe(`the addon file ${missing} does not exist (it was not built)`);
  });

  it('a corrupt addon file is reported as a reason, not a crash', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'recur-corrupt-'));
    const path = join(directory, 'recur_native.node');
    writeFileSync(path, 'this is not a shared object');
    const native = await freshNative({ RECUR_NATIVE_ADDON: path });
    const loaded = native.loadAddon();
    expect(loaded.binding).toBeNull();
    expect(loaded.reason).toMatch(/loading .*recur_native\.node failed/);
    expect(native.describeAddon().addon).toMatchObject({ loaded: false, path });
  });
});

describe('what the loader says when the addon is missing or cannot load', () => {
  const dist = join(import.meta.dirname, '..', 'dist');

  // A copy of the built loader in a folder of its own, so its build/ can be written freely.
  function packageCopy(): string {
    const root = mkdtempSync(join(tmpdir(), 'recur-native-copy-'));
    cpSync(dist, join(root, 'dist'), { recursive: true });
    writeFileSync(join(root, 'package.json'), '{ "type": "module" }');
    return root;
  }

  function loadIn(root: string, environment: NodeJS.ProcessEnv = {}): { reason: string | null } {
    const env: NodeJS.ProcessEnv = { ...process.env, ...environment };
    if (!('RECUR_NATIVE_ADDON' in environment)) delete env.RECUR_NATIVE_ADDON;
    const entry = join(root, 'dist', 'index.js');
    const script = `import(${JSON.stringify(entry)}).then((m) => console.log(JSON.stringify({ reason: m.loadAddon().reason })))`;
    const child = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    return JSON.parse(child.stdout);
  }

  it.runIf(existsSync(dist))(
    'repeats the reason the last build recorded (npm hides install-script output)',
    () => {
      const root = packageCopy();
      mkdirSync(join(root, 'build'));
      writeFileSync(
        join(root, 'build', 'outcome.json'),
        JSON.stringify({
          built: false,
          reason: 'cmake is not installed',
          line: '@recur/native: the native addon was not built: cmake is not installed. ...',
          finishedAt: new Date().toISOString(),
        }),
      );
      expect(loadIn(root).reason).toBe('the addon was not built (cmake is not installed)');
      rmSync(join(root, 'build', 'outcome.json'));
      expect(loadIn(root).reason).toMatch(
        /recur_native\.node does not exist \(it was not built\)$/,
      );
    },
  );

  const compiler = spawnSync('g++', ['--version']).status === 0;
  it.runIf(existsSync(dist) && compiler)(
    'explains a missing system OpenBLAS library and how to install it',
    () => {
      // A shared object that needs a libopenblas which is gone by the time it is loaded: what a
      // user sees after building the addon and then removing OpenBLAS.
      const directory = mkdtempSync(join(tmpdir(), 'recur-no-openblas-'));
      const stub = join(directory, 'libopenblas.so.99');
      const addon = join(directory, 'recur_native.node');
      const build = (args: string[]) => spawnSync('g++', args, { encoding: 'utf8' });
      const source = join(directory, 'empty.cpp');
      writeFileSync(source, 'int recur_probe() { return 0; }\n');
      expect(
        build(['-shared', '-fPIC', '-o', stub, '-Wl,-soname,libopenblas.so.99', source]).status,
      ).toBe(0);
      expect(
        build(['-shared', '-fPIC', '-o', addon, source, '-Wl,--no-as-needed', stub]).status,
      ).toBe(0);
      rmSync(stub);
      const { reason } = loadIn(packageCopy(), { RECUR_NATIVE_ADDON: addon });
      expect(reason).toContain('the system OpenBLAS library it was built against is missing');
      expect(reason).toContain('libopenblas.so.99: cannot open shared object file');
      expect(reason).toContain('sudo apt-get install -y libopenblas0');
    },
  );
});
