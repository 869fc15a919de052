// Reference frameworks for recur's RNN benchmarks: oneDNN (C++ runner), ONNX Runtime (inference
// only, child processes), PyTorch (Python runner) and TensorFlow.js (cpu and wasm backends, child
// processes). Every reference defines the same model: x [B, T, D] -> recurrent layer(s) -> h_T ->
// mean((h_T - y)^2) -> SGD(0.01) on all weights.

import { runOnednn } from './onednn.js';
import { runOnnxruntime } from './onnxruntime.js';
import { runPytorch } from './pytorch.js';
import { runTfjs } from './tfjs.js';
import type { BenchConfig, ReferenceName, ReferenceOptions, ReferenceResult } from './types.js';

export type {
  BenchConfig,
  ReferenceName,
  ReferenceOptions,
  ReferenceResult,
  ReferenceRow,
} from './types.js';

/** Every reference, in the order they run and are reported. */
export const REFERENCE_NAMES: ReferenceName[] = [
  'onednn',
  'onnxruntime',
  'pytorch',
  'tfjs-cpu',
  'tfjs-wasm',
];

/** The configs quick mode (CI) keeps. */
export const QUICK_CONFIG_NAMES = ['ts-small', 'stream-b1'];

/** The benchmark problems (B, T, D, H) of the issue, in report order. */
export const BENCH_CONFIGS: BenchConfig[] = [
  { name: 'ts-small', cell: 'lstm', batch: 64, steps: 50, features: 8, units: 64 },
  { name: 'ts-small', cell: 'gru', batch: 64, steps: 50, features: 8, units: 64 },
  { name: 'ts-small', cell: 'simpleRnn', batch: 64, steps: 50, features: 8, units: 64 },
  { name: 'charlm', cell: 'lstm', batch: 32, steps: 100, features: 64, units: 256 },
  { name: 'charlm', cell: 'gru', batch: 32, steps: 100, features: 64, units: 256 },
  {
    name: 'charlm-stacked',
    cell: 'lstm',
    batch: 32,
    steps: 100,
    features: 64,
    units: 256,
    layers: 2,
  },
  {
    name: 'charlm-bidirectional',
    cell: 'lstm',
    batch: 32,
    steps: 100,
    features: 64,
    units: 256,
    bidirectional: true,
  },
  { name: 'imdb', cell: 'lstm', batch: 256, steps: 500, features: 32, units: 100 },
  { name: 'large', cell: 'lstm', batch: 64, steps: 25, features: 1024, units: 1024 },
  {
    name: 'stream-b1',
    cell: 'lstm',
    batch: 1,
    steps: 100,
    features: 32,
    units: 128,
    inferenceOnly: true,
  },
];

/**
 * Runs every available reference on the configs, one after another (never concurrently: they
 * would steal each other's cores). A reference that is not installed, or a config it fails on,
 * lands in `skipped` with the reason instead of throwing. Quick mode keeps only ts-small and
 * stream-b1 and repeats less; `only` restricts to the named references.
 */
export async function runReferences(
  configs: BenchConfig[],
  options: ReferenceOptions,
): Promise<ReferenceResult> {
  const selected = options.quick
    ? configs.filter((config) => QUICK_CONFIG_NAMES.includes(config.name))
    : configs;
  const unknown = (options.only ?? []).filter(
    (name) => !(REFERENCE_NAMES as string[]).includes(name),
  );
  if (unknown.length > 0) {
    throw new Error(
      `unknown reference(s) ${unknown.join(', ')}; known: ${REFERENCE_NAMES.join(', ')}`,
    );
  }
  const wanted = REFERENCE_NAMES.filter((name) => !options.only || options.only.includes(name));
  const result: ReferenceResult = { rows: [], skipped: [] };
  for (const name of wanted) {
    const part = await runReference(name, selected, options);
    result.rows.push(...part.rows);
    result.skipped.push(...part.skipped);
  }
  return result;
}

function runReference(
  name: ReferenceName,
  configs: BenchConfig[],
  options: ReferenceOptions,
): Promise<ReferenceResult> {
  switch (name) {
    case 'onednn':
      return runOnednn(configs, options);
    case 'onnxruntime':
      return runOnnxruntime(configs, options);
    case 'pytorch':
      return runPytorch(configs, options);
    case 'tfjs-cpu':
      return runTfjs('cpu', configs, options);
    case 'tfjs-wasm':
      return runTfjs('wasm', configs, options);
  }
}
