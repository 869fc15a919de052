// Random.fillNormal's Box-Muller transform cut into tasks for the thread pool (parallel/): the
// draws of the uniforms stay sequential on the calling thread (the generator's state is a chain),
// the logarithm, square root, cosine and sine of each pair (~80 ns a pair, nine tenths of the
// time) are independent. The same expressions as Random.normal, so the bits do not depend on the
// thread that computed them.

/** Pairs per task: 2^16 pairs (~5 ms) keep the claims rare and the shares even. */
export const BOX_MULLER_PAIRS = 65_536;

/**
 * `pairs` pairs starting at `values[start]`, each holding the uniforms (u, v), replaced in place by
 * the normals (sqrt(-2 ln u) cos(2 pi v), sqrt(-2 ln u) sin(2 pi v)).
 */
export interface BoxMullerTask {
  kind: 'box-muller';
  values: Float64Array;
  start: number;
  pairs: number;
}

export function boxMullerTaskCount(job: BoxMullerTask): number {
  return Math.ceil(job.pairs / BOX_MULLER_PAIRS);
}

export function boxMullerTask({ values, start, pairs }: BoxMullerTask, task: number): void {
  const first = task * BOX_MULLER_PAIRS;
  const end = start + 2 * Math.min(pairs, first + BOX_MULLER_PAIRS);
  for (let i = start + 2 * first; i < end; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(values[i]));
    const angle = 2 * Math.PI * values[i + 1];
    values[i] = radius * Math.cos(angle);
    values[i + 1] = radius * Math.sin(angle);
  }
}
