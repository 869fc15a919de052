import { allocate, type DataArray, type DType, dtypeOf } from '../dtype.js';
import { DTypeError, ShapeError } from '../errors.js';
import { checkShape, formatShape, sizeOf } from '../shape.js';
import { Tensor, type TensorLike } from '../tensor.js';

/** Options of the creation functions. */
export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

/**
 * Creates a tensor from nested arrays, a flat array plus a shape, a typed array, or a number.
 * A typed array of the requested dtype is used as the storage without a copy.
 *
 * @example
 * ```ts
 * import { tensor } from '@recur/tensor';
 * tensor([[1, 2], [3, 4]]); // shape [2, 2], float32
 * tensor([1, 2, 3, 4, 5, 6], [2, 3]); // reshaped
 * tensor(new Int32Array([4, 2]), [2]); // int32 indices
 * tensor(3.5); // a scalar, shape []
 * tensor([1, 2], undefined, { dtype: 'float64', requiresGrad: true });
 * ```
 */
export function tensor(
  values: TensorLike,
  shape?: readonly number[],
  options: TensorOptions = {},
): Tensor {
  if (values instanceof Tensor) {
    const converted =
      options.dtype && options.dtype !== values.dtype
        ? convert(values.data, options.dtype)
        : values.data.slice();
    return new Tensor(
      converted,
      shape ? checkSize(shape, converted.length) : values.shape,
      options.requiresGrad ?? false,
    );
  }
  let data: DataArray;
  let inferred: number[];
  if (typeof values === 'number') {
    data = allocate(options.dtype ?? 'float32', 1);
    data[0] = values;
    inferred = [];
  } else if (ArrayBuffer.isView(values)) {
    const dtype = options.dtype ?? dtypeOf(values);
    data = dtypeOf(values) === dtype ? values : convert(values, dtype);
    inferred = [values.length];
  } else if (Array.isArray(values)) {
    inferred = inferShape(values);
    data = allocate(options.dtype ?? 'float32', sizeOf(inferred));
    flattenInto(values, inferred, 0, data, 0, []);
  } else {
    throw new DTypeError(
      'tensor',
      'a number, nested arrays of numbers, a typed array or a Tensor',
      describe(values),
    );
  }
  const finalShape = shape === undefined ? inferred : checkSize(shape, data.length);
  const result = new Tensor(data, finalShape, false);
  if (options.requiresGrad) requireFloat(result, 'tensor').requiresGrad = true;
  return result;
}

function requireFloat(t: Tensor, op: string): Tensor {
  if (t.dtype === 'int32') throw new DTypeError(op, 'a float dtype for requiresGrad', 'int32');
  return t;
}

function checkSize(shape: readonly number[], size: number): number[] {
  const checked = checkShape('tensor', shape);
  if (sizeOf(checked) !== size)
    throw new ShapeError(
      'tensor',
      `${sizeOf(checked)} values for shape ${formatShape(checked)}`,
      `${size} values`,
    );
  return checked;
}

function convert(values: ArrayLike<number>, dtype: DType): DataArray {
  const out = allocate(dtype, values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return out;
}

function inferShape(values: unknown[]): number[] {
  const shape: number[] = [];
  let level: unknown = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return shape;
}

function flattenInto(
  values: unknown,
  shape: number[],
  axis: number,
  out: DataArray,
  offset: number,
  path: number[],
): number {
  if (axis === shape.length) {
    if (typeof values !== 'number')
      throw new DTypeError('tensor', 'numbers', `${describe(values)} at [${path.join('][')}]`);
    out[offset] = values;
    return offset + 1;
  }
  if (!Array.isArray(values) || values.length !== shape[axis]) {
    const received = Array.isArray(values) ? `length ${values.length}` : describe(values);
    throw new ShapeError(
      'tensor',
      `a rectangular nested array (length ${shape[axis]} at depth ${axis})`,
      `${received} at [${path.join('][')}]`,
    );
  }
  for (let i = 0; i < values.length; i++)
    offset = flattenInto(values[i], shape, axis + 1, out, offset, [...path, i]);
  return offset;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? (value.constructor?.name ?? 'an object') : typeof value;
}
