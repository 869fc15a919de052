import type { FloatArray } from '../../../dtype.js';
import { type RecurrentProblem, recurrentWorkspaceLayout } from '../../recurrent-kernels.js';

/** A zeroed array of the same float type as `like`. */
export function blankLike<T extends FloatArray>(like: T, length: number): T {
  return (like instanceof Float32Array ? new Float32Array(length) : new Float64Array(length)) as T;
}

/** The `index`-th run of `width` elements: a step's `[B, H]` block, or one batch row of it. */
export function block<T extends FloatArray>(array: T, index: number, width: number): T {
  return array.subarray(index * width, (index + 1) * width) as T;
}

/** The sections of the training workspace (see RecurrentWorkspaceLayout) as views; a fresh one
 *  when none is given (inference still runs the same steps, into a workspace it then drops). */
export function workspaceSections<T extends FloatArray>(
  problem: RecurrentProblem<T>,
  given: T | null,
) {
  const { cell, batch, steps, inputSize, units } = problem;
  const layout = recurrentWorkspaceLayout(cell, batch, steps, inputSize, units);
  const workspace = given ?? blankLike(problem.x, layout.size);
  return {
    inputs: workspace.subarray(layout.inputs, layout.gates) as T,
    gates: workspace.subarray(layout.gates, layout.states) as T,
    states: workspace.subarray(layout.states, layout.cells) as T,
    cells: workspace.subarray(layout.cells, layout.extra) as T,
    extra: workspace.subarray(layout.extra, layout.size) as T,
  };
}

/** `inputs[s*B + b] = x[b, t(s)]`: time-major rows in processing order. */
export function timeMajorInputs(
  x: FloatArray,
  B: number,
  T: number,
  D: number,
  goBackwards: boolean,
  inputs: FloatArray,
): void {
  for (let s = 0; s < T; s++) {
    const t = goBackwards ? T - 1 - s : s;
    for (let b = 0; b < B; b++)
      inputs.set(x.subarray((b * T + t) * D, (b * T + t + 1) * D), (s * B + b) * D);
  }
}

/** Adds `vector[offset .. offset+columns)` to each of `rows` rows of `matrix`. */
export function addRowVector(
  matrix: FloatArray,
  rows: number,
  columns: number,
  vector: FloatArray,
  offset: number,
): void {
  for (let r = 0; r < rows; r++) {
    const base = r * columns;
    for (let j = 0; j < columns; j++) matrix[base + j] += vector[offset + j];
  }
}

/** Column sums of `matrix[rows, columns]` into `out[offset ..]`. */
export function columnSums(
  matrix: FloatArray,
  rows: number,
  columns: number,
  out: FloatArray,
  offset: number,
): void {
  out.fill(0, offset, offset + columns);
  for (let r = 0; r < rows; r++) {
    const base = r * columns;
    for (let j = 0; j < columns; j++) out[offset + j] += matrix[base + j];
  }
}

/** A contiguous copy of columns `[from, from + count)` of `matrix[rows, columns]`. */
export function copyColumns<T extends FloatArray>(
  matrix: T,
  rows: number,
  columns: number,
  from: number,
  count: number,
): T {
  const out = blankLike(matrix, rows * count);
  for (let r = 0; r < rows; r++)
    out.set(matrix.subarray(r * columns + from, r * columns + from + count), r * count);
  return out;
}

/** Writes `block[rows, count]` into columns `[from, from + count)` of `matrix[rows, columns]`. */
export function writeColumns(
  matrix: FloatArray,
  rows: number,
  columns: number,
  from: number,
  count: number,
  block: FloatArray,
): void {
  for (let r = 0; r < rows; r++)
    matrix.set(block.subarray(r * count, (r + 1) * count), r * columns + from);
}
