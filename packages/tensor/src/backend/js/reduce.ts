import type { DataArray } from '../../dtype.js';
import type { ReduceOp } from '../backend.js';

/** Reduces the middle axis of `[outer, size, inner]`; NaN propagates through max/min. */
export function reduce(
  op: ReduceOp,
  x: DataArray,
  outer: number,
  size: number,
  inner: number,
  out: DataArray,
): void {
  for (let o = 0; o < outer; o++) {
    const base = o * size * inner;
    for (let i = 0; i < inner; i++) {
      let offset = base + i;
      if (op === 'sum') {
        let sum = 0;
        for (let s = 0; s < size; s++, offset += inner) sum += x[offset];
        out[o * inner + i] = sum;
      } else {
        const max = op === 'max';
        let best = max ? -Infinity : Infinity;
        for (let s = 0; s < size; s++, offset += inner) {
          const value = x[offset];
          if (Number.isNaN(value)) {
            best = Number.NaN;
            break;
          }
          if (max ? value > best : value < best) best = value;
        }
        out[o * inner + i] = best;
      }
    }
  }
}

/** Index of the first maximum along the middle axis (NaN counts as the maximum, as in NumPy). */
export function argMax(
  x: DataArray,
  outer: number,
  size: number,
  inner: number,
  out: Int32Array,
): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let offset = o * size * inner + i;
      let best = -Infinity;
      let index = 0;
      for (let s = 0; s < size; s++, offset += inner) {
        const value = x[offset];
        if (Number.isNaN(value)) {
          index = s;
          break;
        }
        if (value > best) {
          best = value;
          index = s;
        }
      }
      out[o * inner + i] = index;
    }
  }
}
