import type { DataArray } from '../../dtype.js';
import { stridesOf } from '../../shape.js';

/** Permutes axes into `out` (shape `perm.map(i => shape[i])`). */
export function transpose(
  x: DataArray,
  shape: readonly number[],
  perm: readonly number[],
  out: DataArray,
): void {
  const rank = shape.length;
  if (out.length === 0) return;
  const inStrides = stridesOf(shape);
  const outShape = perm.map((axis) => shape[axis]);
  const strides = perm.map((axis) => inStrides[axis]);
  if (rank === 2) {
    // The common case (matrix transpose) in blocks, so both sides stay in cache.
    const [rows, cols] = outShape;
    const [sr, sc] = strides;
    const block = 32;
    for (let r0 = 0; r0 < rows; r0 += block) {
      for (let c0 = 0; c0 < cols; c0 += block) {
        const rEnd = Math.min(r0 + block, rows);
        const cEnd = Math.min(c0 + block, cols);
        for (let r = r0; r < rEnd; r++)
          for (let c = c0; c < cEnd; c++) out[r * cols + c] = x[r * sr + c * sc];
      }
    }
    return;
  }
  const counter = new Array<number>(rank).fill(0);
  let offset = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = x[offset];
    for (let axis = rank - 1; axis >= 0; axis--) {
      counter[axis]++;
      offset += strides[axis];
      if (counter[axis] < outShape[axis]) break;
      offset -= strides[axis] * outShape[axis];
      counter[axis] = 0;
    }
  }
}

/**
 * Visits the box `[begin, begin + boxShape)` of an array of `shape` as rows along the last axis:
 * `visit(offsetInArray, offsetInBox, rowLength)`.
 */
function forEachBoxRow(
  shape: readonly number[],
  begin: readonly number[],
  boxShape: readonly number[],
  visit: (arrayOffset: number, boxOffset: number, length: number) => void,
): void {
  const rank = shape.length;
  if (rank === 0) {
    visit(0, 0, 1);
    return;
  }
  const boxSize = boxShape.reduce((a, b) => a * b, 1);
  if (boxSize === 0) return;
  // Trailing axes the box covers in full are contiguous in both arrays: merge them into the row
  // (slicing a batch of [batch, steps, features] is then one run per sample, not one per step).
  let merged = rank - 1;
  while (merged > 0 && boxShape[merged] === shape[merged]) merged--;
  if (merged < rank - 1) {
    const run = shape.slice(merged + 1).reduce((a, b) => a * b, 1);
    forEachBoxRow(
      [...shape.slice(0, merged), shape[merged] * run],
      [...begin.slice(0, merged), begin[merged] * run],
      [...boxShape.slice(0, merged), boxShape[merged] * run],
      visit,
    );
    return;
  }
  const strides = stridesOf(shape);
  const length = boxShape[rank - 1];
  const rows = boxSize / length;
  const counter = new Array<number>(rank).fill(0);
  let base = 0;
  for (let axis = 0; axis < rank; axis++) base += begin[axis] * strides[axis];
  let offset = base;
  for (let r = 0; r < rows; r++) {
    visit(offset, r * length, length);
    for (let axis = rank - 2; axis >= 0; axis--) {
      counter[axis]++;
      offset += strides[axis];
      if (counter[axis] < boxShape[axis]) break;
      offset -= strides[axis] * boxShape[axis];
      counter[axis] = 0;
    }
  }
}

/** Copies the box starting at `begin` of `x` into `out`. */
export function slice(
  x: DataArray,
  shape: readonly number[],
  begin: readonly number[],
  out: DataArray,
  outShape: readonly number[],
): void {
  forEachBoxRow(shape, begin, outShape, (from, to, length) => {
    copyRun(x, from, out, to, length);
  });
}

// Below this length a plain loop beats creating a subarray view for set() (measured in V8 on a
// [64, 50, 8] batch slice: 3,200 rows of 8 took most of a SimpleRNN predictOnBatch's JS time).
const SHORT_RUN = 64;

/** `to[toOffset ..] = from[fromOffset ..]` for `length` elements. */
function copyRun(
  from: DataArray,
  fromOffset: number,
  to: DataArray,
  toOffset: number,
  length: number,
): void {
  if (length < SHORT_RUN) {
    for (let i = 0; i < length; i++) to[toOffset + i] = from[fromOffset + i];
  } else to.set(from.subarray(fromOffset, fromOffset + length), toOffset);
}

/** Writes `source` into the box of `target` starting at `begin`. */
export function insertSlice(
  target: DataArray,
  targetShape: readonly number[],
  begin: readonly number[],
  source: DataArray,
  sourceShape: readonly number[],
): void {
  forEachBoxRow(targetShape, begin, sourceShape, (to, from, length) => {
    copyRun(source, from, target, to, length);
  });
}
