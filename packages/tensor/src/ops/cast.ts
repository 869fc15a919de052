import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import { allocate, type DType } from '../dtype.js';
import { Tensor } from '../tensor.js';

/**
 * Converts to another dtype (float to int32 truncates toward zero). Float-to-float casts carry
 * gradients; casts to int32 do not.
 *
 * @example
 * ```ts
 * import { cast, tensor } from '@recur/tensor';
 * cast(tensor([1.7, -1.7]), 'int32').toArray(); // [1, -1]
 * cast(tensor([1, 2]), 'float64').dtype; // 'float64'
 * ```
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  const data = allocate(dtype, x.size);
  if (dtype === 'int32') for (let i = 0; i < x.size; i++) data[i] = Math.trunc(x.data[i]);
  else data.set(x.data);
  const out = new Tensor(data, x.shape);
  if (dtype !== 'int32' && x.dtype !== 'int32') record('cast', [x], [out]);
  return out;
}

registerGradient('cast', ([dy], { inputs: [x] }) => [cast(dy!, x.dtype)]);
