// How long making a large model takes, the first time in a fresh process, as a user sees it:
// building an LSTM(1024) (its Orthogonal recurrent kernel is a QR of a [4096, 1024] matrix),
// loading a saved one (no initializer runs: the weights are read), and adding 2,000 Dense layers
// to a Sequential. Each run is its own child process (this file, run with a JSON job as argv[2]);
// the backend is chosen (the addon loaded) before the clock starts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatNumber, markdownTable } from './harness.js';

export interface ModelBuildRow {
  model: string;
  backend: 'native' | 'ts';
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

type Task = 'build' | 'load' | 'add';

interface Job {
  backend: 'native' | 'js';
  task: Task;
  /** For 'load': the saved model. */
  directory?: string;
}

const TASKS: Array<{ task: Task; label: string }> = [
  { task: 'build', label: 'build LSTM(1024), inputShape [16, 64]' },
  { task: 'load', label: 'loadModel of that LSTM(1024), compiled with adam' },
  { task: 'add', label: 'Sequential.add of 2,000 Dense(8) layers' },
];

const self = fileURLToPath(import.meta.url);

/**
 * Times each task on each backend: median, min and max over fresh processes (a few runs; `quick`
 * runs one each).
 */
export function runModelBuildBench(options: {
  quick: boolean;
  native: boolean;
  environment: NodeJS.ProcessEnv;
}): { rows: ModelBuildRow[]; errors: string[]; markdown: string } {
  const runs = options.quick ? 1 : 5;
  const rows: ModelBuildRow[] = [];
  const errors: string[] = [];
  const backends: Array<'native' | 'js'> = options.native ? ['native', 'js'] : ['js'];
  const directory = mkdtempSync(join(tmpdir(), 'recur-bench-model-'));
  const prepared = spawnSync(
    process.execPath,
    [self, JSON.stringify({ backend: backends[0], task: 'save', directory })],
    {
      env: options.environment,
      encoding: 'utf8',
    },
  );
  if (prepared.status !== 0) errors.push(`model save: ${prepared.stderr.trim()}`);
  for (const { task, label } of TASKS)
    for (const backend of backends) {
      const times: number[] = [];
      for (let run = 0; run < runs; run++) {
        const job: Job = { backend, task, directory };
        const child = spawnSync(process.execPath, [self, JSON.stringify(job)], {
          env: { ...options.environment, RECUR_BACKEND: backend },
          encoding: 'utf8',
        });
        if (child.status !== 0) {
          errors.push(
            `model ${task} ${backend}: ${(child.stderr || child.error?.message || '').trim()}`,
          );
          break;
        }
        times.push((JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number }).ms);
      }
      if (times.length === 0) continue;
      times.sort((a, b) => a - b);
      rows.push({
        model: label,
        backend: backend === 'js' ? 'ts' : 'native',
        runs: times.length,
        medianMs: times[Math.floor(times.length / 2)],
        minMs: times[0],
        maxMs: times[times.length - 1],
      });
    }
  rmSync(directory, { recursive: true, force: true });
  const seconds = (ms: number) => formatNumber(ms / 1000, 2);
  const markdown = markdownTable(
    ['task', 'backend', 'runs', 'median s', 'min s', 'max s'],
    rows.map((r) => [
      r.model,
      r.backend,
      String(r.runs),
      seconds(r.medianMs),
      seconds(r.minMs),
      seconds(r.maxMs),
    ]),
  );
  return { rows, errors, markdown };
}

if (process.argv[1] === self && process.argv[2]) {
  const job = JSON.parse(process.argv[2]) as Job | (Omit<Job, 'task'> & { task: 'save' });
  const { Dense, LSTM } = await import('@recur/layers');
  const { loadModel, Sequential } = await import('@recur/models');
  const { getBackend, setBackend } = await import('@recur/tensor');
  setBackend(job.backend);
  getBackend();
  const lstm = () =>
    new Sequential([new LSTM({ units: 1024, inputShape: [16, 64] }), new Dense({ units: 1 })]);
  if (job.task === 'save') {
    const model = lstm();
    model.compile({ optimizer: 'adam', loss: 'mse' });
    await model.save(job.directory!);
  } else {
    const started = performance.now();
    if (job.task === 'build') {
      const layer = new LSTM({ units: 1024, inputShape: [16, 64] });
      layer.build([null, 16, 64]);
    } else if (job.task === 'load') await loadModel(job.directory!);
    else {
      const model = new Sequential([new Dense({ units: 8, inputShape: [8] })]);
      for (let i = 1; i < 2000; i++) model.add(new Dense({ units: 8 }));
    }
    console.log(JSON.stringify({ ms: performance.now() - started }));
  }
}
