import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bestOpenblasCoreType, readCpuDescription } from '../src/index.js';

const savedEnvironment = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env))
    if (!(key in savedEnvironment)) delete process.env[key];
  Object.assign(process.env, savedEnvironment);
  vi.restoreAllMocks();
  vi.resetModules();
});

/** A fresh copy of the package, so its once-per-process caches start empty. */
async function freshNative(environment: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(environment)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  vi.resetModules();
  return import('../src/index.js');
}

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
      const script = `import(${JSON.stringify(dist)}).then((m) => { const i = m.info(); console.log(JSON.stringify({ env: process.env.OPENBLAS_CORETYPE, info: i })); })`;
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
    const script = `import(${JSON.stringify(dist)}).then((m) => console.log(JSON.stringify(m.info().openblas)))`;
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

describe('backend choice when the addon is missing', () => {
  const missing = join(tmpdir(), 'recur-no-such-dir', 'recur_native.node');

  it('RECUR_BACKEND=js uses the TypeScript backend without loading the addon or printing a notice', async () => {
    const native = await freshNative({ RECUR_NATIVE_ADDON: missing, RECUR_BACKEND: 'js' });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const choice = native.chooseBackend();
    expect(choice.name).toBe('js');
    expect(choice.binding).toBeNull();
    expect(stderr).not.toHaveBeenCalled();
  });

  it('RECUR_BACKEND=native throws NativeUnavailableError listing the fixes', async () => {
    const native = await freshNative({ RECUR_NATIVE_ADDON: missing, RECUR_BACKEND: 'native' });
    let caught: unknown;
    try {
      native.chooseBackend();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(native.NativeUnavailableError);
    const message = (caught as Error).message;
    expect(message).toContain(missing);
    expect(message).toContain('does not exist');
    expect(message).toContain('libopenblas-dev');
    expect(message).toContain('scripts/setup.sh');
    expect(message).toContain('RECUR_BACKEND=js');
  });

  it('unset falls back to js with a single one-line notice', async () => {
    const native = await freshNative({ RECUR_NATIVE_ADDON: missing, RECUR_BACKEND: undefined });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(native.chooseBackend().name).toBe('js');
    expect(native.chooseBackend().name).toBe('js');
    expect(stderr).toHaveBeenCalledTimes(1);
    const notice = String(stderr.mock.calls[0][0]);
    expect(notice.trimEnd().split('\n')).toHaveLength(1);
    expect(notice).toMatch(/^recur: native addon unavailable .*using the TypeScript backend/);
  });

  it('a corrupt addon file is reported as a reason, not a crash', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'recur-corrupt-'));
    const path = join(directory, 'recur_native.node');
    writeFileSync(path, 'this is not a shared object');
    const native = await freshNative({ RECUR_NATIVE_ADDON: path, RECUR_BACKEND: 'js' });
    const loaded = native.loadNative();
    expect(loaded.binding).toBeNull();
    expect(loaded.reason).toMatch(/loading .*recur_native\.node failed/);
    expect(native.info().addon).toMatchObject({ loaded: false, path });
  });

  it('rejects unknown RECUR_BACKEND and RECUR_NUM_THREADS values with a configuration error', async () => {
    const native = await freshNative({ RECUR_BACKEND: 'gpu' });
    expect(() => native.chooseBackend()).toThrow(native.RecurConfigurationError);
    expect(() => native.chooseBackend()).toThrow(
      `RECUR_BACKEND expected 'native', 'js' or 'auto', received "gpu"`,
    );
    const again = await freshNative({ RECUR_BACKEND: 'js', RECUR_NUM_THREADS: 'two' });
    expect(() => again.configuredThreads()).toThrow(
      'RECUR_NUM_THREADS expected an integer in [1, 1024], received "two"',
    );
  });
});
