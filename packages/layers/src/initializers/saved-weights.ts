import { type DType, formatShape, ShapeError, Tensor, allocate } from '@recur/tensor';

/** The name, shape and dtype of every weight a saved model holds (from its file's header). */
export type SavedWeightShapes = ReadonlyMap<string, { shape: readonly number[]; dtype: DType }>;

let saved: SavedWeightShapes | null = null;

/**
 * Builds layers whose weights are about to be overwritten by saved values: inside `build`, a
 * layer's weight is not initialized (an orthogonal LSTM(1024) kernel costs seconds) but checked
 * against `weights` by name, shape and dtype and allocated as zeros, so a file that declares a
 * layer its weights do not match fails before anything large is allocated or computed.
 *
 * @example
 * ```ts
 * import { buildForSavedWeights, Dense } from '@recur/layers';
 * const weights = new Map([['d/kernel', { shape: [3, 2], dtype: 'float32' as const }], ['d/bias', { shape: [2], dtype: 'float32' as const }]]);
 * const layer = buildForSavedWeights(weights, () => {
 *   const dense = new Dense({ units: 2, name: 'd' });
 *   dense.build([null, 3]);
 *   return dense;
 * });
 * ```
 */
export function buildForSavedWeights<T>(weights: SavedWeightShapes, build: () => T): T {
  const outer = saved;
  saved = weights;
  try {
    return build();
  } finally {
    saved = outer;
  }
}

/**
 * The value of a new weight: its initializer's, or, inside {@link buildForSavedWeights}, zeros
 * after checking the saved shape (internal to `Layer.addWeight`).
 */
export function initialWeightValue(
  name: string,
  shape: readonly number[],
  dtype: DType,
  initialize: () => Tensor,
): Tensor {
  if (saved === null) return initialize();
  const entry = saved.get(name);
  if (!entry)
    throw new ShapeError(name, 'a weight of that name in the saved weights', 'no such weight');
  if (
    entry.dtype !== dtype ||
    entry.shape.length !== shape.length ||
    entry.shape.some((n, i) => n !== shape[i])
  )
    throw new ShapeError(
      name,
      `the saved ${entry.dtype} ${formatShape(entry.shape)}`,
      `a layer that declares ${dtype} ${formatShape(shape)}`,
    );
  return new Tensor(
    allocate(
      dtype,
      shape.reduce((a, b) => a * b, 1),
    ),
    shape,
  );
}
