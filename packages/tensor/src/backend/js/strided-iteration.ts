// Broadcast iteration shared by the element-wise kernels: operands are described by strides over
// the output shape (0 along broadcast axes); adjacent axes that are contiguous for every operand
// are merged so that the innermost loop is as long as possible.

export interface StridedPlan {
  /** Output shape after merging axes; the last axis is the row the kernels loop over. */
  shape: number[];
  /** Per operand, its strides over `shape`. */
  strides: number[][];
}

/** Strides of an operand of `shape` broadcast to `outShape` (same rank). */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const strides = new Array<number>(outShape.length);
  let stride = 1;
  for (let axis = outShape.length - 1; axis >= 0; axis--) {
    strides[axis] = shape[axis] === 1 && outShape[axis] !== 1 ? 0 : stride;
    stride *= shape[axis];
  }
  return strides;
}

export function planStrided(
  outShape: readonly number[],
  operandShapes: readonly (readonly number[])[],
): StridedPlan {
  const all = operandShapes.map((shape) => broadcastStrides(shape, outShape));
  const shape: number[] = [];
  const strides: number[][] = all.map(() => []);
  for (let axis = 0; axis < outShape.length; axis++) {
    const size = outShape[axis];
    if (size === 1) continue;
    const last = shape.length - 1;
    const mergeable = last >= 0 && all.every((s, o) => strides[o][last] === s[axis] * size);
    if (mergeable) {
      shape[last] *= size;
      for (let o = 0; o < all.length; o++) strides[o][last] = all[o][axis];
    } else {
      shape.push(size);
      for (let o = 0; o < all.length; o++) strides[o].push(all[o][axis]);
    }
  }
  if (shape.length === 0) {
    shape.push(1);
    for (const s of strides) s.push(1);
  }
  return { shape, strides };
}

/**
 * Calls `row(offsets, length)` for every row (innermost axis) of the plan, where `offsets[o]` is
 * operand o's offset of the row's first element and the output is contiguous.
 */
export function forEachRow(
  plan: StridedPlan,
  row: (offsets: number[], outOffset: number, length: number) => void,
): void {
  const { shape, strides } = plan;
  const rank = shape.length;
  const length = shape[rank - 1];
  const operands = strides.length;
  const offsets = new Array<number>(operands).fill(0);
  const counter = new Array<number>(rank).fill(0);
  let rows = 1;
  for (let axis = 0; axis < rank - 1; axis++) rows *= shape[axis];
  let outOffset = 0;
  for (let r = 0; r < rows; r++) {
    row(offsets, outOffset, length);
    outOffset += length;
    // Advance the multi-index over the outer axes (odometer).
    for (let axis = rank - 2; axis >= 0; axis--) {
      counter[axis]++;
      for (let o = 0; o < operands; o++) offsets[o] += strides[o][axis];
      if (counter[axis] < shape[axis]) break;
      for (let o = 0; o < operands; o++) offsets[o] -= strides[o][axis] * shape[axis];
      counter[axis] = 0;
    }
  }
}
