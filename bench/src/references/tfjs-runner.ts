// Child process measuring TensorFlow.js on one config with one backend, forked by ./tfjs.ts (one
// process per backend and config, so that backends do not share a heap and peak RSS is per row).
// Reads a TfjsJob as JSON from argv[2]; sends a RunnerMessage back over the IPC channel (stdout
// carries tfjs' own banners).
//
// It uses the Layers API as a tfjs user would: tf.sequential + tf.layers.lstm/gru/simpleRNN,
// model.trainOnBatch with SGD(0.01) on mean squared error, model.predict for inference.
// This file must stay free of runtime relative imports: under vitest it is transpiled alone.

import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import type { RunnerMessage } from './fork-runner.js';
import type { BenchConfig, Repetitions, RunnerReport, RunnerResult } from './types.js';

/** What the parent asks the child to measure. */
export interface TfjsJob {
  backend: 'cpu' | 'wasm';
  config: BenchConfig;
  repetitions: Repetitions;
  /** A warm-up slower than this gets a single timed run: big configs take minutes on tfjs. */
  slowWarmupMs: number;
  /** A first call slower than this is the only one, timed cold. */
  singleColdRunMs: number;
}

function recurrentLayer(
  config: BenchConfig,
  extra: { returnSequences?: boolean; inputShape?: number[] },
): tf.layers.Layer {
  // Keras (2.3+) defaults; tfjs still defaults recurrentActivation to hardSigmoid, so it is
  // named. The recurrent kernel starts glorot-uniform rather than orthogonal: tfjs' orthogonal
  // initializer (a QR decomposition in JS) did not finish in 10 minutes at 1024 units here, and
  // the starting values do not change the cost of a step.
  const common = { units: config.units, recurrentInitializer: 'glorotUniform' as const, ...extra };
  switch (config.cell) {
    case 'lstm':
      return tf.layers.lstm({ ...common, recurrentActivation: 'sigmoid' });
    case 'gru':
      // tfjs has no resetAfter: this is the reset-before GRU (Keras' reset_after=False).
      return tf.layers.gru({ ...common, recurrentActivation: 'sigmoid' });
    case 'simpleRnn':
      return tf.layers.simpleRNN(common);
  }
}

function buildModel(config: BenchConfig): tf.Sequential {
  const inputShape = [config.steps, config.features];
  const model = tf.sequential();
  if (config.bidirectional) {
    model.add(
      tf.layers.bidirectional({
        layer: recurrentLayer(config, {}) as tf.RNN,
        mergeMode: 'concat',
        inputShape,
      }),
    );
  } else if (config.layers === 2) {
    model.add(recurrentLayer(config, { returnSequences: true, inputShape }));
    model.add(recurrentLayer(config, {}));
  } else {
    model.add(recurrentLayer(config, { inputShape }));
  }
  // meanSquaredError averages over units then over the batch: the mean over all of h_T.
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
  return model;
}

async function timeRuns(
  run: () => Promise<void>,
  job: TfjsJob,
): Promise<{ medianMs: number; runs: number; note?: string }> {
  const { repetitions } = job;
  const timed = async () => {
    const t0 = performance.now();
    await run();
    return performance.now() - t0;
  };
  // The first call is the warm-up, unless it alone is so slow (minutes on big configs) that
  // repeating it is not worth it: then it is the measurement, its one-time setup included.
  const first = await timed();
  if (first > job.singleColdRunMs) {
    return { medianMs: first, runs: 1, note: 'single cold run (no warm-up): over time budget' };
  }
  let slowest = first;
  for (let i = 1; i < repetitions.warmup; i++) slowest = Math.max(slowest, await timed());
  const minRuns = slowest > job.slowWarmupMs ? 1 : repetitions.minRuns;
  const times: number[] = [];
  const start = performance.now();
  while (
    times.length < minRuns ||
    (performance.now() - start < repetitions.minTimeMs && times.length < repetitions.maxRuns)
  ) {
    times.push(await timed());
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], runs: times.length };
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024; // kilobytes
}

async function measure(job: TfjsJob): Promise<RunnerReport> {
  const { config } = job;
  await tf.setBackend(job.backend);
  await tf.ready();
  if (tf.getBackend() !== job.backend) throw new Error(`tfjs backend ${job.backend} unavailable`);
  // Node has no wasm threads in tfjs 4.22 (it disables them under Node), so this reports 1.
  const threads = job.backend === 'wasm' ? getThreadsCount() : 1;

  const model = buildModel(config);
  const directions = config.bidirectional ? 2 : 1;
  const x = tf.randomUniform([config.batch, config.steps, config.features], -1, 1);
  const y = tf.randomUniform([config.batch, directions * config.units], -0.5, 0.5);
  const results: RunnerResult[] = [];

  // Inference first: peak RSS only grows, so its reading is not inflated by training buffers.
  const infer = async () => {
    // The whole batch in one call, as the other references do (predict defaults to chunks of 32).
    const output = model.predict(x, { batchSize: config.batch }) as tf.Tensor;
    await output.data();
    output.dispose();
  };
  const inference = await timeRuns(infer, job);
  results.push({
    mode: 'infer',
    msPerStep: inference.medianMs,
    runs: inference.runs,
    peakRssMb: peakRssMb(),
    note: inference.note,
  });

  if (!config.inferenceOnly) {
    let loss = 0;
    const trainStep = async () => {
      const value = await model.trainOnBatch(x, y);
      loss = Array.isArray(value) ? value[0] : value;
    };
    const training = await timeRuns(trainStep, job);
    results.push({
      mode: 'train',
      msPerStep: training.medianMs,
      runs: training.runs,
      peakRssMb: peakRssMb(),
      loss,
      note: training.note,
    });
  }
  return { reference: `tfjs-${job.backend}`, version: tf.version.tfjs, threads, results };
}

async function main(): Promise<void> {
  let message: RunnerMessage;
  try {
    const job = JSON.parse(process.argv[2] ?? '') as TfjsJob;
    message = { ok: true, report: await measure(job) };
  } catch (error) {
    message = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (process.send) process.send(message, () => process.exit(0));
  else console.log(JSON.stringify(message));
}

await main();
