// Conversion and checks shared by the ops: every op reads its tensor arguments through
// tensorArgument (or checkTensor) and allocates its result through output(), so each check lives
// here once.
import { fromValues } from '../creation/from-values.js';
import { type DType, storage } from '../dtype.js';
import { DTypeError } from '../errors.js';
import { Tensor, type TensorLike, trustedTensor } from '../tensor.js';
import { checkAllocation } from '../validation/check-allocation.js';
import { checkTensor } from '../validation/check-tensor.js';

/**
 * A Tensor for a tensor-like argument `name` of `op`: a live Tensor as is, anything else converted
 * with the checks of `tensor()` (plain numbers take `dtype`, the other operand's).
 */
export function tensorArgument(op: string, name: string, value: TensorLike, dtype?: DType): Tensor {
  if (value instanceof Tensor) return checkTensor(op, name, value);
  const { data, shape } = fromValues(
    op,
    name,
    value,
    typeof value === 'number' ? dtype : undefined,
  );
  return trustedTensor(data, shape);
}

/** {@link tensorArgument} for callers without an op name. */
export function asTensor(value: TensorLike, dtype?: DType): Tensor {
  return tensorArgument('tensor', 'value', value, dtype);
}

/** Both operands as tensors of one dtype; a plain number adopts the tensor's dtype. */
export function asOperands(op: string, a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  const dtype = a instanceof Tensor ? a.dtype : b instanceof Tensor ? b.dtype : undefined;
  const x = tensorArgument(op, 'a', a, dtype);
  const y = tensorArgument(op, 'b', b, dtype);
  if (x.dtype !== y.dtype)
    throw new DTypeError(op, `operands of one dtype`, `${x.dtype} and ${y.dtype} (use cast())`);
  return [x, y];
}

/** Refuses an int32 tensor where `op` needs floats; `name` (when given) is the argument named. */
export function requireFloat(op: string, x: Tensor, name?: string): void {
  if (x.dtype === 'int32')
    throw new DTypeError(
      op,
      name === undefined
        ? 'a float32 or float64 tensor'
        : `${name} to be a float32 or float64 tensor`,
      'int32',
    );
}

/**
 * A new zero-filled tensor for an op's result; a shape beyond the allocation limit (a broadcast of
 * two long vectors, say) is a `ValueError` naming `op` before anything is allocated.
 */
export function output(dtype: DType, shape: readonly number[], op = 'output'): Tensor {
  return trustedTensor(
    storage(dtype, checkAllocation(op, 'the result shape', shape, dtype)),
    shape,
  );
}

/** `shape` left-padded with 1s to `rank`. */
export function padRank(shape: readonly number[], rank: number): number[] {
  return [...new Array<number>(rank - shape.length).fill(1), ...shape];
}
