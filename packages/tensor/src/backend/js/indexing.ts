import type { DataArray, FloatArray } from '../../dtype.js';

/** `out[i, :] = table[indices[i], :]`. */
export function gather(
  table: DataArray,
  rowSize: number,
  indices: Int32Array,
  out: DataArray,
): void {
  for (let i = 0; i < indices.length; i++) {
    const from = indices[i] * rowSize;
    out.set(table.subarray(from, from + rowSize), i * rowSize);
  }
}

/** `target[indices[i], :] += source[i, :]` (repeated indices accumulate). */
export function scatterAdd(
  target: FloatArray,
  rowSize: number,
  indices: Int32Array,
  source: FloatArray,
): void {
  for (let i = 0; i < indices.length; i++) {
    const to = indices[i] * rowSize;
    const from = i * rowSize;
    for (let j = 0; j < rowSize; j++) target[to + j] += source[from + j];
  }
}
