import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { REFERENCES_ROOT } from './bench-paths.js';
import { repetitionsFor } from './repetitions.js';
import { reportRows } from './report-rows.js';
import { runProcess } from './run-process.js';
import { failureReason, parseRunnerReport } from './runner-report.js';
import type { BenchConfig, ReferenceOptions, ReferenceResult } from './types.js';

const SOURCE = join(REFERENCES_ROOT, 'onednn', 'rnn-bench.cpp');
const RUN_TIMEOUT_MS = 15 * 60_000;

type ThreadingRuntime = 'openmp' | 'tbb' | 'sequential' | 'unknown';

/**
 * Measures the oneDNN RNN primitives (the library PyTorch 2.x runs CPU RNNs on) through the C++
 * runner, built on first use, at each thread count. With OpenMP the threads are pinned
 * (OMP_PROC_BIND=close, OMP_PLACES=cores): unpinned pools can collapse on small VMs.
 */
export async function runOnednn(
  configs: BenchConfig[],
  options: ReferenceOptions,
): Promise<ReferenceResult> {
  const result: ReferenceResult = { rows: [], skipped: [] };
  let binary: string;
  try {
    binary = await buildOnednnRunner(options);
  } catch (error) {
    result.skipped.push({ reference: 'onednn', reason: (error as Error).message });
    return result;
  }
  const runtime = await threadingRuntime(binary);
  const cores = availableParallelism();
  const requested = options.onednnThreads ?? [1, 2];
  const threadCounts =
    runtime === 'sequential' ? [1] : requested.filter((threads) => threads <= cores);

  for (const config of configs) {
    for (const threads of threadCounts) {
      const env: NodeJS.ProcessEnv = { ...process.env };
      if (runtime === 'openmp' || runtime === 'unknown') {
        Object.assign(env, {
          OMP_NUM_THREADS: String(threads),
          OMP_PROC_BIND: 'close',
          OMP_PLACES: 'cores',
        });
      }
      const repetitions = repetitionsFor('native', config, options.quick);
      const args = [
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
      options.log?.(`onednn ${config.name} ${config.cell} threads=${threads}`);
      try {
        const output = await runProcess(binary, args, { env, timeoutMs: RUN_TIMEOUT_MS });
        if (output.code !== 0) throw new Error(failureReason(output));
        const report = parseRunnerReport(output.stdout);
        const pinning = runtime === 'openmp' ? 'OpenMP pinned close/cores' : `${runtime} runtime`;
        const cellNote = config.cell === 'gru' ? '; lbr_gru (reset-after)' : '';
        const note = `oneDNN ${report.version} ${report.isa}, ${pinning}${cellNote}`;
        result.rows.push(...reportRows('onednn', config, report, note));
      } catch (error) {
        result.skipped.push({
          reference: 'onednn',
          reason: `${config.name} ${config.cell} threads=${threads}: ${(error as Error).message}`,
        });
      }
    }
  }
  return result;
}

/** Compiler flags for the runner; bench/setup-references.sh builds with the same ones. */
const COMPILE_FLAGS = ['-O2', '-std=c++17', '-fopenmp'];
const LINK_FLAGS = ['-ldnnl'];

/**
 * Compiles the runner unless a build of the same source and command is cached. Plain -O2, never
 * -march=native: the speed comes from oneDNN's own runtime-dispatched kernels. The stamp is the
 * sha256 of the source followed by a newline and `<compiler> <flags>`, which the setup script
 * reproduces with sha256sum so that either one's build is reused by the other.
 */
async function buildOnednnRunner(options: ReferenceOptions): Promise<string> {
  const directory = options.onednnBuildDirectory ?? join(REFERENCES_ROOT, 'onednn', 'build');
  const compiler = options.compiler ?? process.env.RECUR_BENCH_CXX ?? 'g++';
  const binary = join(directory, 'rnn-bench');
  const stampFile = join(directory, 'rnn-bench.stamp');
  const command = [compiler, ...COMPILE_FLAGS, ...LINK_FLAGS].join(' ');
  const stamp = createHash('sha256')
    .update(readFileSync(SOURCE))
    .update(`\n${command}`)
    .digest('hex');
  const cached = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
  if (existsSync(binary) && cached === stamp) return binary;

  mkdirSync(directory, { recursive: true });
  const partial = `${binary}.${process.pid}.partial`;
  const args = [...COMPILE_FLAGS, SOURCE, '-o', partial, ...LINK_FLAGS];
  options.log?.(`building the oneDNN runner: ${compiler} ${args.join(' ')}`);
  let output: Awaited<ReturnType<typeof runProcess>>;
  try {
    output = await runProcess(compiler, args, { timeoutMs: 5 * 60_000 });
  } catch (error) {
    throw new Error(`C++ compiler '${compiler}' not runnable (${(error as Error).message})`);
  }
  if (output.code !== 0) {
    const missing = /dnnl\.hpp|-ldnnl/.test(output.stderr)
      ? 'oneDNN not installed (run bench/setup-references.sh): '
      : '';
    throw new Error(`building the oneDNN runner failed: ${missing}${failureReason(output)}`);
  }
  // Rename last, so that a concurrent bench never runs a half-written binary.
  renameSync(partial, binary);
  writeFileSync(stampFile, `${stamp}\n`);
  return binary;
}

/** Which threading runtime the libdnnl the runner loads was built with (ldd of its deps). */
async function threadingRuntime(binary: string): Promise<ThreadingRuntime> {
  try {
    const runner = await runProcess('ldd', [binary]);
    const library = /libdnnl\.so[^\s]*\s+=>\s+(\S+)/.exec(runner.stdout)?.[1];
    if (!library) return 'unknown';
    const dependencies = (await runProcess('ldd', [library])).stdout;
    if (/libgomp|libiomp|libomp/.test(dependencies)) return 'openmp';
    if (/libtbb/.test(dependencies)) return 'tbb';
    return 'sequential';
  } catch {
    return 'unknown';
  }
}
