import type { ProcessOutput } from './run-process.js';
import type { RunnerReport } from './types.js';

/**
 * The runner's JSON report: the last stdout line that parses as an object with results (libraries
 * may print banners before it).
 */
export function parseRunnerReport(stdout: string): RunnerReport {
  const lines = stdout.trim().split('\n').reverse();
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    try {
      const value = JSON.parse(line) as RunnerReport;
      if (Array.isArray(value.results)) return value;
    } catch {
      // not the report; keep looking
    }
  }
  throw new Error(`no JSON report in runner output: ${excerpt(stdout)}`);
}

/** A one-line reason for a failed runner process, from the end of its stderr. */
export function failureReason(output: ProcessOutput): string {
  const how = output.signal ? `killed by ${output.signal}` : `exit code ${output.code}`;
  const detail = excerpt(output.stderr || output.stdout);
  return detail ? `${how}: ${detail}` : how;
}

function excerpt(text: string): string {
  const lines = text
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const last = lines.slice(-2).join(' | ');
  return last.length > 300 ? `${last.slice(0, 300)}...` : last;
}
