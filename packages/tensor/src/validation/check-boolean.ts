import { ValueError } from '../errors.js';
import { describeValue } from './describe-value.js';

/**
 * Checks a boolean argument; `undefined` gives `fallback`. A string such as `'false'` is refused:
 * it is truthy, so accepting it would silently mean `true`.
 *
 * @example
 * ```ts
 * import { checkBoolean } from '@recur/tensor';
 * checkBoolean('myOp', 'keepDims', undefined, false); // false
 * // checkBoolean('myOp', 'keepDims', 'false', false) throws a ValueError naming keepDims
 * ```
 */
export function checkBoolean(op: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean')
    throw new ValueError(op, `${name} to be a boolean`, describeValue(value));
  return value;
}
