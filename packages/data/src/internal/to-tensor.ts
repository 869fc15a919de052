import {
  checkTensor,
  type DType,
  DTypeError,
  type NestedArray,
  ShapeError,
  Tensor,
  tensor,
  ValueError,
} from '@recur/tensor';
import { describeValue } from './arguments.js';

/**
 * Array data accepted where the package expects a tensor: a Tensor, nested arrays of numbers, or a
 * typed array (one axis).
 */
export type TensorInput = Tensor | NestedArray | Float32Array | Float64Array | Int32Array;

// tensor() names its argument 'values'; the caller's argument has another name, put in the
// expected part when it leads with the argument, else after the received part.
function renamed(error: ShapeError | DTypeError | ValueError, name: string): [string, string] {
  const { expected, received } = error;
  return expected.startsWith('values')
    ? [`${name}${expected.slice('values'.length)}`, received]
    : [expected, `${received} in ${name}`];
}

/**
 * @internal The input as a tensor. A Tensor keeps its dtype (a detached one is refused); everything
 * else becomes `dtype`, float32 by default (the library's default dtype, so windows and scaled
 * values feed a model directly), except an Int32Array, which stays int32 (labels and token
 * indices). Errors name the caller's op and argument.
 */
export function toTensor(op: string, name: string, values: TensorInput, dtype?: DType): Tensor {
  if (values instanceof Tensor) return checkTensor(op, name, values);
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) {
    throw new DTypeError(
      op,
      `${name} as a Tensor, nested arrays of numbers or a typed array`,
      describeValue(values),
    );
  }
  // Only undefined means the default: a null dtype is passed on, to be refused by tensor().
  const target = dtype === undefined ? (values instanceof Int32Array ? 'int32' : 'float32') : dtype;
  try {
    return tensor(values, undefined, { dtype: target });
  } catch (error) {
    for (const ErrorClass of [ShapeError, DTypeError, ValueError])
      if (error instanceof ErrorClass) throw new ErrorClass(op, ...renamed(error, name));
    throw error;
  }
}

/** @internal The number of values per entry of axis 0 (the product of the other axes). */
export function rowSize(shape: readonly number[]): number {
  let size = 1;
  for (let axis = 1; axis < shape.length; axis++) size *= shape[axis];
  return size;
}
