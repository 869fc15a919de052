// Model folders built by an attacker (or by bad luck): each must be refused with a ModelFileError,
// within 2 s and 64 MB of memory growth, with Object.prototype untouched. Each case is loaded in a
// process of its own so that its peak memory is its own; the processes run the built package
// (npm test builds first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dense, LSTM } from '@recur/layers';
import { Sequential } from '@recur/models';
import { ones } from '@recur/tensor';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '..', 'dist', 'index.js');

const loader = `
const { loadModel } = await import(${JSON.stringify(dist)});
const before = process.resourceUsage().maxRSS;
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).join();
const started = performance.now();
let outcome;
try {
  await loadModel(process.argv[1]);
  outcome = { loaded: true };
} catch (error) {
  outcome = { name: error?.name, code: error?.code, message: String(error?.message).slice(0, 4000) };
}
outcome.milliseconds = performance.now() - started;
outcome.growthBytes = (process.resourceUsage().maxRSS - before) * 1024;
outcome.prototypeClean =
  Object.getOwnPropertyNames(Object.prototype).join() === prototypeBefore &&
  Object.keys({}).length === 0 && ({}).polluted === undefined;
console.log(JSON.stringify(outcome));
`;

interface Outcome {
  loaded?: boolean;
  name?: string;
  code?: string;
  message?: string;
  milliseconds: number;
  growthBytes: number;
  prototypeClean: boolean;
}

function load(directory: string): Outcome {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', loader, directory], {
    cwd: join(import.meta.dirname, '..'),
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, RECUR_BACKEND: process.env.RECUR_BACKEND ?? 'js' },
  });
  expect(child.error, 'the loading process did not finish').toBeUndefined();
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!);
}

/** A saved, compiled LSTM model to start from. */
async function savedModel(): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), 'recur-hostile-'));
  const model = new Sequential([
    new LSTM({ units: 4, inputShape: [3, 2], name: 'lstm' }),
    new Dense({ units: 1, name: 'head' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
  await model.fit(ones([2, 3, 2]), ones([2, 1]), { epochs: 1, verbose: 0 });
  await model.save(directory);
  return directory;
}

// A parsed model.json, edited freely by the cases.
// biome-ignore lint/suspicious/noExplicitAny: the cases reach into arbitrary fields
type Document = Record<string, any>;

function document(directory: string): Document {
  return JSON.parse(readFileSync(join(directory, 'model.json'), 'utf8'));
}

function rewrite(directory: string, change: (json: Document) => void): void {
  const json = document(directory);
  change(json);
  writeFileSync(join(directory, 'model.json'), JSON.stringify(json));
}

function mkfifo(path: string): boolean {
  return spawnSync('mkfifo', [path]).status === 0;
}

/** A prepare step returns false when the system cannot make the case (no mkfifo). */
type Case = [name: string, prepare: (directory: string) => unknown, message: RegExp];

const cases: Case[] = [
  [
    'model.json nested 30,000,000 levels deep (60 MB)',
    (d) =>
      writeFileSync(join(d, 'model.json'), `${'['.repeat(30_000_000)}${']'.repeat(30_000_000)}`),
    /expected at most \d+ bytes \(maxModelFileBytes\)/,
  ],
  [
    'a config nested 5,000,000 levels deep inside the size limit',
    (d) =>
      writeFileSync(
        join(d, 'model.json'),
        `{"format":"recur-model","formatVersion":2,"className":"Sequential","config":${'['.repeat(5_000_000)}${']'.repeat(5_000_000)}}`,
      ),
    /expected JSON nested at most 64 levels deep \(maxDepth\)/,
  ],
  [
    '20,000 Dense layers',
    (d) =>
      rewrite(d, (json) => {
        const dense = json.config.layers[1];
        json.config.layers = Array.from({ length: 20_000 }, (_, i) => ({
          ...dense,
          config: { ...dense.config, name: `dense_${i}` },
        }));
      }),
    /expected at most 10000 layers \(maxLayers\), found 20000/,
  ],
  [
    'an LSTM declared with 4,096 units whose weights do not match',
    (d) =>
      rewrite(d, (json) => {
        json.config.layers[0].config.units = 4096;
      }),
    /lstm\/kernel: expected the saved float32 \[2, 16\], received a layer that declares float32 \[2, 16384\]/,
  ],
  [
    'a FIFO in place of model.json',
    (d) => {
      rmSync(join(d, 'model.json'));
      return mkfifo(join(d, 'model.json'));
    },
    /model\.json: expected a regular file, found a FIFO/,
  ],
  [
    'a FIFO in place of the weights',
    (d) => {
      const weights = join(d, document(d).weights.file);
      rmSync(weights);
      return mkfifo(weights);
    },
    /expected a regular file, found a FIFO/,
  ],
  [
    'model.json a symbolic link to /dev/zero',
    (d) => {
      rmSync(join(d, 'model.json'));
      symlinkSync('/dev/zero', join(d, 'model.json'));
    },
    /model\.json: expected a regular file, found a device/,
  ],
  [
    'the weights a symbolic link to /dev/zero',
    (d) => {
      const weights = join(d, document(d).weights.file);
      rmSync(weights);
      symlinkSync('/dev/zero', weights);
    },
    /expected a regular file, found a device/,
  ],
  [
    'metrics ["constructor", "valueOf"]',
    (d) =>
      rewrite(d, (json) => {
        json.compile.metrics = ['constructor', 'valueOf'];
      }),
    /expected compile settings recur can restore: .*constructor/,
  ],
  [
    'lossWeights {"__proto__": 5}',
    (d) => {
      const text = readFileSync(join(d, 'model.json'), 'utf8').replace(
        '"lossWeights": null',
        '"lossWeights": {"__proto__": 5}',
      );
      writeFileSync(join(d, 'model.json'), text);
    },
    /expected no reserved key '__proto__'/,
  ],
  [
    'optimizerState.iterations 1e300',
    (d) => {
      const text = readFileSync(join(d, 'model.json'), 'utf8').replace(
        /"iterations": \d+/,
        '"iterations": 1e300',
      );
      writeFileSync(join(d, 'model.json'), text);
    },
    /expected optimizerState\.iterations to be a step count/,
  ],
  [
    'a weights file outside the folder (../../etc/passwd)',
    (d) =>
      rewrite(d, (json) => {
        json.weights.file = '../../etc/passwd';
      }),
    /expected weights\.file to name a weights file in the model folder/,
  ],
  [
    'weights replaced by another save of the same shape (SHA-256 mismatch)',
    (d) => {
      const weights = join(d, document(d).weights.file);
      const bytes = readFileSync(weights);
      bytes[bytes.length - 1] ^= 0xff;
      writeFileSync(weights, bytes);
    },
    /expected SHA-256 [0-9a-f]{64} \(recorded when it was saved\)/,
  ],
];

describe.runIf(existsSync(dist))('hostile model folders', () => {
  for (const [name, prepare, message] of cases) {
    it(`${name}: a ModelFileError within 2 s and 64 MB, Object.prototype untouched`, async () => {
      const directory = await savedModel();
      if (prepare(directory) === false) return; // no mkfifo on this system
      const outcome = load(directory);
      expect(outcome.loaded, 'the folder was loaded').toBeUndefined();
      expect(outcome.code, outcome.message).toBe('ERR_RECUR_MODEL_FILE');
      expect(outcome.message).toMatch(message);
      expect(outcome.milliseconds).toBeLessThan(2000);
      expect(outcome.growthBytes).toBeLessThan(64 * 1024 * 1024);
      expect(outcome.prototypeClean).toBe(true);
    }, 30_000);
  }

  it('the untouched folder loads (the cases fail for their own reason)', async () => {
    const outcome = load(await savedModel());
    expect(outcome).toMatchObject({ loaded: true, prototypeClean: true });
  }, 30_000);
});
