import { formatShape, ShapeError, type Tensor } from '@recur/tensor';

/** Throws a ShapeError naming `argument` unless `value` has exactly `shape`. */
export function checkShapeIs(
  layer: string,
  argument: string,
  value: Tensor,
  shape: readonly number[],
  layout: string,
): void {
  if (value.rank !== shape.length || value.shape.some((d, i) => d !== shape[i]))
    throw new ShapeError(
      layer,
      `${argument} of shape ${layout} = ${formatShape(shape)}`,
      formatShape(value.shape),
    );
}
