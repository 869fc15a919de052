// Types shared by the reference runners and the bench harness (re-exported from ./index.js).

/** One benchmark problem: x [batch, steps, features] through a recurrent layer of `units`. */
export interface BenchConfig {
  name: string;
  cell: 'lstm' | 'gru' | 'simpleRnn';
  batch: number;
  steps: number;
  features: number;
  units: number;
  /** Two stacked layers: the first returns its sequence, the second gives h_T. */
  layers?: 2;
  /** One bidirectional layer; h_T is the concatenation of both directions' final states. */
  bidirectional?: boolean;
  /** Only the forward pass is measured (streaming inference). */
  inferenceOnly?: boolean;
}

/** The frameworks recur is compared with. */
export type ReferenceName = 'onednn' | 'onnxruntime' | 'pytorch' | 'tfjs-cpu' | 'tfjs-wasm';

/** One measurement: a reference framework on one config, one mode, one thread count. */
export interface ReferenceRow {
  reference: ReferenceName;
  config: string;
  cell: string;
  mode: 'train' | 'infer';
  threads: number;
  /** Milliseconds per training step (forward + BPTT + SGD) or per inference call. */
  msPerStep: number;
  samplesPerSecond: number;
  /** msPerStep spread over the sequence: the streaming figure for stream-b1. */
  microsecondsPerTimeStep?: number;
  /** Peak resident memory of the child process that ran the row, runtime included. */
  peakRssMb?: number;
  /** Minor + major page faults per timed step (warm-up excluded), where the runner counts them. */
  pageFaultsPerStep?: number;
  note?: string;
  /** Which pass of a `--repeat N` run measured it (0 for a single run). */
  repetition?: number;
}

/** Rows measured plus the references (or reference/config pairs) that could not run, and why. */
export interface ReferenceResult {
  rows: ReferenceRow[];
  skipped: { reference: string; reason: string }[];
}

/** What `runReferences` accepts; everything but `quick` is optional. */
export interface ReferenceOptions {
  /** CI-sized: only ts-small and stream-b1, few repetitions. */
  quick: boolean;
  /** Reference names to run (default: all of them). */
  only?: string[];
  /** Python interpreter with torch (default: $RECUR_BENCH_PYTHON, else /usr/bin/python3). */
  python?: string;
  /** C++ compiler for the oneDNN runner (default: $RECUR_BENCH_CXX, else g++). */
  compiler?: string;
  /** Where the oneDNN runner is built (default: bench/references/onednn/build). */
  onednnBuildDirectory?: string;
  /** Thread counts for oneDNN (default [1, 2]). */
  onednnThreads?: number[];
  /** Where onnxruntime-node is installed (default: bench/references/onnxruntime). */
  onnxruntimeDirectory?: string;
  /** Thread counts for ONNX Runtime (default [1, 2]). */
  onnxruntimeThreads?: number[];
  /** Thread counts for PyTorch (default [1]: more threads did not help torch 1.13 here). */
  pytorchThreads?: number[];
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

/** How long a runner measures: warm-up calls, then at least minRuns and minTimeMs. */
export interface Repetitions {
  warmup: number;
  minRuns: number;
  maxRuns: number;
  minTimeMs: number;
}

/** One mode's measurement as every runner reports it. */
export interface RunnerResult {
  mode: 'train' | 'infer';
  msPerStep: number;
  runs: number;
  peakRssMb?: number;
  pageFaultsPerStep?: number;
  loss?: number;
  /** Anything unusual about how this result was measured. */
  note?: string;
}

/** The JSON object every runner (C++, Python, tfjs child) prints or sends. */
export interface RunnerReport {
  reference: string;
  version?: string;
  threads: number;
  results: RunnerResult[];
  [detail: string]: unknown;
}
