/** The values an int32 tensor can hold, as written in error messages. */
export const INT32_VALUES = 'integers in [-2147483648, 2147483647]';

/**
 * Whether `value` is a number an int32 tensor stores exactly: an integer in
 * [-2147483648, 2147483647] (so not NaN, not infinite, not fractional).
 *
 * @example
 * ```ts
 * import { isInt32Value } from '@recur/tensor';
 * isInt32Value(7); // true
 * isInt32Value(2 ** 31); // false
 * isInt32Value(0.5); // false
 * ```
 */
export function isInt32Value(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= -2147483648 &&
    value <= 2147483647
  );
}
