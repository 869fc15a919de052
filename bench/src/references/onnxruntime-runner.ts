// Child process measuring ONNX Runtime (onnxruntime-node, CPU execution provider) on one config at
// one thread count, forked by ./onnxruntime.ts. Reads an OnnxruntimeJob as JSON from argv[2];
// sends a RunnerMessage back over the IPC channel.
//
// The model is what a Keras model exported to ONNX runs: x [B, T, D] -> Transpose to ONNX's
// [T, B, D] -> one LSTM / GRU / RNN node (two stacked, or direction "bidirectional") -> the final
// hidden state reshaped to [B, H] (or [B, 2H]). GRU is linear_before_reset = 1 (Keras'
// reset_after). Inference only: ONNX Runtime's training API is not in onnxruntime-node.
// This file must stay free of runtime relative imports: under vitest it is transpiled alone.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { RunnerMessage } from './fork-runner.js';
import type { BenchConfig, Repetitions, RunnerReport } from './types.js';

/** What the parent asks the child to measure. */
export interface OnnxruntimeJob {
  config: BenchConfig;
  threads: number;
  repetitions: Repetitions;
  /** The folder whose node_modules hold onnxruntime-node and onnx-proto. */
  modulesDirectory: string;
}

// The few members of onnxruntime-node and onnx-proto (protobufjs) this runner touches.
interface OrtTensor {
  dims: readonly number[];
}
interface OrtSession {
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
}
interface Ort {
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => OrtTensor;
  InferenceSession: { create(model: Uint8Array, options: object): Promise<OrtSession> };
}
interface ProtoMessage<T> {
  create(properties: T): unknown;
  encode(message: unknown): { finish(): Uint8Array };
}
interface OnnxProto {
  onnx: {
    ModelProto: ProtoMessage<Record<string, unknown>>;
    TensorProto: { DataType: { FLOAT: number; INT64: number } };
    AttributeProto: { AttributeType: { INT: number; INTS: number; STRING: number } };
  };
}

const OPSET = 14;
const IR_VERSION = 8; // the IR version of opsets 14 and 15

function gatesOf(cell: BenchConfig['cell']): number {
  return cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
}

/** The ONNX model for `config`, serialized. Weights are uniform in [-1/sqrt(H), 1/sqrt(H)]. */
function buildModel(config: BenchConfig, proto: OnnxProto): Uint8Array {
  const { onnx } = proto;
  const { FLOAT, INT64 } = onnx.TensorProto.DataType;
  const { INT, INTS, STRING } = onnx.AttributeProto.AttributeType;
  const { batch: B, steps: T, features: D, units: H, cell } = config;
  const G = gatesOf(cell);
  const directions = config.bidirectional ? 2 : 1;
  const scale = 1 / Math.sqrt(H);
  let seed = 1;
  const uniform = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (2 * (seed / 2147483648) - 1) * scale;
  };
  const floats = (name: string, dims: number[]) => {
    const values = new Float32Array(dims.reduce((a, b) => a * b, 1)).map(uniform);
    return { name, dims, dataType: FLOAT, rawData: new Uint8Array(values.buffer) };
  };
  const int64s = (name: string, values: number[]) => ({
    name,
    dims: [values.length],
    dataType: INT64,
    rawData: new Uint8Array(new BigInt64Array(values.map(BigInt)).buffer),
  });
  const initializers: object[] = [];
  const nodes: object[] = [];
  const operator = cell === 'lstm' ? 'LSTM' : cell === 'gru' ? 'GRU' : 'RNN';
  const recurrent = (layer: number, input: string, inputSize: number, outputs: string[]) => {
    const w = `W${layer}`;
    const r = `R${layer}`;
    const b = `B${layer}`;
    initializers.push(
      floats(w, [directions, G * H, inputSize]),
      floats(r, [directions, G * H, H]),
      floats(b, [directions, 2 * G * H]),
    );
    const attribute: object[] = [{ name: 'hidden_size', type: INT, i: H }];
    if (directions === 2) {
      const s = new TextEncoder().encode('bidirectional');
      attribute.push({ name: 'direction', type: STRING, s });
    }
    if (cell === 'gru') attribute.push({ name: 'linear_before_reset', type: INT, i: 1 });
    nodes.push({ opType: operator, input: [input, w, r, b], output: outputs, attribute });
  };
  nodes.push({
    opType: 'Transpose',
    input: ['x'],
    output: ['x_time_major'],
    attribute: [{ name: 'perm', type: INTS, ints: [1, 0, 2] }],
  });
  let last = 'x_time_major';
  let inputSize = D;
  if (config.layers === 2) {
    // Y is [T, directions, B, H]; the next layer reads [T, B, H].
    recurrent(0, last, inputSize, ['y0']);
    initializers.push(int64s('sequence_shape', [0, -1, H]));
    nodes.push({ opType: 'Reshape', input: ['y0', 'sequence_shape'], output: ['y0_flat'] });
    last = 'y0_flat';
    inputSize = H;
  }
  recurrent(1, last, inputSize, ['', 'h_last']);
  // Y_h is [directions, B, H]; Keras' concatenated final states are [B, directions * H].
  nodes.push({
    opType: 'Transpose',
    input: ['h_last'],
    output: ['h_batch_major'],
    attribute: [{ name: 'perm', type: INTS, ints: [1, 0, 2] }],
  });
  initializers.push(int64s('output_shape', [B, directions * H]));
  nodes.push({ opType: 'Reshape', input: ['h_batch_major', 'output_shape'], output: ['h'] });
  const tensorType = (dims: number[]) => ({
    tensorType: { elemType: FLOAT, shape: { dim: dims.map((dimValue) => ({ dimValue })) } },
  });
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    producerName: 'recur-bench',
    opsetImport: [{ domain: '', version: OPSET }],
    graph: {
      name: `${config.name}-${cell}`,
      node: nodes,
      initializer: initializers,
      input: [{ name: 'x', type: tensorType([B, T, D]) }],
      output: [{ name: 'h', type: tensorType([B, directions * H]) }],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

async function measure(job: OnnxruntimeJob): Promise<RunnerReport> {
  const load = createRequire(join(job.modulesDirectory, 'package.json'));
  const ort = load('onnxruntime-node') as Ort;
  const proto = load('onnx-proto') as OnnxProto;
  const { version } = load('onnxruntime-node/package.json') as { version: string };
  const { config, repetitions } = job;
  // ONNX Runtime's defaults but the thread count: its own intra-op pool, sequential execution
  // (one node at a time: the graph is a chain), every graph optimization.
  const session = await ort.InferenceSession.create(buildModel(config, proto), {
    executionProviders: ['cpu'],
    intraOpNumThreads: job.threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const { batch: B, steps: T, features: D } = config;
  const x = new Float32Array(B * T * D).map(() => Math.random() * 2 - 1);
  const feeds = { x: new ort.Tensor('float32', x, [B, T, D]) };
  const run = async () => {
    const output = await session.run(feeds);
    if (output.h.dims[0] !== B) throw new Error(`unexpected output shape ${output.h.dims}`);
  };
  for (let i = 0; i < repetitions.warmup; i++) await run();
  const times: number[] = [];
  const faults = () => {
    const usage = process.resourceUsage();
    return usage.minorPageFault + usage.majorPageFault;
  };
  const faultsBefore = faults();
  const start = performance.now();
  while (
    times.length < repetitions.minRuns ||
    (performance.now() - start < repetitions.minTimeMs && times.length < repetitions.maxRuns)
  ) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  const pageFaultsPerStep = (faults() - faultsBefore) / times.length;
  times.sort((a, b) => a - b);
  return {
    reference: 'onnxruntime',
    version,
    threads: job.threads,
    results: [
      {
        mode: 'infer',
        msPerStep: times[Math.floor(times.length / 2)],
        runs: times.length,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        pageFaultsPerStep,
      },
    ],
  };
}

async function main(): Promise<void> {
  let message: RunnerMessage;
  try {
    const job = JSON.parse(process.argv[2] ?? '') as OnnxruntimeJob;
    message = { ok: true, report: await measure(job) };
  } catch (error) {
    message = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (process.send) process.send(message, () => process.exit(0));
  else console.log(JSON.stringify(message));
}

await main();
