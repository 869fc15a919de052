import { allocate } from '../../dtype.js';
import { Tensor } from '../../tensor.js';
import { cast } from '../cast.js';

/** A 0/1 mask in the float dtype of x (any non-zero entry counts as valid). */
export function binaryMask(mask: Tensor, dtype: Tensor['dtype']): Tensor {
  const converted = cast(mask, dtype);
  const data = allocate(dtype, converted.size);
  for (let i = 0; i < data.length; i++) data[i] = converted.data[i] !== 0 ? 1 : 0;
  return new Tensor(data, mask.shape);
}
