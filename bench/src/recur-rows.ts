import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forwardFlops } from './flops.js';
import type { BenchConfig } from './references/types.js';

/** One recur measurement: a config at one level, backend and thread count. */
export interface RecurRow {
  config: string;
  cell: string;
  /** `model`: the public model API (trainOnBatch / predictOnBatch); `kernel`: the fused tensor ops. */
  level: 'model' | 'kernel';
  mode: 'train' | 'infer' | 'stream';
  backend: 'native' | 'ts';
  threads: number;
  msPerStep: number;
  samplesPerSecond: number;
  gflops: number;
  microsecondsPerTimeStep: number;
  peakRssMb: number;
  /** Minor and major page faults per step after warm-up. */
  pageFaultsPerStep: number;
  /** Which pass of a `--repeat N` run measured it (0 for a single run). */
  repetition: number;
}

const runner = join(dirname(fileURLToPath(import.meta.url)), 'recur-runner.js');

/**
 * Measures recur on one config in a fresh child process per (level, backend, threads), so every
 * row's peak RSS is its own and one run cannot warm the next. `environment` is passed to the
 * child (the caller decides OPENBLAS_CORETYPE).
 */
export function runRecurRows(
  config: BenchConfig,
  options: {
    quick: boolean;
    includeTs: boolean;
    native: boolean;
    environment: NodeJS.ProcessEnv;
    repetition?: number;
  },
): { rows: RecurRow[]; errors: string[] } {
  const rows: RecurRow[] = [];
  const errors: string[] = [];
  const variants: Array<{ backend: 'native' | 'js'; threads: number }> = [];
  if (options.native)
    variants.push({ backend: 'native', threads: 1 }, { backend: 'native', threads: 2 });
  // The TS backend takes minutes per step on the large configs; it is measured where it is practical.
  if (options.includeTs && forwardFlops(config) <= 5e9)
    variants.push({ backend: 'js', threads: 1 });
  const levels: Array<'model' | 'kernel'> =
    config.layers === 2 || config.bidirectional ? ['model'] : ['model', 'kernel'];
  for (const level of levels) {
    for (const variant of variants) {
      const job = { config, level, ...variant, quick: options.quick };
      const child = spawnSync(process.execPath, [runner, JSON.stringify(job)], {
        env: {
          ...options.environment,
          RECUR_BACKEND: variant.backend,
          RECUR_NUM_THREADS: String(variant.threads),
        },
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (child.status !== 0) {
        errors.push(
          `${config.name} ${config.cell} ${level} ${variant.backend}/${variant.threads}: ${(child.stderr || child.error?.message || '').trim().split('\n').slice(-3).join(' ')}`,
        );
        continue;
      }
      const result = JSON.parse(child.stdout.trim().split('\n').pop()!) as Record<string, number>;
      for (const mode of ['train', 'infer', 'stream'] as const) {
        const ms = result[mode];
        if (ms === undefined) continue;
        const flops = mode === 'train' ? 3 * forwardFlops(config) : forwardFlops(config);
        rows.push({
          config: config.name,
          cell: config.cell,
          level,
          mode,
          backend: variant.backend === 'js' ? 'ts' : 'native',
          threads: variant.threads,
          msPerStep: ms,
          samplesPerSecond: (config.batch * 1000) / ms,
          gflops: flops / ms / 1e6,
          microsecondsPerTimeStep: (ms * 1000) / config.steps,
          peakRssMb: result.peakRssMb,
          pageFaultsPerStep: result[`${mode}PageFaults`],
          repetition: options.repetition ?? 0,
        });
      }
    }
  }
  return { rows, errors };
}
