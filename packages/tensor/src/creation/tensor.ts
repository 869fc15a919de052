import type { DType } from '../dtype.js';
import { ShapeError } from '../errors.js';
import { checkShape, formatShape } from '../shape.js';
import { Tensor, type TensorLike } from '../tensor.js';
import { checkTensor } from '../validation/check-tensor.js';
import { checkGradDType, creationOptions } from './creation-options.js';
import { type Converted, fromValues, toStorage } from './from-values.js';

/** Options of the creation functions. */
export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

/**
 * Creates a tensor from nested arrays, a flat array plus a shape, a typed array, or a number.
 * A typed array of the requested dtype is used as the storage without a copy; any other typed
 * array is converted (a Uint8Array becomes int32 by default). Storage always matches the dtype:
 * values an int32 cannot hold exactly (NaN, Infinity, fractions, beyond 2^31 - 1) are refused
 * rather than wrapped or truncated, and a detached buffer is refused.
 *
 * @example
 * ```ts
 * import { tensor } from '@recur/tensor';
 * tensor([[1, 2], [3, 4]]); // shape [2, 2], float32
 * tensor([1, 2, 3, 4, 5, 6], [2, 3]); // reshaped
 * tensor(new Int32Array([4, 2]), [2]); // int32 indices
 * tensor(new Uint8Array([7, 255])).dtype; // 'int32', values copied
 * tensor(3.5); // a scalar, shape []
 * tensor([1, 2], undefined, { dtype: 'float64', requiresGrad: true });
 * ```
 */
export function tensor(
  values: TensorLike,
  shape?: readonly number[],
  options?: TensorOptions,
): Tensor {
  const op = 'tensor';
  const { dtype, requiresGrad } = creationOptions(op, options);
  const wanted = shape === undefined ? undefined : checkShape(op, shape);
  let converted: Converted;
  if (values instanceof Tensor) {
    const source = checkTensor(op, 'values', values);
    const target = dtype ?? source.dtype;
    converted = {
      data:
        target === source.dtype
          ? source.data.slice()
          : toStorage(op, 'values', source.data, target),
      shape: [...source.shape],
    };
  } else converted = fromValues(op, 'values', values, dtype);
  const result = new Tensor(
    converted.data,
    wanted ? checkSize(wanted, converted.data.length) : converted.shape,
  );
  checkGradDType(op, result.dtype, requiresGrad);
  result.requiresGrad = requiresGrad;
  return result;
}

function checkSize(shape: number[], size: number): number[] {
  let wanted = 1;
  for (const dimension of shape) wanted *= dimension;
  if (wanted !== size)
    throw new ShapeError(
      'tensor',
      `${wanted} values for shape ${formatShape(shape)}`,
      `${size} values`,
    );
  return shape;
}
