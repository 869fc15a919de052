// Runs one recur benchmark row in a fresh process (so its peak RSS is its own) and prints JSON.
// argv[2]: { config, level: 'model' | 'kernel', backend: 'native' | 'js', threads, quick }.
import { Bidirectional, GRU, type Layer, LSTM, SimpleRNN } from '@recur/layers';
import { Sequential } from '@recur/models';
import {
  gru,
  lstm,
  noGrad,
  randomNormal,
  setBackend,
  setNumThreads,
  simpleRnn,
} from '@recur/tensor';
import { gatesOf } from './flops.js';
import { measure } from './harness.js';
import type { BenchConfig } from './references/types.js';

interface Job {
  config: BenchConfig;
  level: 'model' | 'kernel';
  backend: 'native' | 'js';
  threads: number;
  quick: boolean;
}

const job = JSON.parse(process.argv[2]) as Job;
const { config } = job;
setBackend(job.backend);
if (job.backend === 'native') setNumThreads(job.threads);

const timing = job.quick
  ? { minTimeMs: 150, minRuns: 3, warmup: 1 }
  : { minTimeMs: config.inferenceOnly ? 2000 : 1000, minRuns: 5, warmup: 2 };
// The TS backend's steps take 50 ms to seconds: three warm-ups (one was not enough: V8 was still
// compiling the step functions, and single rows moved by 30-50% between processes) and a second
// of timed runs, at least three.
if (job.backend === 'js')
  Object.assign(
    timing,
    job.quick
      ? { minTimeMs: 0, minRuns: 2, warmup: 1 }
      : { minTimeMs: 1000, minRuns: 3, warmup: 3 },
  );

function cell(units: number, extra: Record<string, unknown> = {}): Layer {
  const base = { units, ...extra };
  return config.cell === 'lstm'
    ? new LSTM(base)
    : config.cell === 'gru'
      ? new GRU(base)
      : new SimpleRNN(base);
}

const results: Record<string, number> = {};
/** Records one mode's median time and its page faults per step. */
function record(mode: 'train' | 'infer' | 'stream', run: () => void): void {
  const measurement = measure(run, timing);
  results[mode] = measurement.medianMs;
  results[`${mode}PageFaults`] = measurement.pageFaultsPerRun;
}
const { batch: B, steps: T, features: D, units: H } = config;
const x = randomNormal([B, T, D], { seed: 1 });

if (job.level === 'model') {
  // The same model every reference defines: recurrent layer(s) -> h_T -> MSE -> SGD(0.01).
  const inputShape = [T, D];
  const layers =
    config.layers === 2
      ? [cell(H, { returnSequences: true, inputShape }), cell(H)]
      : config.bidirectional
        ? [new Bidirectional({ layer: cell(H) as LSTM, inputShape })]
        : [cell(H, { inputShape })];
  const model = new Sequential(layers);
  model.compile({ optimizer: { className: 'SGD', config: { learningRate: 0.01 } }, loss: 'mse' });
  const y = randomNormal([B, config.bidirectional ? 2 * H : H], { seed: 2 });
  if (!config.inferenceOnly) record('train', () => void model.trainOnBatch(x, y));
  record('infer', () => void model.predictOnBatch(x));
  if (config.inferenceOnly) {
    // Token-by-token streaming with the layer's step() API (state carried by the caller).
    const layer = layers[0] as LSTM;
    const token = randomNormal([B, D], { seed: 3 });
    let state = layer.step(token).state;
    record('stream', () => {
      for (let t = 0; t < T; t++) state = layer.step(token, state).state;
    });
  }
} else {
  const G = gatesOf(config.cell);
  const scale = 1 / Math.sqrt(H);
  const kernel = randomNormal([D, G * H], { stddev: scale, seed: 4, requiresGrad: true });
  const recurrentKernel = randomNormal([H, G * H], { stddev: scale, seed: 5, requiresGrad: true });
  const bias = randomNormal(config.cell === 'gru' ? [2, G * H] : [G * H], {
    stddev: 0.1,
    seed: 6,
    requiresGrad: true,
  });
  const run = () =>
    (config.cell === 'lstm' ? lstm : config.cell === 'gru' ? gru : simpleRnn)(
      x,
      kernel,
      recurrentKernel,
      bias,
    );
  if (!config.inferenceOnly) {
    record('train', () => {
      for (const w of [kernel, recurrentKernel, bias]) w.zeroGrad();
      const { h } = run();
      h.backward(h.detach().mul(0).add(1));
    });
  }
  record('infer', () => void noGrad(run));
}
results.peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(results)}\n`);
