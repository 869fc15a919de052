import { loadNative, setNumThreads } from '@recur/native';
import { gru, lstm, noGrad, randomNormal, setBackend, simpleRnn, type Tensor } from '@recur/tensor';
import { formatNumber, markdownTable, measure } from './harness.js';
import { forwardFlops, gatesOf, KERNEL_CONFIGS, type KernelConfig } from './kernel-configs.js';

export interface KernelRow {
  config: string;
  cell: string;
  backend: 'native' | 'ts';
  threads: number;
  mode: 'train' | 'infer';
  msPerStep: number;
  samplesPerSecond: number;
  gflops: number;
  microsecondsPerTimeStep: number;
}

function buildInputs(config: KernelConfig) {
  const { batch: B, steps: T, features: D, units: H } = config;
  const G = gatesOf(config.cell);
  const scale = 1 / Math.sqrt(H);
  return {
    x: randomNormal([B, T, D], { seed: 1 }),
    kernel: randomNormal([D, G * H], { stddev: scale, seed: 2, requiresGrad: true }),
    recurrentKernel: randomNormal([H, G * H], { stddev: scale, seed: 3, requiresGrad: true }),
    bias: randomNormal(config.cell === 'gru' ? [2, G * H] : [G * H], {
      stddev: 0.1,
      seed: 4,
      requiresGrad: true,
    }),
  };
}

function run(config: KernelConfig, inputs: ReturnType<typeof buildInputs>) {
  const { x, kernel, recurrentKernel, bias } = inputs;
  if (config.cell === 'lstm') return lstm(x, kernel, recurrentKernel, bias);
  if (config.cell === 'gru') return gru(x, kernel, recurrentKernel, bias);
  return simpleRnn(x, kernel, recurrentKernel, bias);
}

/**
 * The fused kernels through the tensor ops, no layers: a training step is forward (keeping the
 * workspace) + backward from the final state to every weight; inference is the forward pass alone.
 */
export function runKernelBench(options: { quick: boolean; includeTs: boolean }): {
  rows: KernelRow[];
  markdown: string;
} {
  const configs = options.quick
    ? KERNEL_CONFIGS.filter((c) => c.name === 'ts-small' || c.name === 'stream-b1')
    : KERNEL_CONFIGS;
  const rows: KernelRow[] = [];
  const native = loadNative().binding !== null;
  const variants: Array<{ backend: 'native' | 'ts'; threads: number }> = [];
  if (native) variants.push({ backend: 'native', threads: 1 }, { backend: 'native', threads: 2 });
  if (options.includeTs) variants.push({ backend: 'ts', threads: 1 });
  for (const config of configs) {
    const inputs = buildInputs(config);
    const flops = forwardFlops(config);
    for (const variant of variants) {
      // The TS backend on the big configs takes minutes per step; it is measured on the small ones.
      if (variant.backend === 'ts' && flops > 5e9) continue;
      setBackend(variant.backend === 'native' ? 'native' : 'js');
      if (variant.backend === 'native') setNumThreads(variant.threads);
      const timing = {
        minTimeMs: options.quick ? 150 : 1000,
        minRuns: options.quick ? 2 : 3,
        warmup: 1,
      };
      const modes: Array<'train' | 'infer'> = config.inferenceOnly ? ['infer'] : ['train', 'infer'];
      for (const mode of modes) {
        const step =
          mode === 'train'
            ? () => {
                for (const w of [inputs.kernel, inputs.recurrentKernel, inputs.bias]) w.zeroGrad();
                const { h } = run(config, inputs);
                (h as Tensor).backward(h.detach().mul(0).add(1));
              }
            : () => {
                noGrad(() => run(config, inputs));
              };
        const { medianMs } = measure(step, timing);
        const counted = mode === 'train' ? 3 * flops : flops;
        rows.push({
          config: config.name,
          cell: config.cell,
          backend: variant.backend,
          threads: variant.threads,
          mode,
          msPerStep: medianMs,
          samplesPerSecond: (config.batch * 1000) / medianMs,
          gflops: counted / medianMs / 1e6,
          microsecondsPerTimeStep: (medianMs * 1000) / config.steps,
        });
      }
    }
  }
  if (native) setNumThreads(2);
  setBackend(native ? 'native' : 'js');
  const markdown = markdownTable(
    [
      'config',
      'cell',
      'mode',
      'backend',
      'threads',
      'ms/step',
      'samples/s',
      'GFLOP/s',
      'us/time step',
    ],
    rows.map((r) => [
      r.config,
      r.cell,
      r.mode,
      r.backend,
      String(r.threads),
      formatNumber(r.msPerStep),
      formatNumber(r.samplesPerSecond),
      formatNumber(r.gflops),
      formatNumber(r.microsecondsPerTimeStep),
    ]),
  );
  return { rows, markdown };
}
