import type { DataArray } from '../../dtype.js';
import { forEachRow, planStrided } from './strided-iteration.js';

/** `out = condition != 0 ? a : b` with broadcasting; shapes share one rank. */
export function where(
  condition: DataArray,
  conditionShape: readonly number[],
  a: DataArray,
  aShape: readonly number[],
  b: DataArray,
  bShape: readonly number[],
  out: DataArray,
  outShape: readonly number[],
): void {
  if (out.length === 0) return;
  const plan = planStrided(outShape, [conditionShape, aShape, bShape]);
  const last = plan.shape.length - 1;
  const [sc, sa, sb] = plan.strides.map((s) => s[last]);
  forEachRow(plan, ([ci, ai, bi], oi, n) => {
    for (let j = 0; j < n; j++)
      out[oi + j] = condition[ci + j * sc] !== 0 ? a[ai + j * sa] : b[bi + j * sb];
  });
}
