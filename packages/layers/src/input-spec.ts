import { ShapeError } from '@recur/tensor';
import { formatLayerShape } from './shape.js';

/**
 * What a layer accepts as input, as Keras' `InputSpec`: rank bounds, and the sizes it was built
 * for by axis (negative axes count from the end), so a built `Dense` refuses a different number
 * of features with an error naming the layer instead of failing in a matmul.
 *
 * @example
 * ```ts
 * import type { InputSpec } from '@recur/layers';
 * const spec: InputSpec = { rank: 3, axes: { [-1]: 8 }, layout: '(batch, steps, features)' };
 * ```
 */
export interface InputSpec {
  rank?: number;
  minRank?: number;
  maxRank?: number;
  /** Known sizes by axis; `-1` is the last axis. */
  axes?: Readonly<Record<number, number>>;
  /** The axes' meaning for the error message, e.g. `(batch, steps, features)`. */
  layout?: string;
}

/**
 * Throws a ShapeError naming `layer` and `argument` unless `shape` satisfies `spec` (unknown
 * sizes, `null`, always agree). O(rank).
 *
 * @example
 * ```ts
 * import { checkInputSpec } from './input-spec.js';
 * checkInputSpec('dense', 'inputs', [2, 3], { minRank: 2, axes: { [-1]: 3 } });
 * ```
 */
export function checkInputSpec(
  layer: string,
  argument: string,
  shape: readonly (number | null)[],
  spec: InputSpec | null,
): void {
  if (spec === null) return;
  const rank = shape.length;
  const layout = spec.layout ? ` ${spec.layout}` : '';
  const fail = (what: string) => {
    throw new ShapeError(layer, `${argument} ${what}${layout}`, formatLayerShape(shape));
  };
  if (spec.rank !== undefined && rank !== spec.rank) fail(`of rank ${spec.rank}`);
  if (spec.minRank !== undefined && rank < spec.minRank) fail(`of rank >= ${spec.minRank}`);
  if (spec.maxRank !== undefined && rank > spec.maxRank) fail(`of rank <= ${spec.maxRank}`);
  for (const [key, size] of Object.entries(spec.axes ?? {})) {
    const axis = Number(key) < 0 ? rank + Number(key) : Number(key);
    const actual = shape[axis];
    if (actual !== null && actual !== undefined && actual !== size)
      fail(`with size ${size} on axis ${key} (the size the layer was built for)`);
  }
}
