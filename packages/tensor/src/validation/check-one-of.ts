import { ValueError } from '../errors.js';
import { describeValue } from './describe-value.js';

/**
 * Checks that an argument is one of the allowed strings:
 * `op: expected padding to be one of 'pre', 'post', received 'middle'`. Errors are `ValueError`s
 * unless another recur error class is given (the dtype checks use `DTypeError`).
 *
 * @example
 * ```ts
 * import { checkOneOf } from '@recur/tensor';
 * const mode = checkOneOf('bagOfWords', 'mode', 'count', ['binary', 'count'] as const); // 'count'
 * ```
 */
export function checkOneOf<T extends string>(
  op: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
  ErrorClass: new (op: string, expected: string, received: string) => Error = ValueError,
): T {
  if (!Array.isArray(allowed))
    throw new ValueError('checkOneOf', 'allowed to be an array of strings', describeValue(allowed));
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw new ErrorClass(
      op,
      `${name} to be one of ${allowed.map((item) => `'${item}'`).join(', ')}`,
      describeValue(value),
    );
  return value as T;
}
