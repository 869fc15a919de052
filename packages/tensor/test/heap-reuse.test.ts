import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '..', 'dist', 'index.js');
const addon = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'native',
  'build',
  'Release',
  'recur_native.node',
);
const glibc = Boolean(
  (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header
    ?.glibcVersionRuntime,
);

/**
 * Loads the addon in a fresh process (glibc's malloc settings are process-wide), then allocates,
 * fills and drops a 64 MiB buffer eight times, and reports the minor page faults of that loop.
 */
function run(environment: Record<string, string | undefined>) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...environment };
  for (const [key, value] of Object.entries(environment)) if (value === undefined) delete env[key];
  delete env.RECUR_NATIVE_ADDON;
  const script = `
    const m = await import(${JSON.stringify(dist)});
    const heapReuse = m.backendInfo().heapReuse;
    const before = process.resourceUsage().minorPageFault;
    for (let i = 0; i < 8; i++) { new Float32Array(16 * 1024 * 1024).fill(1); globalThis.gc(); }
    console.log(JSON.stringify({ heapReuse, faults: process.resourceUsage().minorPageFault - before }));`;
  const child = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
    env,
    encoding: 'utf8',
  });
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout) as { heapReuse: string; faults: number };
}

describe('heap reuse of large buffers', () => {
  const noMallocSettings = {
    RECUR_HEAP_REUSE: undefined,
    MALLOC_MMAP_THRESHOLD_: undefined,
    MALLOC_TRIM_THRESHOLD_: undefined,
    MALLOC_TOP_PAD_: undefined,
    GLIBC_TUNABLES: undefined,
  };

  it.runIf(existsSync(dist) && existsSync(addon) && glibc)(
    'the loader keeps large buffers in the heap: a freed 64 MiB buffer is reused without page faults',
    () => {
      const reused = run(noMallocSettings);
      const fresh = run({ ...noMallocSettings, RECUR_HEAP_REUSE: '0' });
      expect(reused.heapReuse).toBe('applied');
      expect(fresh.heapReuse).toBe('disabled');
      // Each fresh 64 MiB buffer faults in its 16,384 pages; eight of them, about 131,000.
      expect(fresh.faults).toBeGreaterThan(100_000);
      expect(reused.faults).toBeLessThan(fresh.faults / 2);
    },
  );

  it.runIf(existsSync(dist) && existsSync(addon))(
    "the user's own glibc malloc settings are left alone",
    () => {
      const result = run({ ...noMallocSettings, MALLOC_TRIM_THRESHOLD_: '1048576' });
      expect(result.heapReuse).toBe('environment');
    },
  );

  it.runIf(existsSync(dist))('RECUR_HEAP_REUSE takes 0 or 1, and says so otherwise', () => {
    const script = `import(${JSON.stringify(dist)}).then((m) => { try { m.chooseBackend(); console.log('loaded'); } catch (error) { console.log(error.code, error.message); } })`;
    const child = spawnSync(process.execPath, ['-e', script], {
      env: { ...process.env, RECUR_HEAP_REUSE: 'yes', RECUR_BACKEND: 'auto' },
      encoding: 'utf8',
    });
    expect(child.stdout).toContain('ERR_RECUR_CONFIGURATION');
    expect(child.stdout).toContain("RECUR_HEAP_REUSE expected '0' or '1', received \"yes\"");
  });
});
