import { storage } from '../dtype.js';
import { ValueError } from '../errors.js';
import { checkShape } from '../shape.js';
import { type Tensor, trustedTensor } from '../tensor.js';
import { checkAllocation } from '../validation/check-allocation.js';
import { describeValue } from '../validation/describe-value.js';
import { INT32_VALUES, isInt32Value } from '../validation/int32.js';
import { checkGradDType, creationOptions } from './creation-options.js';
import type { TensorOptions } from './tensor.js';

/**
 * @internal `full` under the name of the function the user called (`zeros`, `ones`, ...), so
 * errors name it: the shape is checked, and its size against the allocation limit, before
 * anything is allocated.
 */
export function fillTensor(
  op: string,
  shape: readonly number[],
  value: number,
  options: TensorOptions | undefined,
): Tensor {
  const { dtype = 'float32', requiresGrad } = creationOptions(op, options);
  const checked = checkShape(op, shape);
  const size = checkAllocation(op, 'shape', checked, dtype);
  if (typeof value !== 'number' || (dtype === 'int32' && !isInt32Value(value)))
    throw new ValueError(
      op,
      dtype === 'int32' ? `value to be an int32 value (${INT32_VALUES})` : 'value to be a number',
      describeValue(value),
    );
  checkGradDType(op, dtype, requiresGrad);
  const data = storage(dtype, size);
  if (value !== 0) data.fill(value);
  const result = trustedTensor(data, checked);
  result.requiresGrad = requiresGrad;
  return result;
}
