import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';

export interface ChartSeries {
  name: string;
  points: { x: number | Date; y: number }[];
  /** Dashed line (forecasts, baselines). */
  dashed?: boolean;
}

export interface LineChartOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  series: ChartSeries[];
  width?: number;
  height?: number;
  /** Start the y axis at zero (default: fit the data). */
  yFromZero?: boolean;
  /** Logarithmic y axis (training losses). */
  logY?: boolean;
  /** One colour per series (default: Vega's category palette). */
  colors?: string[];
}

/**
 * Renders a multi-series line chart to an SVG string: a Vega-Lite spec compiled to Vega and
 * rendered headless by Vega's own SVG renderer (no browser, no native canvas).
 */
export async function renderLineChart(options: LineChartOptions): Promise<string> {
  const temporal = options.series.some((s) => s.points.some((p) => p.x instanceof Date));
  const values = options.series.flatMap((s) =>
    s.points.map((p) => ({
      x: p.x instanceof Date ? p.x.toISOString() : p.x,
      y: p.y,
      series: s.name,
      dashed: s.dashed === true,
    })),
  );
  const spec: vegaLite.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title,
    width: options.width ?? 720,
    height: options.height ?? 320,
    data: { values },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'x', type: temporal ? 'temporal' : 'quantitative', title: options.xTitle },
      y: {
        field: 'y',
        type: 'quantitative',
        title: options.yTitle,
        scale: options.logY ? { type: 'log' } : { zero: options.yFromZero ?? false },
      },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        sort: options.series.map((s) => s.name),
        legend: { labelLimit: 400 },
        ...(options.colors
          ? { scale: { domain: options.series.map((s) => s.name), range: options.colors } }
          : {}),
      },
      strokeDash: {
        field: 'dashed',
        type: 'nominal',
        legend: null,
        scale: {
          domain: [false, true],
          range: [
            [1, 0],
            [5, 3],
          ],
        },
      },
    },
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}

/**
 * Renders a line chart and writes it as an SVG file (creating the folder).
 *
 * @example
 * ```ts
 * import { writeLineChart } from '@recur/examples-shared';
 * await writeLineChart('out/loss.svg', { title: 'Loss', xTitle: 'epoch', yTitle: 'MSE', series: [{ name: 'train', points: [{ x: 1, y: 0.5 }, { x: 2, y: 0.2 }] }] });
 * ```
 */
export async function writeLineChart(path: string, options: LineChartOptions): Promise<void> {
  const svg = await renderLineChart(options);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, svg);
}
