import type { DataArray } from '../../dtype.js';
import type { BinaryOp } from '../backend.js';
import { forEachRow, planStrided } from './strided-iteration.js';

const scalarOps: Record<BinaryOp, (x: number, y: number) => number> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
  pow: (x, y) => x ** y,
  // NaN propagates, as in NumPy's maximum/minimum.
  maximum: (x, y) => (x >= y ? x : y > x ? y : Number.NaN),
  minimum: (x, y) => (x <= y ? x : y < x ? y : Number.NaN),
  equal: (x, y) => (x === y ? 1 : 0),
  notEqual: (x, y) => (x !== y ? 1 : 0),
  less: (x, y) => (x < y ? 1 : 0),
  lessEqual: (x, y) => (x <= y ? 1 : 0),
  greater: (x, y) => (x > y ? 1 : 0),
  greaterEqual: (x, y) => (x >= y ? 1 : 0),
};

/** Broadcasting binary op; shapes share one rank. */
export function binary(
  op: BinaryOp,
  a: DataArray,
  aShape: readonly number[],
  b: DataArray,
  bShape: readonly number[],
  out: DataArray,
  outShape: readonly number[],
): void {
  if (out.length === 0) return;
  const plan = planStrided(outShape, [aShape, bShape]);
  forEachRow(plan, (offsets, outOffset, length) => {
    binaryRow(
      op,
      a,
      offsets[0],
      plan.strides[0][plan.shape.length - 1],
      b,
      offsets[1],
      plan.strides[1][plan.shape.length - 1],
      out,
      outOffset,
      length,
    );
  });
}

// The four arithmetic ops get their own loops (the hot ones: bias adds, residuals, losses); the
// rest share one loop over a scalar function.
function binaryRow(
  op: BinaryOp,
  a: DataArray,
  ai: number,
  sa: number,
  b: DataArray,
  bi: number,
  sb: number,
  out: DataArray,
  oi: number,
  n: number,
): void {
  switch (op) {
    case 'add':
      for (let j = 0; j < n; j++) out[oi + j] = a[ai + j * sa] + b[bi + j * sb];
      return;
    case 'sub':
      for (let j = 0; j < n; j++) out[oi + j] = a[ai + j * sa] - b[bi + j * sb];
      return;
    case 'mul':
      for (let j = 0; j < n; j++) out[oi + j] = a[ai + j * sa] * b[bi + j * sb];
      return;
    case 'div':
      for (let j = 0; j < n; j++) out[oi + j] = a[ai + j * sa] / b[bi + j * sb];
      return;
    default: {
      const f = scalarOps[op];
      for (let j = 0; j < n; j++) out[oi + j] = f(a[ai + j * sa], b[bi + j * sb]);
    }
  }
}
