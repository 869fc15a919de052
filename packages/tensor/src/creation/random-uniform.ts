import { allocate, type DType } from '../dtype.js';
import { randomFor } from '../random.js';
import { checkShape, sizeOf } from '../shape.js';
import { Tensor } from '../tensor.js';

export interface RandomUniformOptions {
  minval?: number;
  maxval?: number;
  /** A fixed seed; without one the global generator (see `seed()`) is used. */
  seed?: number;
  /** `int32` draws integers in `[minval, maxval)`. */
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
 * ```
 */
export function randomUniform(
  shape: readonly number[],
  options: RandomUniformOptions = {},
): Tensor {
  const { minval = 0, maxval = 1, dtype = 'float32' } = options;
  const checked = checkShape('randomUniform', shape);
  const random = randomFor(options.seed);
  const data = allocate(dtype, sizeOf(checked));
  if (dtype === 'int32') {
    for (let i = 0; i < data.length; i++)
      data[i] = minval + Math.floor(random.uniform() * (maxval - minval));
  } else {
    for (let i = 0; i < data.length; i++) data[i] = minval + (maxval - minval) * random.uniform();
  }
  return new Tensor(data, checked, options.requiresGrad ?? false);
}
