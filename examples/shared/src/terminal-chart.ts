import asciichart from 'asciichart';

export interface TerminalChartOptions {
  height?: number;
  /** Columns available for the plot (series are resampled to fit). */
  width?: number;
  /** One label per series, printed as a legend line. */
  labels?: string[];
}

const COLORS = [
  asciichart.blue,
  asciichart.green,
  asciichart.red,
  asciichart.yellow,
  asciichart.magenta,
];

/** Averages a series down to `width` points so it fits the terminal. */
function resample(series: readonly number[], width: number): number[] {
  if (series.length <= width) return [...series];
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    const from = Math.floor((i * series.length) / width);
    const to = Math.max(from + 1, Math.floor(((i + 1) * series.length) / width));
    let sum = 0;
    for (let k = from; k < to; k++) sum += series[k];
    out.push(sum / (to - from));
  }
  return out;
}

/**
 * A line chart for the console (asciichart), several series of equal length in colour with a
 * legend (asciichart cannot draw gaps, so series must cover the same points).
 *
 * @example
 * ```ts
 * import { terminalChart } from '@recur/examples-shared';
 * console.log(terminalChart([[1, 2, 3, 2], [1, 2.5, 2.5, 2]], { labels: ['actual', 'predicted'] }));
 * ```
 */
export function terminalChart(
  series: readonly (readonly number[])[],
  options: TerminalChartOptions = {},
): string {
  const width = options.width ?? Math.min(100, (process.stdout.columns ?? 100) - 14);
  const length = series[0]?.length ?? 0;
  if (
    length === 0 ||
    series.some((s) => s.length !== length || s.some((v) => !Number.isFinite(v)))
  ) {
    throw new RangeError(
      `terminalChart: expected non-empty series of equal length with finite values, received lengths ${series.map((s) => s.length).join(', ')}`,
    );
  }
  const plotted = series.map((s) => resample(s, width));
  const chart = asciichart.plot(plotted, {
    height: options.height ?? 12,
    colors: COLORS.slice(0, plotted.length),
  });
  if (!options.labels) return chart;
  const legend = options.labels
    .map((label, i) => `${COLORS[i % COLORS.length]}━━${asciichart.reset} ${label}`)
    .join('   ');
  return `${chart}\n${' '.repeat(12)}${legend}`;
}
