import {
  allocate,
  checkTensor,
  type DataArray,
  type DType,
  DTypeError,
  formatShape,
  isDetached,
  ShapeError,
  Tensor,
  ValueError,
} from '@recur/tensor';
import { describeValue } from '../internal/arguments.js';

/**
 * The type of a batch of elements of type `T`: tensors, numbers, typed arrays and arrays of numbers
 * stack into one tensor with a leading batch axis; strings, booleans and dates gather into arrays;
 * arrays of other things and objects are batched position by position and key by key. So a batch
 * of `{ x: Tensor, y: Tensor }` is again `{ x: Tensor, y: Tensor }`.
 */
export type Batched<T> = T extends
  | Tensor
  | number
  | Float32Array
  | Float64Array
  | Int32Array
  | readonly number[]
  ? Tensor
  : T extends string | boolean | Date
    ? T[]
    : T extends undefined | null
      ? T
      : T extends object
        ? { [K in keyof T]: Batched<T[K]> }
        : never;

const op = 'Dataset.batch';
// Elements nested deeper than this (or containing themselves) are refused instead of recursing
// until the stack overflows.
const MAXIMUM_DEPTH = 64;

/**
 * Stacks a list of elements into one batch (see {@link Batched}): tensors stack on a new leading
 * axis (equal shapes and dtypes required), numbers and numeric rows become float32 tensors, typed
 * arrays keep their dtype, and objects and arrays recurse.
 *
 * @example
 * ```ts
 * import { collate } from '@recur/data';
 * import { tensor } from '@recur/tensor';
 * const batch = collate([{ x: tensor([1, 2]), y: 0 }, { x: tensor([3, 4]), y: 1 }]);
 * batch.x.shape; // [2, 2]
 * batch.y.toArray(); // [0, 1]
 * ```
 */
export function collate<T>(elements: readonly T[]): Batched<T> {
  if (!Array.isArray(elements))
    throw new ValueError(op, 'elements to be an array of elements', describeValue(elements));
  return collateAt(elements, 'element', 0) as Batched<T>;
}

function collateAt(elements: readonly unknown[], path: string, depth: number): unknown {
  if (elements.length === 0) throw new ValueError(op, 'at least one element', 'none');
  if (depth > MAXIMUM_DEPTH)
    throw new DTypeError(
      op,
      `elements nested at most ${MAXIMUM_DEPTH} levels deep`,
      `deeper nesting at ${path.slice(0, 60)}... (an element that contains itself?)`,
    );
  const first = elements[0];
  if (first instanceof Tensor) return stackTensors(elements, path);
  if (typeof first === 'number') return stackNumbers(elements, path);
  if (first instanceof Float32Array || first instanceof Float64Array || first instanceof Int32Array)
    return stackRows(elements, path, dtypeOfView(first));
  if (ArrayBuffer.isView(first))
    throw new DTypeError(
      op,
      `Float32Array, Float64Array or Int32Array rows at ${path}`,
      `${describeValue(first)} in element 0`,
    );
  if (
    typeof first === 'string' ||
    typeof first === 'boolean' ||
    first instanceof Date ||
    first === null ||
    first === undefined
  ) {
    for (let i = 1; i < elements.length; i++) requireSameKind(elements[i], first, path, i);
    return first === null || first === undefined ? first : [...elements];
  }
  if (Array.isArray(first)) {
    if (first.every((value) => typeof value === 'number'))
      return stackRows(elements, path, 'float32');
    return first.map((_, position) =>
      collateAt(
        elements.map((element, i) => {
          if (!Array.isArray(element) || element.length !== first.length)
            throw new ShapeError(
              op,
              `an array of length ${first.length} at ${path}`,
              `${describeValue(element)} in element ${i}`,
            );
          return element[position];
        }),
        `${path}[${position}]`,
        depth + 1,
      ),
    );
  }
  if (typeof first === 'object' && isPlainObject(first)) {
    const keys = Object.keys(first);
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      result[key] = collateAt(
        elements.map((element, i) => {
          if (typeof element !== 'object' || element === null)
            throw new DTypeError(
              op,
              `an object at ${path}`,
              `${describeValue(element)} in element ${i}`,
            );
          return (element as Record<string, unknown>)[key];
        }),
        `${path}.${key}`,
        depth + 1,
      );
    }
    return result;
  }
  throw new DTypeError(
    op,
    'tensors, numbers, typed arrays, strings, booleans, dates, arrays or objects of these',
    `${describeValue(first)} at ${path}`,
  );
}

function requireSameKind(value: unknown, first: unknown, path: string, index: number): void {
  const kind = (v: unknown) => (v instanceof Date ? 'date' : v === null ? 'null' : typeof v);
  if (kind(value) !== kind(first))
    throw new DTypeError(
      op,
      `a ${kind(first)} at ${path}`,
      `${describeValue(value)} in element ${index}`,
    );
}

function dtypeOfView(view: Float32Array | Float64Array | Int32Array): DType {
  return view instanceof Int32Array
    ? 'int32'
    : view instanceof Float64Array
      ? 'float64'
      : 'float32';
}

function stackTensors(elements: readonly unknown[], path: string): Tensor {
  const first = elements[0] as Tensor;
  const size = first.size;
  const data = allocate(first.dtype, size * elements.length);
  elements.forEach((element, i) => {
    if (!(element instanceof Tensor))
      throw new DTypeError(op, `a Tensor at ${path}`, `${describeValue(element)} in element ${i}`);
    checkTensor(op, `the Tensor at ${path} of element ${i}`, element);
    if (element.dtype !== first.dtype)
      throw new DTypeError(
        op,
        `${first.dtype} tensors at ${path}`,
        `${element.dtype} in element ${i}`,
      );
    if (
      element.shape.length !== first.shape.length ||
      element.shape.some((d, axis) => d !== first.shape[axis])
    )
      throw new ShapeError(
        op,
        `tensors of shape ${formatShape(first.shape)} at ${path}`,
        `${formatShape(element.shape)} in element ${i}`,
      );
    data.set(element.data, i * size);
  });
  return new Tensor(data, [elements.length, ...first.shape]);
}

function stackNumbers(elements: readonly unknown[], path: string): Tensor {
  const data = new Float32Array(elements.length);
  elements.forEach((element, i) => {
    if (typeof element !== 'number')
      throw new DTypeError(op, `a number at ${path}`, `${describeValue(element)} in element ${i}`);
    data[i] = element;
  });
  return new Tensor(data, [elements.length]);
}

function stackRows(elements: readonly unknown[], path: string, dtype: DType): Tensor {
  const width = (elements[0] as ArrayLike<number>).length;
  const data: DataArray = allocate(dtype, width * elements.length);
  elements.forEach((element, i) => {
    const row = element as ArrayLike<number>;
    if (
      (!Array.isArray(row) && !ArrayBuffer.isView(row)) ||
      (ArrayBuffer.isView(row) && isDetached(row)) ||
      row.length !== width
    )
      throw new ShapeError(
        op,
        `rows of length ${width} at ${path}`,
        `${describeValue(element)} in element ${i}`,
      );
    for (let k = 0; k < width; k++) {
      if (typeof row[k] !== 'number')
        throw new DTypeError(op, `numbers at ${path}`, `${describeValue(row[k])} in element ${i}`);
      data[i * width + k] = row[k];
    }
  });
  return new Tensor(data, [elements.length, width]);
}

// Class instances (a Map, a Set) have no own keys to batch: batching them would give {}.
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
