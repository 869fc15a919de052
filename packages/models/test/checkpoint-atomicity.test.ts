// A checkpoint is all old or all new, whenever the saving process dies. A child process saves a
// compiled model in a loop, each save with every weight, every optimizer slot and the step count
// set to the save's number k; it is killed with SIGKILL at random moments, and the folder must then
// load as one complete save (one k everywhere), never as a mix of two, and the next save must
// remove what the killed one left behind. The children run the built packages (npm test builds
// first), on the backend under test.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '@recur/models';
import { Random } from '@recur/tensor';
import { backendsUnderTest } from '@recur/testing';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '..', 'dist', 'index.js');
const trials = 50;

const saver = `
const { Sequential } = await import(${JSON.stringify(dist)});
const { Dense } = await import('@recur/layers');
const { ones, setBackend } = await import('@recur/tensor');
setBackend(process.env.RECUR_BACKEND);
const model = new Sequential([new Dense({ units: 384, inputShape: [384] }), new Dense({ units: 128 })]);
model.compile({ optimizer: 'adam', loss: 'mse' });
await model.fit(ones([4, 384]), ones([4, 128]), { epochs: 1, verbose: 0 });
const params = model.trainableWeights;
for (let k = 1; ; k++) {
  for (const weight of model.weights) weight.data.fill(k);
  const slot = () => params.map((p) => new Float32Array(p.size).fill(k));
  model.optimizer.setState(params, { iterations: k, slots: { momentum: slot(), velocity: slot() } });
  await model.save(process.argv[1]);
  if (k === 1) process.stdout.write('saved\\n');
}
`;

/** Starts the saver, waits for its first complete save, kills it `delay` ms later. */
async function killDuringSaves(directory: string, backend: string, delay: number): Promise<void> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', saver, directory], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, RECUR_BACKEND: backend },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the saver exited early (${code}): ${stderr}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, delay));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

/** The one k of a loaded checkpoint, or a description of the mix. */
async function savedNumber(directory: string): Promise<number | string> {
  const model = await loadModel(directory);
  const values = new Set<number>();
  for (const weight of model.weights) for (const value of weight.data) values.add(value);
  const state = model.optimizer!.getState(model.trainableWeights);
  values.add(state.iterations);
  for (const slot of Object.values(state.slots))
    for (const array of slot) for (const value of array) values.add(value);
  return values.size === 1 ? [...values][0] : `a mix of saves ${[...values].sort().join(', ')}`;
}

/** model.json and the two files it names. */
function currentFiles(directory: string): string[] {
  const document = JSON.parse(readFileSync(join(directory, 'model.json'), 'utf8'));
  return ['model.json', document.weights.file, document.optimizerState.file];
}

function leftovers(directory: string, keep: readonly string[]): string[] {
  return readdirSync(directory).filter((name) => !keep.includes(name));
}

describe.runIf(existsSync(dist))('checkpoint atomicity under SIGKILL', () => {
  for (const backend of backendsUnderTest()) {
    it(`${trials} random kill points [${backend}]: every folder loads one whole save, and the next save cleans up`, async () => {
      // Seeded, so a failing kill point can be replayed.
      const random = new Random(backend === 'native' ? 11 : 12);
      const outcomes: Array<{ loaded: number | string; leftBehind: number }> = [];
      // Two trials at a time: one per core.
      for (let first = 0; first < trials; first += 2) {
        const batch = [first, first + 1].filter((trial) => trial < trials);
        outcomes.push(
          ...(await Promise.all(
            batch.map(async () => {
              const directory = mkdtempSync(join(tmpdir(), 'recur-kill-'));
              await killDuringSaves(directory, backend, Math.floor(random.uniform() * 120));
              const leftBehind = leftovers(directory, currentFiles(directory)).length;
              const loaded = await savedNumber(directory);
              // The next save (here: from the loaded model) removes the killed save's files.
              const model = await loadModel(directory);
              await model.save(directory);
              expect(leftovers(directory, currentFiles(directory))).toEqual([]);
              return { loaded, leftBehind };
            }),
          )),
        );
      }
      const mixed = outcomes.filter((o) => typeof o.loaded !== 'number');
      expect(mixed).toEqual([]);
      expect(outcomes.every((o) => typeof o.loaded === 'number' && o.loaded >= 1)).toBe(true);
      // The kills must land inside saves for this to prove anything: most leave a partial save.
      const midSave = outcomes.filter((o) => o.leftBehind > 0).length;
      expect(midSave).toBeGreaterThanOrEqual(trials / 4);
    }, 180_000);
  }
});
