import type { BenchConfig, Repetitions } from './types.js';

/**
 * Warm-up and repetition counts for a runner. Native references (oneDNN, PyTorch) take the median
 * of several runs over at least a second; tfjs is orders of magnitude slower on big configs, so
 * it gets one warm-up and few timed runs (its runner drops to one when the warm-up was slow).
 */
export function repetitionsFor(
  kind: 'native' | 'tfjs',
  config: BenchConfig,
  quick: boolean,
): Repetitions {
  if (kind === 'tfjs') {
    return { warmup: 1, minRuns: quick ? 2 : 3, maxRuns: quick ? 2 : 20, minTimeMs: 0 };
  }
  if (quick) return { warmup: 1, minRuns: 3, maxRuns: 200, minTimeMs: 150 };
  // Streaming calls are microseconds long: many runs make a stable median.
  const minTimeMs = config.inferenceOnly ? 2000 : 1000;
  return { warmup: 2, minRuns: 5, maxRuns: 5000, minTimeMs };
}
