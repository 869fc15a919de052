import { ValueError } from '../errors.js';
import { describeValue } from './describe-value.js';

function wanted(minimum: number, maximum: number | undefined): string {
  if (maximum !== undefined) return `an integer in [${minimum}, ${maximum}]`;
  if (minimum === 0) return 'a non-negative integer';
  if (minimum === 1) return 'a positive integer';
  return `an integer >= ${minimum}`;
}

/**
 * Checks an integer argument (a count, a size, an index): a safe integer (so exact) no smaller than
 * `minimum` and, when given, no larger than `maximum`. The message names the argument:
 * `op: expected sequenceLength to be a positive integer, received 0`.
 *
 * @example
 * ```ts
 * import { checkInteger } from '@recur/tensor';
 * checkInteger('oneHot', 'depth', 3, 1); // 3
 * // checkInteger('oneHot', 'depth', 2.5, 1) throws
 * //   "oneHot: expected depth to be a positive integer, received 2.5"
 * ```
 */
export function checkInteger(
  op: string,
  name: string,
  value: unknown,
  minimum: number,
  maximum?: number,
): number {
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < minimum ||
    (maximum !== undefined && value > maximum)
  )
    throw new ValueError(op, `${name} to be ${wanted(minimum, maximum)}`, describeValue(value));
  return value;
}
