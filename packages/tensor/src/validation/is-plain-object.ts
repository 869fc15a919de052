/**
 * Whether `value` is an object literal (or `Object.create(null)`), not an array, a class instance
 * or anything with a prototype of its own: what an options object or a parsed config must be.
 *
 * @example
 * ```ts
 * import { isPlainObject } from '@recur/tensor';
 * isPlainObject({ units: 4 }); // true
 * isPlainObject([]); // false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
