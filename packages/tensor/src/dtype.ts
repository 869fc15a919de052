/** Element types: `float32` (default), `float64` (TS backend; gradient checks), `int32` (indices, labels). */
export type DType = 'float32' | 'float64' | 'int32';

/** Storage for a float tensor. */
export type FloatArray = Float32Array | Float64Array;
/** Storage for any tensor: a contiguous, row-major typed array owned by JavaScript. */
export type DataArray = Float32Array | Float64Array | Int32Array;

/**
 * A zero-filled typed array of the given dtype.
 *
 * @example
 * ```ts
 * import { allocate } from '@recur/tensor';
 * allocate('float32', 3); // Float32Array [0, 0, 0]
 * ```
 */
export function allocate(dtype: DType, size: number): DataArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size);
    case 'float64':
      return new Float64Array(size);
    case 'int32':
      return new Int32Array(size);
  }
}

/**
 * The dtype a typed array stores.
 *
 * @example
 * ```ts
 * import { dtypeOf } from '@recur/tensor';
 * dtypeOf(new Int32Array(2)); // 'int32'
 * ```
 */
export function dtypeOf(array: DataArray): DType {
  if (array instanceof Float32Array) return 'float32';
  if (array instanceof Float64Array) return 'float64';
  return 'int32';
}

/** Whether a dtype holds floating-point values (and so can carry gradients). */
export function isFloat(dtype: DType): dtype is 'float32' | 'float64' {
  return dtype !== 'int32';
}
