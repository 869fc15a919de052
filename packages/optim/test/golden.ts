// Reads optimizer-golden.json (written by golden/generate-optimizer-golden.py) and runs the two
// golden problems with an optimizer of this package.
import { readFileSync } from 'node:fs';
import type { Optimizer, SerializedObject } from '@recur/optim';
import { type DType, type Tensor, tensor } from '@recur/tensor';

export interface OptimizerCase {
  name: string;
  className: string;
  config: Record<string, unknown>;
  quadratic: number[][];
  fixed: number[][];
  pytorch: { how: string; quadratic: number[][]; fixed: number[][]; maxAbsDifference: number };
}

interface Problems {
  quadratic: {
    steps: number;
    shapes: number[][];
    a: number[][];
    c: number[][];
    initial: number[][];
  };
  fixed: {
    steps: number;
    shapes: number[][];
    initial: number[][];
    gradients: (number[] | null)[][];
  };
}

export const golden = JSON.parse(
  readFileSync(new URL('./golden/optimizer-golden.json', import.meta.url), 'utf8'),
) as {
  problems: Problems;
  cases: OptimizerCase[];
  schedules: { name: string; config: SerializedObject; steps: number[]; values: number[] }[];
};

export type Problem = 'quadratic' | 'fixed';

/** Fresh parameters of a problem (leaves that require gradients). */
export function initialParams(problem: Problem, dtype: DType): Tensor[] {
  const p = golden.problems[problem];
  return p.initial.map((values, k) => tensor(values, p.shapes[k], { dtype, requiresGrad: true }));
}

/**
 * One step of a problem: the quadratic's gradient comes from autograd on
 * `sum_k 0.5 * sum(a_k * (p_k - c_k)^2)`; the fixed problem's from the file (null = skipped).
 */
export function step(
  problem: Problem,
  optimizer: Optimizer,
  params: Tensor[],
  index: number,
): void {
  const dtype = params[0].dtype;
  if (problem === 'quadratic') {
    const q = golden.problems.quadratic;
    for (const p of params) p.zeroGrad();
    let loss: Tensor | null = null;
    params.forEach((p, k) => {
      const a = tensor(q.a[k], q.shapes[k], { dtype });
      const c = tensor(q.c[k], q.shapes[k], { dtype });
      const term = a.mul(p.sub(c).square()).sum().mul(0.5);
      loss = loss === null ? term : loss.add(term);
    });
    (loss as unknown as Tensor).backward();
    optimizer.apply(params);
  } else {
    const f = golden.problems.fixed;
    const gradients = f.gradients[index].map((g, k) =>
      g === null ? null : tensor(g, f.shapes[k], { dtype }),
    );
    optimizer.apply(params, gradients);
  }
}

/** Flattened parameter values after each of `steps` steps. */
export function trajectory(problem: Problem, optimizer: Optimizer, dtype: DType): number[][] {
  const params = initialParams(problem, dtype);
  const out: number[][] = [];
  for (let i = 0; i < golden.problems[problem].steps; i++) {
    step(problem, optimizer, params, i);
    out.push(params.flatMap((p) => Array.from(p.data)));
  }
  return out;
}

export function maxAbsDifference(a: number[][], b: number[][]): number {
  let worst = 0;
  a.forEach((row, i) => {
    row.forEach((x, j) => {
      worst = Math.max(worst, Math.abs(x - b[i][j]));
    });
  });
  return worst;
}
