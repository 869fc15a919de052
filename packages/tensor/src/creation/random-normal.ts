import { allocate, type DType } from '../dtype.js';
import { DTypeError } from '../errors.js';
import { randomFor } from '../random.js';
import { checkShape, sizeOf } from '../shape.js';
import { Tensor } from '../tensor.js';

export interface RandomNormalOptions {
  mean?: number;
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
export function randomNormal(shape: readonly number[], options: RandomNormalOptions = {}): Tensor {
  const { mean = 0, stddev = 1, dtype = 'float32' } = options;
  if (dtype === 'int32') throw new DTypeError('randomNormal', 'float32 or float64', dtype);
  const checked = checkShape('randomNormal', shape);
  const random = randomFor(options.seed);
  const data = allocate(dtype, sizeOf(checked));
  for (let i = 0; i < data.length; i++) data[i] = mean + stddev * random.normal();
  return new Tensor(data, checked, options.requiresGrad ?? false);
}
