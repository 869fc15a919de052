// Timing helpers: warm up, then repeat until both a minimum time and a minimum run count are
// reached, and report the median (robust to a stray slow run on a shared VM).

export interface Measurement {
  medianMs: number;
  runs: number;
  /** Minor and major page faults of the process per timed run (warm-up excluded). */
  pageFaultsPerRun: number;
}

function pageFaults(): number {
  const usage = process.resourceUsage();
  return usage.minorPageFault + usage.majorPageFault;
}

export interface MeasureOptions {
  minTimeMs?: number;
  minRuns?: number;
  warmup?: number;
}

export function measure(run: () => void, options: MeasureOptions = {}): Measurement {
  const { minTimeMs = 300, minRuns = 5, warmup = 2 } = options;
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  const faultsBefore = pageFaults();
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < minTimeMs) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
    if (times.length > 10_000) break;
  }
  const pageFaultsPerRun = (pageFaults() - faultsBefore) / times.length;
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], runs: times.length, pageFaultsPerRun };
}

export async function measureAsync(
  run: () => Promise<void>,
  options: MeasureOptions = {},
): Promise<Measurement> {
  const { minTimeMs = 300, minRuns = 5, warmup = 2 } = options;
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  const faultsBefore = pageFaults();
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < minTimeMs) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  const pageFaultsPerRun = (pageFaults() - faultsBefore) / times.length;
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], runs: times.length, pageFaultsPerRun };
}

/** A markdown table from rows of cells. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  // Integers from `digits` digits up (toPrecision would switch to exponent notation: 1.0e+2).
  if (Math.abs(value) >= Math.min(1000, 10 ** digits))
    return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(digits);
}
