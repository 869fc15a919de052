import { runForkedJob, runnerScript } from './fork-runner.js';
import { repetitionsFor } from './repetitions.js';
import { reportRows } from './report-rows.js';
import type { TfjsJob } from './tfjs-runner.js';
import type { BenchConfig, ReferenceOptions, ReferenceResult } from './types.js';

const RUN_TIMEOUT_MS = 45 * 60_000;
const SLOW_WARMUP_MS = 5_000;
const SINGLE_COLD_RUN_MS = 20_000;

/**
 * Measures TensorFlow.js 4.22 Layers models with the `cpu` or `wasm` backend, each config in its
 * own child process (./tfjs-runner.ts). tfjs is far slower than the native references on big
 * configs (a `large` training step takes minutes on the cpu backend), so it runs one warm-up and
 * few timed calls, a single one after a warm-up over 5 s, and when the first call alone takes
 * over 20 s that cold call is the measurement (noted in the row).
 */
export async function runTfjs(
  backend: 'cpu' | 'wasm',
  configs: BenchConfig[],
  options: ReferenceOptions,
): Promise<ReferenceResult> {
  const reference = backend === 'cpu' ? 'tfjs-cpu' : 'tfjs-wasm';
  const result: ReferenceResult = { rows: [], skipped: [] };
  let runner: string;
  try {
    runner = await runnerScript('tfjs-runner', 'tfjs');
  } catch (error) {
    result.skipped.push({
      reference,
      reason: `tfjs runner unavailable: ${(error as Error).message}`,
    });
    return result;
  }
  for (const config of configs) {
    options.log?.(`${reference} ${config.name} ${config.cell}`);
    const job: TfjsJob = {
      backend,
      config,
      repetitions: repetitionsFor('tfjs', config, options.quick),
      slowWarmupMs: SLOW_WARMUP_MS,
      singleColdRunMs: SINGLE_COLD_RUN_MS,
    };
    try {
      const report = await runForkedJob('tfjs', runner, job, RUN_TIMEOUT_MS);
      const cellNote =
        config.cell === 'gru' ? '; GRU is reset-before (tfjs has no resetAfter)' : '';
      const note = `tfjs ${report.version} Layers API, trainOnBatch/predict${cellNote}`;
      result.rows.push(...reportRows(reference, config, report, note));
    } catch (error) {
      const reason = `${config.name} ${config.cell}: ${(error as Error).message}`;
      result.skipped.push({ reference, reason });
      // A backend that cannot start at all fails the same way on every config.
      if (/Cannot find (module|package)|backend .* unavailable/.test(reason)) break;
    }
  }
  return result;
}
