import { DTypeError } from './errors.js';
import { checkAllocation } from './validation/check-allocation.js';
import { checkInteger } from './validation/check-integer.js';
import { checkOneOf } from './validation/check-one-of.js';
import { describeValue } from './validation/describe-value.js';

/** Element types: `float32` (default), `float64` (TS backend; gradient checks), `int32` (indices, labels). */
export type DType = 'float32' | 'float64' | 'int32';

/** Storage for a float tensor. */
export type FloatArray = Float32Array | Float64Array;
/** Storage for any tensor: a contiguous, row-major typed array owned by JavaScript. */
export type DataArray = Float32Array | Float64Array | Int32Array;

/**
 * Other typed arrays `tensor()` accepts: their values are copied into int32 storage (or the
 * dtype asked for), refused where an int32 cannot hold them (a Uint32Array value above 2^31 - 1).
 */
export type ConvertibleArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Uint32Array;

/** Every dtype, in the order messages list them. */
export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32'];

/** @internal Checks a dtype argument (a `DTypeError` naming it otherwise). */
export function checkDType(op: string, name: string, value: unknown): DType {
  return checkOneOf(op, name, value, DTYPES, DTypeError);
}

/** @internal Whether a value is tensor storage: exactly a Float32Array, Float64Array or Int32Array. */
export function isStorage(value: unknown): value is DataArray {
  return (
    value instanceof Float32Array || value instanceof Float64Array || value instanceof Int32Array
  );
}

/**
 * A zero-filled typed array of the given dtype. The size must be a non-negative integer within the
 * allocation limit (see `setAllocationLimit`), so a wrong size is a `ValueError`, not an attempt
 * to allocate gigabytes.
 *
 * @example
 * ```ts
 * import { allocate } from '@recur/tensor';
 * allocate('float32', 3); // Float32Array [0, 0, 0]
 * ```
 */
export function allocate(dtype: DType, size: number): DataArray {
  checkDType('allocate', 'dtype', dtype);
  checkAllocation('allocate', 'size', [checkInteger('allocate', 'size', size, 0)], dtype);
  return storage(dtype, size);
}

/** @internal {@link allocate} for a dtype and size already checked (by `checkAllocation`). */
export function storage(dtype: DType, size: number): DataArray {
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
 * The dtype a typed array stores. Only the three storage types have one: any other array (a
 * Uint8Array, a plain array) is a `DTypeError`, since calling it int32 would store it wrongly.
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
  if (array instanceof Int32Array) return 'int32';
  throw new DTypeError(
    'dtypeOf',
    'array to be a Float32Array, Float64Array or Int32Array',
    describeValue(array),
  );
}

/** Whether a dtype holds floating-point values (and so can carry gradients). */
export function isFloat(dtype: DType): dtype is 'float32' | 'float64' {
  return dtype !== 'int32';
}
