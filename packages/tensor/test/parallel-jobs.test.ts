import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { configuredThreads, Random } from '@recur/tensor';
import { describe, expect, it } from 'vitest';
import type { GramTask, SolveTask } from '../src/backend/js/cholesky-qr-tasks.js';
import { parallelAvailable, runJob } from '../src/parallel/task-pool.js';

const threads = configuredThreads();
const onThreads = threads > 1 ? it : it.skip;
if (threads === 1) console.log('parallel-jobs: one thread configured, the pool tests are skipped');

function sharedFloat64(length: number, fill: (i: number) => number): Float64Array {
  const values = new Float64Array(new SharedArrayBuffer(length * 8));
  for (let i = 0; i < length; i++) values[i] = fill(i);
  return values;
}

function sameBits(x: Float64Array, y: Float64Array): boolean {
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(
    Buffer.from(y.buffer, y.byteOffset, y.byteLength),
  );
}

/**
 * Starts the pool and waits until its threads take part (a worker's first start takes ~30 ms;
 * jobs run before it are done by the caller alone).
 */
async function warmPool(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const values = sharedFloat64(2 ** 21, () => 0.5);
    if (runJob({ kind: 'box-muller', values, start: 0, pairs: 2 ** 20 }, true) > 0) return;
    await sleep(50);
  }
  throw new Error('no worker of the pool took part in 100 jobs');
}

describe('the TS backend thread pool', () => {
  it('finds its worker script through the package name, from the sources too', () => {
    const script = createRequire(import.meta.url).resolve('@recur/tensor/internal/task-worker');
    expect(script).toMatch(/dist[\\/]parallel[\\/]task-worker\.js$/);
    expect(existsSync(script)).toBe(true);
  });

  onThreads('runs tasks on its threads, with the bits of one thread (Gram, solve)', async () => {
    expect(parallelAvailable()).toBe(true);
    await warmPool();
    const m = 2048;
    const n = 256;
    const random = new Random(11);
    const a = sharedFloat64(m * n, () => random.uniform() - 0.5);
    const gram = (out: Float64Array): GramTask => ({ kind: 'gram', a, m, n, out });
    const pooled = sharedFloat64(n * n, () => 0);
    const single = sharedFloat64(n * n, () => 0);
    expect(runJob(gram(pooled), true)).toBeGreaterThan(0);
    expect(runJob(gram(single), false)).toBe(0);
    expect(sameBits(pooled, single)).toBe(true);
    expect(pooled[0]).toBeGreaterThan(0);

    // W R^-1 for an upper triangular R (2 on the diagonal, 0.01 above) and stand-in inverses of
    // its diagonal blocks: the tasks' arithmetic, not a QR, is what is compared.
    const r = sharedFloat64(n * n, (i) => {
      const row = Math.floor(i / n);
      return i % n < row ? 0 : i % n === row ? 2 : 0.01;
    });
    const inverses = sharedFloat64(n * 64, (i) => (i % 65 === 0 ? 0.5 : -0.002));
    const solve = (w: Float64Array): SolveTask => ({ kind: 'solve', w, m, n, r, inverses });
    const wPooled = sharedFloat64(m * n, (i) => a[i]);
    const wSingle = sharedFloat64(m * n, (i) => a[i]);
    expect(runJob(solve(wPooled), true)).toBeGreaterThan(0);
    runJob(solve(wSingle), false);
    expect(sameBits(wPooled, wSingle)).toBe(true);
    expect(sameBits(wPooled, a)).toBe(false);
  });

  onThreads('fills a large shared array with the normals of Random.normal, in order', async () => {
    await warmPool();
    const length = 2 ** 21 + 3;
    const shared = new Float64Array(new SharedArrayBuffer(length * 8));
    const plain = new Float64Array(length);
    const first = new Random(5);
    const second = new Random(5);
    const sequential = new Random(5);
    // A spare value pending: fillNormal starts with it.
    for (const random of [first, second, sequential]) random.normal();
    first.fillNormal(shared);
    second.fillNormal(plain);
    expect(sameBits(shared, plain)).toBe(true);
    const prefix = Array.from({ length: 6 }, () => sequential.normal());
    expect(Array.from(shared.subarray(0, 6))).toEqual(prefix);
    // The state after the fill agrees too (the odd length leaves a spare value).
    expect(first.normal()).toBe(second.normal());
    expect(first.uniform()).toBe(second.uniform());
  });
});
