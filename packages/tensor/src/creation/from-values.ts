import { type DataArray, type DType, dtypeOf, isStorage, storage } from '../dtype.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { MAX_RANK } from '../shape.js';
import { checkAllocation } from '../validation/check-allocation.js';
import { isDetached } from '../validation/detached.js';
import { describeValue } from '../validation/describe-value.js';
import { INT32_VALUES, isInt32Value } from '../validation/int32.js';

/** @internal Storage and inferred shape of values given by the user. */
export interface Converted {
  data: DataArray;
  shape: number[];
}

function int32Error(op: string, name: string, value: unknown, where: string): ValueError {
  return new ValueError(
    op,
    `${name} to hold values an int32 can hold (${INT32_VALUES}; use a float dtype for others)`,
    `${describeValue(value)} ${where}`,
  );
}

/**
 * @internal Copies numbers into new storage of `dtype`. For int32 every value must be exact
 * (integer and in range): storing 3e9 or NaN in an Int32Array would silently change it.
 */
export function toStorage(
  op: string,
  name: string,
  values: ArrayLike<number>,
  dtype: DType,
): DataArray {
  const out = storage(dtype, checkAllocation(op, name, [values.length], dtype));
  if (dtype !== 'int32') {
    out.set(values);
    return out;
  }
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!isInt32Value(value)) throw int32Error(op, name, value, `at flat position ${i}`);
    out[i] = value;
  }
  return out;
}

function isFloatKind(view: ArrayBufferView): boolean {
  return (
    view instanceof Float32Array ||
    view instanceof Float64Array ||
    view.constructor?.name === 'Float16Array'
  );
}

function fromTypedArray(
  op: string,
  name: string,
  values: ArrayBufferView,
  dtype?: DType,
): Converted {
  if (isDetached(values))
    throw new ValueError(op, `${name} with live storage`, describeValue(values));
  if (
    values instanceof DataView ||
    values instanceof BigInt64Array ||
    values instanceof BigUint64Array
  )
    throw new DTypeError(
      op,
      `${name} to be a typed array of numbers (not a DataView or a BigInt array)`,
      describeValue(values),
    );
  const numbers = values as unknown as ArrayLike<number>;
  const own = isStorage(values) ? dtypeOf(values) : undefined;
  // Other integer arrays (Uint8Array, Uint32Array, ...) become int32, other float arrays float32:
  // the storage always matches the dtype.
  const target = dtype ?? own ?? (isFloatKind(values) ? 'float32' : 'int32');
  const data = own === target ? (values as DataArray) : toStorage(op, name, numbers, target);
  return { data, shape: [numbers.length] };
}

function inferShape(op: string, name: string, values: unknown[]): number[] {
  const shape: number[] = [];
  let level: unknown = values;
  while (Array.isArray(level)) {
    if (shape.length === MAX_RANK)
      throw new ShapeError(
        op,
        `${name} nested at most ${MAX_RANK} levels deep`,
        'deeper nesting (an array that contains itself?)',
      );
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return shape;
}

function fromNested(op: string, name: string, values: unknown[], dtype: DType): Converted {
  const shape = inferShape(op, name, values);
  const data = storage(dtype, checkAllocation(op, name, shape, dtype));
  const int32 = dtype === 'int32';
  // The index path is only read to name the position of a bad entry.
  const path: number[] = [];
  const at = (depth: number) => `at [${path.slice(0, depth).join('][')}]`;
  const fill = (level: unknown[], axis: number, offset: number): number => {
    const last = axis === shape.length - 1;
    for (let i = 0; i < level.length; i++) {
      const item = level[i];
      path[axis] = i;
      if (last) {
        if (typeof item !== 'number')
          throw new DTypeError(
            op,
            `${name} to hold numbers`,
            `${describeValue(item)} ${at(axis + 1)}`,
          );
        if (int32 && !isInt32Value(item)) throw int32Error(op, name, item, at(axis + 1));
        data[offset++] = item;
      } else {
        if (!Array.isArray(item) || item.length !== shape[axis + 1]) {
          const received = Array.isArray(item) ? `length ${item.length}` : describeValue(item);
          throw new ShapeError(
            op,
            `${name} to be a rectangular nested array (length ${shape[axis + 1]} at depth ${axis + 1})`,
            `${received} ${at(axis + 1)}`,
          );
        }
        offset = fill(item, axis + 1, offset);
      }
    }
    return offset;
  };
  fill(values, 0, 0);
  return { data, shape };
}

/**
 * @internal Storage for a number, nested arrays of numbers or a typed array, with the errors naming
 * `name` of `op`. Without `dtype`: float32 for numbers and arrays, a typed array's own dtype (other
 * integer arrays int32, other float arrays float32). A typed array of the target dtype is used
 * as is, without a copy.
 */
export function fromValues(op: string, name: string, values: unknown, dtype?: DType): Converted {
  if (typeof values === 'number') {
    const target = dtype ?? 'float32';
    if (target === 'int32' && !isInt32Value(values))
      throw int32Error(op, name, values, '(a scalar)');
    const data = storage(target, 1);
    data[0] = values;
    return { data, shape: [] };
  }
  if (ArrayBuffer.isView(values)) return fromTypedArray(op, name, values, dtype);
  if (Array.isArray(values)) return fromNested(op, name, values, dtype ?? 'float32');
  throw new DTypeError(
    op,
    `${name} to be a number, nested arrays of numbers, a typed array or a Tensor`,
    describeValue(values),
  );
}
