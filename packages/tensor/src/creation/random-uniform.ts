import { allocate, type DType } from '../dtype.js';
import { ValueError } from '../errors.js';
import { randomFor } from '../random.js';
import { checkShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { checkAllocation } from '../validation/check-allocation.js';
import { checkNumber } from '../validation/check-number.js';
import { describeValue } from '../validation/describe-value.js';
import { INT32_VALUES, isInt32Value } from '../validation/int32.js';
import { checkGradDType, creationOptions } from './creation-options.js';

export interface RandomUniformOptions {
  minval?: number;
  maxval?: number;
  /** A fixed seed; without one the global generator (see `seed()`) is used. */
  seed?: number;
  /** `int32` draws integers in `[minval, maxval)` (integer bounds, minval < maxval). */
  dtype?: DType;
  requiresGrad?: boolean;
}

/**
 * Uniformly distributed values in `[minval, maxval)` (default `[0, 1)`).
 *
 * @example
 * ```ts
 * import { randomUniform } from '@recur/tensor';
 * const weights = randomUniform([3, 3], { minval: -0.05, maxval: 0.05, seed: 1 });
 * const labels = randomUniform([4], { maxval: 10, dtype: 'int32', seed: 2 });
 * ```
 */
export function randomUniform(shape: readonly number[], options?: RandomUniformOptions): Tensor {
  const op = 'randomUniform';
  const {
    options: checked,
    dtype = 'float32',
    requiresGrad,
  } = creationOptions(op, options, ['minval', 'maxval', 'seed']);
  const minval = checkNumber(op, 'minval', checked.minval ?? 0);
  const maxval = checkNumber(op, 'maxval', checked.maxval ?? 1, { min: minval });
  if (dtype === 'int32') {
    for (const [name, value] of [
      ['minval', minval],
      ['maxval', maxval],
    ] as const)
      if (!isInt32Value(value))
        throw new ValueError(
          op,
          `${name} to be an int32 value (${INT32_VALUES})`,
          describeValue(value),
        );
    // An empty integer range [minval, minval) has nothing to draw.
    if (maxval === minval)
      throw new ValueError(
        op,
        `maxval greater than minval (${minval}) for int32`,
        describeValue(maxval),
      );
  }
  checkGradDType(op, dtype, requiresGrad);
  const shapeChecked = checkShape(op, shape);
  const size = checkAllocation(op, 'shape', shapeChecked, dtype);
  const random = randomFor(checked.seed, op);
  const data = allocate(dtype, size);
  if (dtype === 'int32') {
    for (let i = 0; i < data.length; i++)
      data[i] = minval + Math.floor(random.uniform() * (maxval - minval));
  } else {
    for (let i = 0; i < data.length; i++) data[i] = minval + (maxval - minval) * random.uniform();
  }
  return new Tensor(data, shapeChecked, requiresGrad);
}
