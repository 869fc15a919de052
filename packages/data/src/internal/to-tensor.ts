import {
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

/**
 * @internal The input as a tensor. A Tensor keeps its dtype; everything else becomes float32 (the
 * library's default dtype, so windows and scaled values feed a model directly), except an
 * Int32Array, which stays int32 (labels and token indices). Errors name the caller's op.
 */
export function toTensor(op: string, name: string, values: TensorInput): Tensor {
  if (values instanceof Tensor) return values;
  if (values instanceof Int32Array) return new Tensor(values, [values.length]);
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) {
    throw new DTypeError(
      op,
      `${name} as a Tensor, nested arrays of numbers or a typed array`,
      describeValue(values),
    );
  }
  try {
    return tensor(values, undefined, { dtype: 'float32' });
  } catch (error) {
    if (error instanceof ShapeError)
      throw new ShapeError(op, error.expected, `${error.received} in ${name}`);
    if (error instanceof DTypeError)
      throw new DTypeError(op, error.expected, `${error.received} in ${name}`);
    if (error instanceof ValueError)
      throw new ValueError(op, error.expected, `${error.received} in ${name}`);
    throw error;
  }
}

/** @internal The number of values per entry of axis 0 (the product of the other axes). */
export function rowSize(shape: readonly number[]): number {
  let size = 1;
  for (let axis = 1; axis < shape.length; axis++) size *= shape[axis];
  return size;
}
