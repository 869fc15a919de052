import { formatNumber, markdownTable } from './harness.js';
import type { RecurRow } from './recur-rows.js';
import type { BenchConfig, ReferenceRow } from './references/types.js';

const key = (config: string, cell: string, mode: string) => `${config}|${cell}|${mode}`;

/**
 * The comparison table: for each config and mode, recur's best native row (model API), the best
 * row of each reference, and recur's speed relative to each (above 1 = recur faster).
 */
export function comparisonTable(
  configs: BenchConfig[],
  recur: RecurRow[],
  references: ReferenceRow[],
): string {
  const header = [
    'config',
    'mode',
    'recur native',
    'recur TS',
    'oneDNN',
    'PyTorch',
    'tfjs-wasm',
    'tfjs-cpu',
    'vs oneDNN',
    'vs PyTorch',
    'vs tfjs-wasm',
    'TS vs tfjs-wasm',
  ];
  const rows: string[][] = [];
  const best = (list: { samplesPerSecond: number; threads: number }[]) =>
    list.reduce<{ samplesPerSecond: number; threads: number } | null>(
      (b, r) => (!b || r.samplesPerSecond > b.samplesPerSecond ? r : b),
      null,
    );
  const seen = new Set<string>();
  for (const config of configs) {
    for (const mode of ['train', 'infer'] as const) {
      const id = key(config.name, config.cell, mode);
      if (seen.has(id)) continue;
      seen.add(id);
      const ours = recur.filter(
        (r) =>
          r.level === 'model' &&
          r.config === config.name &&
          r.cell === config.cell &&
          r.mode === mode,
      );
      const native = best(ours.filter((r) => r.backend === 'native'));
      const ts = best(ours.filter((r) => r.backend === 'ts'));
      const reference = (name: string) =>
        best(
          references.filter(
            (r) =>
              r.reference === name &&
              r.config === config.name &&
              r.cell === config.cell &&
              r.mode === mode,
          ),
        );
      const onednn = reference('onednn');
      const pytorch = reference('pytorch');
      const wasm = reference('tfjs-wasm');
      const cpu = reference('tfjs-cpu');
      if (!native && !onednn && !ts) continue;
      const cell = (r: { samplesPerSecond: number; threads: number } | null) =>
        r ? `${formatNumber(r.samplesPerSecond)} (${r.threads}t)` : 'n/a';
      const ratio = (
        a: { samplesPerSecond: number } | null,
        b: { samplesPerSecond: number } | null,
      ) => (a && b ? `${formatNumber(a.samplesPerSecond / b.samplesPerSecond, 2)}x` : 'n/a');
      rows.push([
        config.name,
        `${config.cell} ${mode}`,
        cell(native),
        cell(ts),
        cell(onednn),
        cell(pytorch),
        cell(wasm),
        cell(cpu),
        ratio(native, onednn),
        ratio(native, pytorch),
        ratio(native, wasm),
        ratio(ts, wasm),
      ]);
    }
  }
  return markdownTable(header, rows);
}

/** Every recur row: level, backend, threads, time, throughput, GFLOP/s, % of the sgemm peak, RSS. */
export function recurTable(rows: RecurRow[], peakGflops: number | null): string {
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
      'GFLOP/s',
      '% sgemm peak',
      'us/time step',
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
      formatNumber(r.gflops),
      peakGflops ? `${formatNumber((100 * r.gflops) / peakGflops, 2)}%` : 'n/a',
      formatNumber(r.microsecondsPerTimeStep),
      formatNumber(r.peakRssMb),
    ]),
  );
}

export function referenceTable(rows: ReferenceRow[]): string {
  return markdownTable(
    [
      'reference',
      'config',
      'cell',
      'mode',
      'threads',
      'ms/step',
      'samples/s',
      'us/time step',
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
      r.microsecondsPerTimeStep === undefined ? '' : formatNumber(r.microsecondsPerTimeStep),
      r.peakRssMb === undefined ? '' : formatNumber(r.peakRssMb),
      r.note ?? '',
    ]),
  );
}
