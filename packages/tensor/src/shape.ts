import { ShapeError, ValueError } from './errors.js';
import { describeValue } from './validation/describe-value.js';

/**
 * The most axes a tensor may have (NumPy's limit). It also bounds how deep nested arrays are
 * walked, so a self-containing array is refused instead of looping forever.
 */
export const MAX_RANK = 64;

/** Number of elements of a shape (1 for a scalar `[]`). */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const dimension of shape) size *= dimension;
  return size;
}

/** Row-major strides of a contiguous shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

/** `[2,3]` as text, for error messages. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** NumPy broadcasting: align trailing axes; each pair must be equal or contain a 1. */
export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const result = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) {
      throw new ShapeError(
        op,
        'shapes that broadcast (NumPy rules)',
        `${formatShape(a)} and ${formatShape(b)}`,
      );
    }
    result[i] = x === 1 ? y : x;
  }
  return result;
}

/**
 * Resolves a possibly negative axis against a rank: an integer in `[-rank, rank)`. A scalar has no
 * axis, so every axis is refused for rank 0.
 */
export function normalizeAxis(op: string, axis: unknown, rank: number, name = 'axis'): number {
  if (typeof axis !== 'number' || !Number.isSafeInteger(axis) || axis < -rank || axis >= rank) {
    throw new ValueError(
      op,
      rank === 0
        ? `no ${name} (a scalar has no axes)`
        : `${name} to be an integer in [${-rank}, ${rank - 1}]`,
      describeValue(axis),
    );
  }
  return axis < 0 ? axis + rank : axis;
}

/**
 * Checks a list of integers no smaller than `minimum` with at most {@link MAX_RANK} entries (a
 * shape, a permutation, slice bounds). Holes in a sparse array are refused like any non-integer.
 */
export function checkIntegerList(
  op: string,
  name: string,
  list: unknown,
  minimum: number,
  ErrorClass: typeof ShapeError | typeof ValueError = ShapeError,
): number[] {
  if (!Array.isArray(list))
    throw new ErrorClass(op, `${name} to be a list of integers`, describeValue(list));
  if (list.length > MAX_RANK)
    throw new ErrorClass(op, `${name} to have at most ${MAX_RANK} entries`, describeValue(list));
  const result = new Array<number>(list.length);
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    if (typeof entry !== 'number' || !Number.isSafeInteger(entry) || entry < minimum)
      throw new ErrorClass(
        op,
        `${name} to be a list of ${minimum === 0 ? 'non-negative integers' : `integers >= ${minimum}`}`,
        describeValue(list),
      );
    result[i] = entry;
  }
  return result;
}

/** Checks a shape: at most {@link MAX_RANK} non-negative integer dimensions; returns a copy. */
export function checkShape(op: string, shape: unknown, name = 'shape'): number[] {
  return checkIntegerList(op, name, shape, 0);
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
