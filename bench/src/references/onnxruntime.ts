import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { REFERENCES_ROOT } from './bench-paths.js';
import { runForkedJob, runnerScript } from './fork-runner.js';
import type { OnnxruntimeJob } from './onnxruntime-runner.js';
import { repetitionsFor } from './repetitions.js';
import { reportRows } from './report-rows.js';
import type { BenchConfig, ReferenceOptions, ReferenceResult } from './types.js';

const RUN_TIMEOUT_MS = 10 * 60_000;

/**
 * Where bench/setup-references.sh installs onnxruntime-node (with onnx-proto to write the models):
 * a package of its own, because its 113 MB tarball would slow every `npm ci` of the repository.
 */
export const ONNXRUNTIME_DIRECTORY = join(REFERENCES_ROOT, 'onnxruntime');

/**
 * Measures ONNX Runtime's CPU provider on the inference rows (the serving peer a Node developer
 * would pick), each config and thread count in its own child process (./onnxruntime-runner.ts).
 */
export async function runOnnxruntime(
  configs: BenchConfig[],
  options: ReferenceOptions,
): Promise<ReferenceResult> {
  const result: ReferenceResult = { rows: [], skipped: [] };
  const directory = options.onnxruntimeDirectory ?? ONNXRUNTIME_DIRECTORY;
  if (!existsSync(join(directory, 'node_modules', 'onnxruntime-node', 'package.json'))) {
    result.skipped.push({
      reference: 'onnxruntime',
      reason: `onnxruntime-node not installed in ${directory} (run bash bench/setup-references.sh)`,
    });
    return result;
  }
  const runner = await runnerScript('onnxruntime-runner', 'onnxruntime');
  const threadCounts = (options.onnxruntimeThreads ?? [1, 2]).filter(
    (threads) => threads <= availableParallelism(),
  );
  for (const config of configs) {
    for (const threads of threadCounts) {
      options.log?.(`onnxruntime ${config.name} ${config.cell} threads=${threads}`);
      const job: OnnxruntimeJob = {
        config,
        threads,
        repetitions: repetitionsFor('native', config, options.quick),
        modulesDirectory: directory,
      };
      try {
        const report = await runForkedJob('onnxruntime', runner, job, RUN_TIMEOUT_MS);
        const cellNote = config.cell === 'gru' ? '; linear_before_reset (reset-after)' : '';
        const note = `ONNX Runtime ${report.version} CPU provider, opset 14${cellNote}`;
        result.rows.push(...reportRows('onnxruntime', config, report, note));
      } catch (error) {
        result.skipped.push({
          reference: 'onnxruntime',
          reason: `${config.name} ${config.cell} threads=${threads}: ${(error as Error).message}`,
        });
      }
    }
  }
  return result;
}
