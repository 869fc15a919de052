import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { REFERENCES_ROOT } from './bench-paths.js';
import { repetitionsFor } from './repetitions.js';
import { reportRows } from './report-rows.js';
import { runProcess } from './run-process.js';
import { failureReason, parseRunnerReport } from './runner-report.js';
import type { BenchConfig, ReferenceOptions, ReferenceResult } from './types.js';

const SCRIPT = join(REFERENCES_ROOT, 'pytorch', 'rnn_bench.py');
const RUN_TIMEOUT_MS = 20 * 60_000;

/**
 * Measures torch.nn.LSTM/GRU/RNN through the Python runner, one process per config and thread
 * count. Debian's torch lives in the system interpreter, so the default is /usr/bin/python3, not
 * whatever `python3` a version manager put first on PATH.
 */
export async function runPytorch(
  configs: BenchConfig[],
  options: ReferenceOptions,
): Promise<ReferenceResult> {
  const result: ReferenceResult = { rows: [], skipped: [] };
  const python = options.python ?? process.env.RECUR_BENCH_PYTHON ?? '/usr/bin/python3';
  const problem = await probeTorch(python);
  if (problem) {
    result.skipped.push({ reference: 'pytorch', reason: problem });
    return result;
  }
  const cores = availableParallelism();
  const threadCounts = (options.pytorchThreads ?? [1]).filter((threads) => threads <= cores);

  for (const config of configs) {
    for (const threads of threadCounts) {
      const repetitions = repetitionsFor('native', config, options.quick);
      const args = [
        SCRIPT,
        '--cell',
        config.cell,
        '--batch',
        String(config.batch),
        '--steps',
        String(config.steps),
        '--features',
        String(config.features),
        '--units',
        String(config.units),
        '--layers',
        String(config.layers ?? 1),
        '--modes',
        config.inferenceOnly ? 'infer' : 'infer,train',
        '--threads',
        String(threads),
        '--warmup',
        String(repetitions.warmup),
        '--min-runs',
        String(repetitions.minRuns),
        '--max-runs',
        String(repetitions.maxRuns),
        '--min-time-ms',
        String(repetitions.minTimeMs),
      ];
      if (config.bidirectional) args.push('--bidirectional');
      // Pinned like oneDNN: an unpinned 2-thread OpenMP pool ran 3x slower on this kind of VM.
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        OMP_NUM_THREADS: String(threads),
        OPENBLAS_NUM_THREADS: String(threads),
        OMP_PROC_BIND: 'close',
        OMP_PLACES: 'cores',
      };
      options.log?.(`pytorch ${config.name} ${config.cell} threads=${threads}`);
      try {
        const output = await runProcess(python, args, { env, timeoutMs: RUN_TIMEOUT_MS });
        if (output.code !== 0) throw new Error(failureReason(output));
        const report = parseRunnerReport(output.stdout);
        const cellNote = config.cell === 'gru' ? '; GRU is reset-after' : '';
        const note = `torch ${report.version} (its own RNN kernels on OpenBLAS ${
          report.openblasCoreType ?? 'default'
        } core, not oneDNN)${cellNote}`;
        result.rows.push(...reportRows('pytorch', config, report, note));
      } catch (error) {
        result.skipped.push({
          reference: 'pytorch',
          reason: `${config.name} ${config.cell} threads=${threads}: ${(error as Error).message}`,
        });
      }
    }
  }
  return result;
}

/** Why torch cannot run with this interpreter, or undefined when it can. */
async function probeTorch(python: string): Promise<string | undefined> {
  try {
    const output = await runProcess(python, ['-c', 'import torch; print(torch.__version__)'], {
      timeoutMs: 60_000,
    });
    if (output.code === 0) return undefined;
    return `torch not importable with ${python} (install python3-torch via bench/setup-references.sh): ${failureReason(output)}`;
  } catch (error) {
    return `python interpreter ${python} not runnable (${(error as Error).message})`;
  }
}
