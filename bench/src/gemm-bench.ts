import { backendInfo, getBackend, Random, setBackend, setNumThreads } from '@recur/tensor';
// The backend objects, to time the kernels without the op around them (a private subpath).
import { jsBackend, nativeBackend } from '@recur/tensor/internal';
import { formatNumber, markdownTable, measure } from './harness.js';

export interface GemmRow {
  shape: string;
  backend: string;
  threads: number | null;
  ms: number;
  gflops: number;
}

const FULL_SHAPES: Array<[number, number, number]> = [
  [64, 64, 64],
  [256, 256, 256],
  [32, 1024, 256],
  [512, 512, 512],
  [1024, 1024, 1024],
];
const QUICK_SHAPES: Array<[number, number, number]> = [
  [64, 64, 64],
  [256, 256, 256],
];

/**
 * GFLOP/s of the TS backend's GEMM and the addon's sgemm (1 and 2 threads) on the same inputs.
 * The 1024^3 native figure is the machine's sgemm peak that other suites report against.
 */
export function runGemmBench(quick: boolean): {
  rows: GemmRow[];
  markdown: string;
  peakGflops: number | null;
} {
  const random = new Random(1);
  const rows: GemmRow[] = [];
  const native = backendInfo().native.loaded;
  const previous = getBackend();
  if (native) setBackend('native');
  for (const [m, n, k] of quick ? QUICK_SHAPES : FULL_SHAPES) {
    const a = Float32Array.from({ length: m * k }, () => random.uniform() - 0.5);
    const b = Float32Array.from({ length: k * n }, () => random.uniform() - 0.5);
    const c = new Float32Array(m * n);
    const flops = 2 * m * n * k;
    const shape = `${m}x${n}x${k}`;
    const options = { minTimeMs: quick ? 100 : 400, minRuns: 3 };
    // The TS kernel at 1024^3 takes seconds per call; measure it up to 512.
    if (m * n * k <= 512 ** 3) {
      const ts = measure(
        () =>
          jsBackend.gemm({
            transposeA: false,
            transposeB: false,
            m,
            n,
            k,
            alpha: 1,
            a,
            b,
            beta: 0,
            c,
          }),
        options,
      );
      rows.push({
        shape,
        backend: 'ts',
        threads: null,
        ms: ts.medianMs,
        gflops: flops / ts.medianMs / 1e6,
      });
    }
    if (native) {
      for (const threads of [1, 2]) {
        setNumThreads(threads);
        const gemmArguments = {
          transposeA: false,
          transposeB: false,
          m,
          n,
          k,
          alpha: 1,
          a,
          b,
          beta: 0,
          c,
        };
        // The native backend's gemm: the validated wrapper over the addon's sgemm that matmul calls.
        const result = measure(() => nativeBackend.gemm(gemmArguments), options);
        rows.push({
          shape,
          backend: 'native',
          threads,
          ms: result.medianMs,
          gflops: flops / result.medianMs / 1e6,
        });
      }
    }
  }
  if (native) setNumThreads(2);
  setBackend(previous);
  const peak = rows
    .filter((r) => r.backend === 'native')
    .reduce((best, r) => Math.max(best, r.gflops), 0);
  const tsRow = (shape: string) => rows.find((r) => r.shape === shape && r.backend === 'ts');
  const markdown = markdownTable(
    ['shape (m x n x k)', 'backend', 'threads', 'ms', 'GFLOP/s', 'vs TS'],
    rows.map((r) => {
      const ts = tsRow(r.shape);
      return [
        r.shape,
        r.backend,
        r.threads === null ? '1' : String(r.threads),
        formatNumber(r.ms),
        formatNumber(r.gflops),
        ts ? `${formatNumber(r.gflops / ts.gflops)}x` : 'n/a',
      ];
    }),
  );
  return { rows, markdown, peakGflops: native ? peak : null };
}
