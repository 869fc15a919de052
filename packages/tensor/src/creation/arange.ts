import { allocate, type DType } from '../dtype.js';
import { ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';

/**
 * Evenly spaced values in `[start, stop)`: `arange(n)` is `0 .. n-1`.
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
  options: { dtype?: DType } = {},
): Tensor {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  if (!Number.isFinite(start) || !Number.isFinite(stop) || !Number.isFinite(step) || step === 0) {
    throw new ValueError(
      'arange',
      'finite start and stop and a non-zero finite step',
      `start ${start}, stop ${stop}, step ${step}`,
    );
  }
  const length = Math.max(0, Math.ceil((stop - start) / step));
  const data = allocate(options.dtype ?? 'float32', length);
  for (let i = 0; i < length; i++) data[i] = start + i * step;
  return new Tensor(data, [length]);
}
