import { allocate, checkDType, type DType } from '../dtype.js';
import { ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { checkAllocation } from '../validation/check-allocation.js';
import { checkNumber } from '../validation/check-number.js';
import { checkOptions } from '../validation/check-options.js';
import { describeValue } from '../validation/describe-value.js';
import { INT32_VALUES, isInt32Value } from '../validation/int32.js';

/**
 * Evenly spaced values in `[start, stop)`: `arange(n)` is `0 .. n-1`. With `dtype: 'int32'`, start
 * and step must be integers so every value is exact.
 *
 * @example
 * ```ts
 * import { arange } from '@recur/tensor';
 * arange(4).toArray(); // [0, 1, 2, 3]
 * arange(1, 2, 0.25).toArray(); // [1, 1.25, 1.5, 1.75]
 * arange(3, undefined, undefined, { dtype: 'int32' });
 * ```
 */
export function arange(
  start: number,
  stop?: number,
  step = 1,
  options?: { dtype?: DType },
): Tensor {
  const op = 'arange';
  const checked = checkOptions(op, 'options', options, ['dtype']);
  const dtype = checked.dtype === undefined ? 'float32' : checkDType(op, 'dtype', checked.dtype);
  checkNumber(op, 'start', start);
  if (stop === undefined) {
    stop = start;
    start = 0;
  } else checkNumber(op, 'stop', stop);
  checkNumber(op, 'step', step);
  if (step === 0) throw new ValueError(op, 'step to be non-zero', '0');
  // A quotient beyond 2^53 (or Infinity) is refused by the allocation check, before any loop.
  const length = Math.max(0, Math.ceil((stop - start) / step));
  checkAllocation(op, 'start, stop and step', [length], dtype);
  if (dtype === 'int32') {
    const last = start + (length - 1) * step;
    for (const [name, value] of [
      ['start', start],
      ['step', step],
      ['the last value', length > 0 ? last : 0],
    ] as const)
      if (!isInt32Value(value))
        throw new ValueError(
          op,
          `${name} to be an int32 value (${INT32_VALUES})`,
          describeValue(value),
        );
  }
  const data = allocate(dtype, length);
  for (let i = 0; i < length; i++) data[i] = start + i * step;
  return new Tensor(data, [length]);
}
