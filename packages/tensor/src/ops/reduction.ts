import type { ReduceOp } from '../backend/backend.js';
import { currentBackend } from '../backend/current-backend.js';
import { ValueError } from '../errors.js';
import { MAX_RANK, normalizeAxis } from '../shape.js';
import { type Tensor, trustedTensor } from '../tensor.js';
import { describeValue } from '../validation/describe-value.js';
import { output } from './operands.js';

/** An `axis` argument as a list: one axis, or a list of at most {@link MAX_RANK} (each checked by the caller). */
export function listAxes(op: string, axis: unknown): unknown[] {
  if (typeof axis === 'number') return [axis];
  if (!Array.isArray(axis) || axis.length > MAX_RANK)
    throw new ValueError(op, 'axis to be an integer or a list of integers', describeValue(axis));
  return [...axis];
}

/** Sorted, unique, non-negative axes; all axes when `axis` is undefined. */
export function reductionAxes(op: string, x: Tensor, axis?: number | readonly number[]): number[] {
  if (axis === undefined) return x.shape.map((_, i) => i);
  return [...new Set(listAxes(op, axis).map((a) => normalizeAxis(op, a, x.rank)))].sort(
    (a, b) => a - b,
  );
}

/** The result shape of reducing `axes` (kept as 1s with keepDims). */
export function reducedShape(
  shape: readonly number[],
  axes: readonly number[],
  keepDims: boolean,
): number[] {
  return keepDims
    ? shape.map((d, i) => (axes.includes(i) ? 1 : d))
    : shape.filter((_, i) => !axes.includes(i));
}

/**
 * Reduces `axes` with the backend's reduce kernel: runs of adjacent axes collapse into one
 * `[outer, size, inner]` pass each, so the common cases (last axis, all axes) take one pass.
 */
export function reduceAxes(
  op: ReduceOp,
  x: Tensor,
  axes: readonly number[],
  keepDims: boolean,
): Tensor {
  let current = x;
  let shape = [...x.shape];
  // Process runs from the last so earlier axis numbers stay valid.
  const runs: Array<[number, number]> = [];
  for (const axis of axes) {
    const last = runs[runs.length - 1];
    if (last && last[1] === axis) last[1] = axis + 1;
    else runs.push([axis, axis + 1]);
  }
  const backend = currentBackend();
  for (let r = runs.length - 1; r >= 0; r--) {
    const [from, to] = runs[r];
    const outer = shape.slice(0, from).reduce((a, b) => a * b, 1);
    const size = shape.slice(from, to).reduce((a, b) => a * b, 1);
    const inner = shape.slice(to).reduce((a, b) => a * b, 1);
    const nextShape = [...shape.slice(0, from), ...shape.slice(to)];
    const out = output(x.dtype, nextShape, op);
    backend.reduce(op, current.data, outer, size, inner, out.data);
    current = out;
    shape = nextShape;
  }
  // Same element count by construction: only the kept 1-axes differ.
  return trustedTensor(current.data, reducedShape(x.shape, axes, keepDims));
}
