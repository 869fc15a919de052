import type { BenchConfig, ReferenceName, ReferenceRow, RunnerReport } from './types.js';

/** Turns a runner's report for one config into result rows with derived throughput figures. */
export function reportRows(
  reference: ReferenceName,
  config: BenchConfig,
  report: RunnerReport,
  note: string,
): ReferenceRow[] {
  return report.results.map((result) => {
    const microsecondsPerTimeStep = (result.msPerStep * 1000) / config.steps;
    const streamingNote = config.inferenceOnly
      ? `${microsecondsPerTimeStep.toPrecision(3)} us per time step`
      : '';
    return {
      reference,
      config: config.name,
      cell: config.cell,
      mode: result.mode,
      threads: report.threads,
      msPerStep: result.msPerStep,
      samplesPerSecond: config.batch / (result.msPerStep / 1000),
      microsecondsPerTimeStep,
      peakRssMb: result.peakRssMb,
      pageFaultsPerStep: result.pageFaultsPerStep,
      note: [streamingNote, note, result.note, `${result.runs} runs`]
        .filter((part) => part)
        .join('; '),
    };
  });
}
