import { record } from '../autograd/tape.js';
import { registerGradient } from '../autograd/gradient-registry.js';
import { allocate, checkDType, type DType } from '../dtype.js';
import { ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { checkAllocation } from '../validation/check-allocation.js';
import { checkTensor } from '../validation/check-tensor.js';
import { INT32_VALUES, isInt32Value } from '../validation/int32.js';

/**
 * Converts to another dtype. Float to int32 truncates toward zero; a value that has no int32
 * (NaN, an infinity, or beyond [-2^31, 2^31 - 1] after truncation) is a `ValueError` rather than
 * a silently wrapped integer. Float-to-float casts carry gradients; casts to int32 do not.
 *
 * @example
 * ```ts
 * import { cast, tensor } from '@recur/tensor';
 * cast(tensor([1.7, -1.7]), 'int32').toArray(); // [1, -1]
 * cast(tensor([1, 2]), 'float64').dtype; // 'float64'
 * ```
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  checkTensor('cast', 'x', x);
  checkDType('cast', 'dtype', dtype);
  if (x.dtype === dtype) return x;
  const data = allocate(dtype, checkAllocation('cast', 'x', x.shape, dtype));
  if (dtype === 'int32') {
    for (let i = 0; i < x.size; i++) {
      const value = Math.trunc(x.data[i]);
      if (!isInt32Value(value))
        throw new ValueError(
          'cast',
          `x to hold values with an int32 (after truncation: ${INT32_VALUES})`,
          `${x.data[i]} at flat position ${i}`,
        );
      data[i] = value;
    }
  } else data.set(x.data);
  const out = new Tensor(data, x.shape);
  if (dtype !== 'int32' && x.dtype !== 'int32') record('cast', [x], [out]);
  return out;
}

registerGradient('cast', ([dy], { inputs: [x] }) => [cast(dy!, x.dtype)]);
