import { formatNumber, markdownTable } from './harness.js';
import type { RecurRow } from './recur-rows.js';
import type { BenchConfig, ReferenceRow } from './references/types.js';
import { pairedRatio, type Spread, spreadOf } from './summary.js';

type Measured = { samplesPerSecond: number; threads: number; repetition?: number };

/** The fastest row of a list (best thread count), or null. */
function best<Row extends Measured>(list: Row[]): Row | null {
  return list.reduce<Row | null>(
    (b, r) => (!b || r.samplesPerSecond > b.samplesPerSecond ? r : b),
    null,
  );
}

const inPass = (pass: number) => (row: { repetition?: number }) => (row.repetition ?? 0) === pass;

function formatRatio(ratio: Spread | null): string {
  if (!ratio) return 'n/a';
  const value = `${formatNumber(ratio.median, 2)}x`;
  return ratio.count > 1
    ? `${value} [${formatNumber(ratio.min, 2)}-${formatNumber(ratio.max, 2)}]`
    : value;
}

function formatThroughput(values: number[], threads?: number): string {
  if (values.length === 0) return 'n/a';
  const spread = spreadOf(values);
  const suffix = threads === undefined ? '' : ` (${threads}t)`;
  return `${formatNumber(spread.median)}${suffix}`;
}

/** The (config, mode) pairs of the configs in report order, once each. */
function configModes(
  configs: BenchConfig[],
): Array<{ config: BenchConfig; mode: 'train' | 'infer' }> {
  const seen = new Set<string>();
  const pairs: Array<{ config: BenchConfig; mode: 'train' | 'infer' }> = [];
  for (const config of configs) {
    for (const mode of ['train', 'infer'] as const) {
      const id = `${config.name}|${config.cell}|${mode}`;
      if (seen.has(id) || (config.inferenceOnly && mode === 'train')) continue;
      seen.add(id);
      pairs.push({ config, mode });
    }
  }
  return pairs;
}

const matches =
  (config: BenchConfig, mode: string) =>
  (
    row: Omit<Measured, 'threads'> & {
      config: string;
      cell: string;
      mode: string;
    },
  ) =>
    row.config === config.name && row.cell === config.cell && row.mode === mode;

/**
 * For each config and mode, recur's best native row (model API), the best row of each reference
 * (best thread count in each pass), and recur's speed relative to each (above 1 = recur faster):
 * the median over the passes of the ratio inside each pass, with its range when there are several.
 */
export function comparisonTable(
  configs: BenchConfig[],
  recur: RecurRow[],
  references: ReferenceRow[],
  passes: number,
): string {
  const header = [
    'config',
    'mode',
    'recur native',
    'recur TS',
    'oneDNN',
    'ONNX Runtime',
    'PyTorch',
    'tfjs-wasm',
    'tfjs-cpu',
    'vs oneDNN',
    'vs ONNX Runtime',
    'vs PyTorch',
    'vs tfjs-wasm',
    'TS vs tfjs-wasm',
  ];
  const rows: string[][] = [];
  for (const { config, mode } of configModes(configs)) {
    const ours = recur.filter((r) => r.level === 'model' && matches(config, mode)(r));
    const native = (pass: number) =>
      best(ours.filter((r) => r.backend === 'native' && inPass(pass)(r)));
    const ts = (pass: number) => best(ours.filter((r) => r.backend === 'ts' && inPass(pass)(r)));
    const reference = (name: string) => (pass: number) =>
      best(
        references.filter(
          (r) => r.reference === name && matches(config, mode)(r) && inPass(pass)(r),
        ),
      );
    const series = (pick: (pass: number) => Measured | null) =>
      Array.from({ length: passes }, (_, pass) => pick(pass)).filter(
        (row): row is Measured => row !== null,
      );
    const cell = (pick: (pass: number) => Measured | null) => {
      const measured = series(pick);
      return formatThroughput(
        measured.map((r) => r.samplesPerSecond),
        measured.length > 0 ? best(measured)?.threads : undefined,
      );
    };
    const ratio = (a: (pass: number) => Measured | null, b: (pass: number) => Measured | null) =>
      formatRatio(
        pairedRatio(
          passes,
          (pass) => a(pass)?.samplesPerSecond ?? null,
          (pass) => b(pass)?.samplesPerSecond ?? null,
        ),
      );
    if (
      series(native).length === 0 &&
      series(reference('onednn')).length === 0 &&
      series(ts).length === 0
    )
      continue;
    rows.push([
      config.name,
      `${config.cell} ${mode}`,
      cell(native),
      cell(ts),
      cell(reference('onednn')),
      cell(reference('onnxruntime')),
      cell(reference('pytorch')),
      cell(reference('tfjs-wasm')),
      cell(reference('tfjs-cpu')),
      ratio(native, reference('onednn')),
      ratio(native, reference('onnxruntime')),
      ratio(native, reference('pytorch')),
      ratio(native, reference('tfjs-wasm')),
      ratio(ts, reference('tfjs-wasm')),
    ]);
  }
  return markdownTable(header, rows);
}

/**
 * Like for like, one thread count at a time: recur's native model-API and kernel rows against
 * oneDNN and ONNX Runtime at the same threads, and the model API relative to the kernel ops (the
 * fixed costs of the model path). Ratios are medians over the passes, ranges when several.
 */
export function likeForLikeTable(
  configs: BenchConfig[],
  recur: RecurRow[],
  references: ReferenceRow[],
  passes: number,
): string {
  const header = [
    'config',
    'mode',
    'threads',
    'recur model',
    'recur kernel',
    'oneDNN',
    'ONNX Runtime',
    'model vs oneDNN',
    'model vs ONNX Runtime',
    'model vs kernel',
  ];
  const rows: string[][] = [];
  for (const { config, mode } of configModes(configs)) {
    const threadCounts = [
      ...new Set(
        recur
          .filter((r) => r.backend === 'native' && matches(config, mode)(r))
          .map((r) => r.threads),
      ),
    ].sort((a, b) => a - b);
    for (const threads of threadCounts) {
      const throughput = (list: Measured[]) => (pass: number) =>
        list.find(inPass(pass))?.samplesPerSecond ?? null;
      const ours = (level: 'model' | 'kernel') =>
        recur.filter(
          (r) =>
            r.backend === 'native' &&
            r.level === level &&
            r.threads === threads &&
            matches(config, mode)(r),
        );
      const theirs = (name: string) =>
        references.filter(
          (r) => r.reference === name && r.threads === threads && matches(config, mode)(r),
        );
      const values = (list: Measured[]) => list.map((r) => r.samplesPerSecond);
      const model = ours('model');
      const ratio = (other: Measured[]) =>
        formatRatio(pairedRatio(passes, throughput(model), throughput(other)));
      rows.push([
        config.name,
        `${config.cell} ${mode}`,
        String(threads),
        formatThroughput(values(model)),
        formatThroughput(values(ours('kernel'))),
        formatThroughput(values(theirs('onednn'))),
        formatThroughput(values(theirs('onnxruntime'))),
        ratio(theirs('onednn')),
        ratio(theirs('onnxruntime')),
        ratio(ours('kernel')),
      ]);
    }
  }
  return markdownTable(header, rows);
}

const spreadCell = (spread: Spread) =>
  spread.count > 1 ? `${formatNumber(spread.min)}-${formatNumber(spread.max)}` : '';

/**
 * Every recur row (medians over the passes): level, backend, threads, time, throughput and its
 * range over the passes, GFLOP/s, % of the sgemm peak, page faults per step, peak RSS.
 */
export function recurTable(
  rows: Array<RecurRow & { samplesPerSecondSpread: Spread }>,
  peakGflops: number | null,
): string {
  return markdownTable(
    [
      'config',
      'cell',
      'level',
      'mode',
      'backend',
      'threads',
      'ms/step',
      'samples/s',
      'range',
      'GFLOP/s',
      '% sgemm peak',
      'us/time step',
      'faults/step',
      'peak RSS MB',
    ],
    rows.map((r) => [
      r.config,
      r.cell,
      r.level,
      r.mode,
      r.backend,
      String(r.threads),
      formatNumber(r.msPerStep),
      formatNumber(r.samplesPerSecond),
      spreadCell(r.samplesPerSecondSpread),
      formatNumber(r.gflops),
      peakGflops ? `${formatNumber((100 * r.gflops) / peakGflops, 2)}%` : 'n/a',
      formatNumber(r.microsecondsPerTimeStep),
      formatNumber(r.pageFaultsPerStep),
      formatNumber(r.peakRssMb),
    ]),
  );
}

/** Every reference row (medians over the passes). */
export function referenceTable(
  rows: Array<ReferenceRow & { samplesPerSecondSpread: Spread }>,
): string {
  return markdownTable(
    [
      'reference',
      'config',
      'cell',
      'mode',
      'threads',
      'ms/step',
      'samples/s',
      'range',
      'us/time step',
      'faults/step',
      'peak RSS MB',
      'note',
    ],
    rows.map((r) => [
      r.reference,
      r.config,
      r.cell,
      r.mode,
      String(r.threads),
      formatNumber(r.msPerStep),
      formatNumber(r.samplesPerSecond),
      spreadCell(r.samplesPerSecondSpread),
      r.microsecondsPerTimeStep === undefined ? '' : formatNumber(r.microsecondsPerTimeStep),
      r.pageFaultsPerStep === undefined ? '' : formatNumber(r.pageFaultsPerStep),
      r.peakRssMb === undefined ? '' : formatNumber(r.peakRssMb),
      r.note ?? '',
    ]),
  );
}
