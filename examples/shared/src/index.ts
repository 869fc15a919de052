/**
 * Helpers shared by recur's examples (private workspace).
 *
 * @packageDocumentation
 */
export {
  type ChartSeries,
  type LineChartOptions,
  renderLineChart,
  writeLineChart,
} from './svg-line-chart.js';
export { terminalChart, type TerminalChartOptions } from './terminal-chart.js';
export { readFlags } from './flags.js';
