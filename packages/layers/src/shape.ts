import { ShapeError } from '@recur/tensor';

/** A layer shape: the batch axis (and sometimes time) may be unknown (`null`). */
export type Shape = (number | null)[];

export function formatLayerShape(shape: readonly (number | null)[]): string {
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')}${shape.length === 1 ? ',' : ''})`;
}

/** Whether two shapes agree wherever both are known. */
export function compatibleShapes(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
): boolean {
  return a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
}

/** The known, positive last axis of a shape (a weight's size), or a ShapeError naming the layer. */
export function lastAxis(layer: string, shape: readonly (number | null)[]): number {
  const last = shape[shape.length - 1];
  if (shape.length === 0 || last === null || last === undefined || last <= 0) {
    throw new ShapeError(
      layer,
      'inputs (inputShape) whose last axis (features) is known and positive',
      formatLayerShape(shape),
    );
  }
  return last;
}
