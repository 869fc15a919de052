// Conversion and checks shared by the ops.
import { allocate, type DType } from '../dtype.js';
import { DTypeError } from '../errors.js';
import { Tensor, type TensorLike } from '../tensor.js';
import { tensor } from '../creation/tensor.js';

/** A Tensor for any tensor-like value; plain numbers take `dtype` (the other operand's). */
export function asTensor(value: TensorLike, dtype?: DType): Tensor {
  if (value instanceof Tensor) return value;
  return tensor(value, undefined, dtype && typeof value === 'number' ? { dtype } : {});
}

/** Both operands as tensors of one dtype; a plain number adopts the tensor's dtype. */
export function asOperands(op: string, a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  const dtype = a instanceof Tensor ? a.dtype : b instanceof Tensor ? b.dtype : undefined;
  const x = asTensor(a, dtype);
  const y = asTensor(b, dtype);
  if (x.dtype !== y.dtype)
    throw new DTypeError(op, `operands of one dtype`, `${x.dtype} and ${y.dtype} (use cast())`);
  return [x, y];
}

export function requireFloat(op: string, x: Tensor): void {
  if (x.dtype === 'int32') throw new DTypeError(op, 'a float32 or float64 tensor', 'int32');
}

/** A new zero-filled tensor. */
export function output(dtype: DType, shape: readonly number[]): Tensor {
  let size = 1;
  for (const d of shape) size *= d;
  return new Tensor(allocate(dtype, size), shape);
}

/** `shape` left-padded with 1s to `rank`. */
export function padRank(shape: readonly number[], rank: number): number[] {
  return [...new Array<number>(rank - shape.length).fill(1), ...shape];
}
