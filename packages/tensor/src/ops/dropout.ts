import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import { allocate } from '../dtype.js';
import { randomFor } from '../random.js';
import { Tensor } from '../tensor.js';
import { checkBoolean } from '../validation/check-boolean.js';
import { checkNumber } from '../validation/check-number.js';
import { checkTensor } from '../validation/check-tensor.js';
import { mul } from './binary-ops.js';
import { requireFloat } from './operands.js';

/**
 * Inverted dropout: zeroes each element with probability `rate` and scales the survivors by
 * `1 / (1 - rate)`, so the expected value is unchanged and inference needs no rescaling. The
 * identity when `training` is false or `rate` is 0. A `seed` makes the mask reproducible.
 *
 * @example
 * ```ts
 * import { dropout, ones } from '@recur/tensor';
 * dropout(ones([4]), 0.5, 42).toArray(); // e.g. [2, 0, 2, 0]
 * dropout(ones([4]), 0.5, 42, false).toArray(); // [1, 1, 1, 1]
 * ```
 */
export function dropout(x: Tensor, rate: number, seed?: number, training = true): Tensor {
  checkTensor('dropout', 'x', x);
  requireFloat('dropout', x, 'x');
  checkNumber('dropout', 'rate', rate, { min: 0, below: 1 });
  const random = randomFor(seed, 'dropout');
  if (!checkBoolean('dropout', 'training', training, true) || rate === 0) return x;
  const scale = 1 / (1 - rate);
  const mask = allocate(x.dtype, x.size);
  for (let i = 0; i < mask.length; i++) mask[i] = random.uniform() >= rate ? scale : 0;
  const maskTensor = new Tensor(mask, x.shape);
  const out = new Tensor(allocate(x.dtype, x.size), x.shape);
  for (let i = 0; i < mask.length; i++) out.data[i] = x.data[i] * mask[i];
  record('dropout', [x], [out], { mask: maskTensor });
  return out;
}

registerGradient('dropout', ([dy], { saved }) => [mul(dy!, saved.mask as Tensor)]);
