// How long building a large recurrent layer takes (its weights' initializers: the Orthogonal
// recurrent kernel is a QR of a [4 * units, units] matrix), the first time in a fresh process, as
// a user sees it. Each run is its own child process (this file, run with a JSON job as argv[2]);
// the backend is chosen (the addon loaded) before the clock starts.
import { spawnSync } from 'node:child_process';
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

interface Job {
  backend: 'native' | 'js';
  units: number;
}

const self = fileURLToPath(import.meta.url);

/**
 * Times `new LSTM({ units: 1024, inputShape: [T, D] })` plus `build` on each backend: median, min
 * and max over fresh processes (a few runs; `quick` runs one each).
 */
export function runModelBuildBench(options: {
  quick: boolean;
  native: boolean;
  environment: NodeJS.ProcessEnv;
}): { rows: ModelBuildRow[]; errors: string[]; markdown: string } {
  const units = 1024;
  const runs = options.quick ? 1 : 5;
  const rows: ModelBuildRow[] = [];
  const errors: string[] = [];
  const backends: Array<'native' | 'js'> = options.native ? ['native', 'js'] : ['js'];
  for (const backend of backends) {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const job: Job = { backend, units };
      const child = spawnSync(process.execPath, [self, JSON.stringify(job)], {
        env: { ...options.environment, RECUR_BACKEND: backend },
        encoding: 'utf8',
      });
      if (child.status !== 0) {
        errors.push(
          `model build ${backend}: ${(child.stderr || child.error?.message || '').trim()}`,
        );
        break;
      }
      times.push((JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number }).ms);
    }
    if (times.length === 0) continue;
    times.sort((a, b) => a - b);
    rows.push({
      model: `LSTM(${units}), inputShape [16, 64]`,
      backend: backend === 'js' ? 'ts' : 'native',
      runs: times.length,
      medianMs: times[Math.floor(times.length / 2)],
      minMs: times[0],
      maxMs: times[times.length - 1],
    });
  }
  const seconds = (ms: number) => formatNumber(ms / 1000, 2);
  const markdown = markdownTable(
    ['model built', 'backend', 'runs', 'median s', 'min s', 'max s'],
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
  const job = JSON.parse(process.argv[2]) as Job;
  const { LSTM } = await import('@recur/layers');
  const { getBackend, setBackend } = await import('@recur/tensor');
  setBackend(job.backend);
  getBackend();
  const started = performance.now();
  const layer = new LSTM({ units: job.units, inputShape: [16, 64] });
  layer.build([null, 16, 64]);
  console.log(JSON.stringify({ ms: performance.now() - started }));
}
