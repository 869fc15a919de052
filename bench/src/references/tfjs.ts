import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REFERENCES_ROOT } from './bench-paths.js';
import { repetitionsFor } from './repetitions.js';
import { reportRows } from './report-rows.js';
import type { TfjsJob, TfjsMessage } from './tfjs-runner.js';
import type { BenchConfig, ReferenceOptions, ReferenceResult, RunnerReport } from './types.js';

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
    runner = await runnerScript();
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
      const report = await runJob(runner, job);
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

function runJob(runner: string, job: TfjsJob): Promise<RunnerReport> {
  return new Promise((resolve, reject) => {
    // execArgv: [] keeps a parent's loader flags (vitest) out of the child.
    const child = fork(runner, [JSON.stringify(job)], {
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let message: TfjsMessage | undefined;
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('message', (value) => {
      message = value as TfjsMessage;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (message?.ok) resolve(message.report);
      else if (message) reject(new Error(message.error));
      else {
        const detail = stderr.trim().split('\n').slice(-2).join(' | ').slice(0, 300);
        reject(
          new Error(
            `tfjs runner ${signal ? `killed by ${signal}` : `exit code ${code}`}: ${detail}`,
          ),
        );
      }
    });
  });
}

/**
 * The runner as JavaScript. Compiled (dist/) it sits next to this module; from sources (vitest)
 * it is transpiled alone into a gitignored build directory, which works because it has no
 * runtime relative imports.
 */
async function runnerScript(): Promise<string> {
  const here = fileURLToPath(import.meta.url);
  const compiled = join(dirname(here), 'tfjs-runner.js');
  if (!here.endsWith('.ts') && existsSync(compiled)) return compiled;
  const source = join(dirname(here), 'tfjs-runner.ts');
  const ts = (await import('typescript')).default;
  const output = ts.transpileModule(readFileSync(source, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: source,
  });
  const directory = join(REFERENCES_ROOT, 'tfjs', 'build');
  mkdirSync(directory, { recursive: true });
  const target = join(directory, 'tfjs-runner.js');
  // Write then rename, so that a concurrent bench never forks a half-written file.
  writeFileSync(`${target}.${process.pid}`, output.outputText);
  renameSync(`${target}.${process.pid}`, target);
  return target;
}
