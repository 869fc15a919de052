import { allocate, type DType } from '../dtype.js';
import { DTypeError } from '../errors.js';
import { randomFor } from '../random.js';
import { checkShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { checkAllocation } from '../validation/check-allocation.js';
import { checkNumber } from '../validation/check-number.js';
import { creationOptions } from './creation-options.js';

export interface RandomNormalOptions {
  mean?: number;
  /** A non-negative standard deviation (default 1). */
  stddev?: number;
  /** A fixed seed; without one the global generator (see `seed()`) is used. */
  seed?: number;
  dtype?: DType;
  requiresGrad?: boolean;
}

/**
 * Normally distributed values.
 *
 * @example
 * ```ts
 * import { randomNormal } from '@recur/tensor';
 * const noise = randomNormal([2, 3], { stddev: 0.1, seed: 7 });
 * ```
 */
export function randomNormal(shape: readonly number[], options?: RandomNormalOptions): Tensor {
  const op = 'randomNormal';
  const {
    options: checked,
    dtype = 'float32',
    requiresGrad,
  } = creationOptions(op, options, ['mean', 'stddev', 'seed']);
  if (dtype === 'int32') throw new DTypeError(op, 'dtype float32 or float64', dtype);
  const mean = checkNumber(op, 'mean', checked.mean ?? 0);
  const stddev = checkNumber(op, 'stddev', checked.stddev ?? 1, { min: 0 });
  const shapeChecked = checkShape(op, shape);
  const size = checkAllocation(op, 'shape', shapeChecked, dtype);
  const random = randomFor(checked.seed, op);
  const data = allocate(dtype, size);
  for (let i = 0; i < data.length; i++) data[i] = mean + stddev * random.normal();
  return new Tensor(data, shapeChecked, requiresGrad);
}
