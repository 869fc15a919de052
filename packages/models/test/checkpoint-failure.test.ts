// A save that fails partway (the disk fills up, a file cannot be created) must leave the previous
// checkpoint whole and loadable, remove its own partial files, and keep ModelCheckpoint's best
// value where the surviving checkpoint is. The failure is injected into node:fs/promises' writes.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dense } from '@recur/layers';
import { loadModel, ModelCheckpoint, Sequential } from '@recur/models';
import { ones, type Tensor } from '@recur/tensor';
import { describeBackends } from '@recur/testing';
import { afterEach, expect, it, vi } from 'vitest';

const failure = vi.hoisted(() => ({ code: null as string | null, afterBytes: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const fail = (code: string) =>
    Object.assign(new Error(`${code}: injected by the test`), { code, errno: -28 });
  const open: typeof fs.open = async (...args: Parameters<typeof fs.open>) => {
    if (failure.code === 'EACCES' && String(args[1]).includes('x')) throw fail('EACCES');
    const handle = await fs.open(...args);
    if (failure.code !== 'ENOSPC') return handle;
    let written = 0;
    const write = handle.write.bind(handle) as (
      ...rest: unknown[]
    ) => Promise<{ bytesWritten: number }>;
    // The disk fills up after `afterBytes` bytes of this save.
    (handle as { write: unknown }).write = async (...rest: unknown[]) => {
      const result = await write(...rest);
      written += result.bytesWritten;
      if (written > failure.afterBytes) throw fail('ENOSPC');
      return result;
    };
    return handle;
  };
  return { ...fs, open, default: { ...fs, open } };
});

afterEach(() => {
  failure.code = null;
});

function model() {
  const built = new Sequential([
    new Dense({ units: 32, inputShape: [16] }),
    new Dense({ units: 4 }),
  ]);
  built.compile({ optimizer: 'adam', loss: 'mse' });
  return built;
}

const files = (directory: string) => readdirSync(directory).sort();
const named = (directory: string) => {
  const document = JSON.parse(readFileSync(join(directory, 'model.json'), 'utf8'));
  return ['model.json', document.weights.file, document.optimizerState.file].sort();
};

describeBackends('a failed save', () => {
  for (const code of ['ENOSPC', 'EACCES'] as const) {
    it(`(${code}) leaves the previous checkpoint whole and no partial files`, async () => {
      const directory = mkdtempSync(join(tmpdir(), 'recur-save-fail-'));
      const trained = model();
      await trained.fit(ones([8, 16]), ones([8, 4]), { epochs: 1, verbose: 0 });
      await trained.save(directory);
      const good = trained.getWeights().map((w) => w.clone());
      for (const weight of trained.weights) weight.data.fill(7);
      failure.code = code;
      failure.afterBytes = 1000;
      await expect(trained.save(directory)).rejects.toMatchObject({ code });
      failure.code = null;
      expect(files(directory)).toEqual(named(directory));
      const restored = await loadModel(directory);
      restored.getWeights().forEach((w, i) => {
        expect(Array.from(w.data)).toEqual(Array.from((good[i] as Tensor).data));
      });
    });
  }

  it('ModelCheckpoint keeps its last good checkpoint and its best value', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'recur-checkpoint-fail-'));
    const trained = model();
    const checkpoint = new ModelCheckpoint({
      filepath: directory,
      monitor: 'loss',
      saveBestOnly: true,
    });
    await trained.fit(ones([8, 16]), ones([8, 4]), {
      epochs: 1,
      verbose: 0,
      callbacks: [checkpoint],
    });
    const best = checkpoint.best;
    expect(best).not.toBeNull();
    const saved = (await loadModel(directory)).getWeights().map((w) => Array.from(w.data));
    failure.code = 'ENOSPC';
    failure.afterBytes = 100;
    await expect(
      trained.fit(ones([8, 16]), ones([8, 4]), { epochs: 1, verbose: 0, callbacks: [checkpoint] }),
    ).rejects.toMatchObject({ code: 'ENOSPC' });
    failure.code = null;
    expect(checkpoint.best).toBe(best);
    expect(files(directory)).toEqual(named(directory));
    expect((await loadModel(directory)).getWeights().map((w) => Array.from(w.data))).toEqual(saved);
  });
});
