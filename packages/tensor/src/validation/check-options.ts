import { ValueError } from '../errors.js';
import { describeValue } from './describe-value.js';

// What `undefined` options read as; shared, since callers only read it.
const NONE = Object.freeze({});

// Matches Keras spellings and case slips (`go_backwards`, `transposeb`) to the key meant.
const normalize = (key: string) => key.toLowerCase().replaceAll('_', '');

/**
 * Checks an options argument: `undefined` (no options) or a plain object whose keys are all among
 * `keys`. A misspelt key is refused rather than ignored, since ignoring it would silently use the
 * default; so is `null` for any key not in `nullable` (the keys where null means "none"), so a
 * caller's `option ?? default` never turns null into the default. Returns the object (`{}` for
 * `undefined`) so each option can be checked next.
 *
 * @example
 * ```ts
 * import { checkOptions } from '@recur/tensor';
 * const options = checkOptions('myOp', 'options', { scale: 2, mask: null }, ['scale', 'mask'], ['mask']);
 * // checkOptions('myOp', 'options', { scael: 2 }, ['scale']) throws a ValueError naming 'scael'
 * ```
 */
export function checkOptions<T extends object>(
  op: string,
  name: string,
  value: T | null | undefined,
  keys: readonly string[],
  nullable: readonly string[] = [],
): Partial<T> {
  for (const [list, label] of [
    [keys, 'keys'],
    [nullable, 'nullable'],
  ] as const)
    if (!Array.isArray(list) || !list.every((key) => typeof key === 'string'))
      throw new ValueError(
        'checkOptions',
        `${label} to be an array of strings`,
        describeValue(list),
      );
  if (value === undefined) return NONE;
  const prototype =
    typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
  if (prototype !== Object.prototype && prototype !== null)
    throw new ValueError(op, `${name} to be a plain object of options`, describeValue(value));
  const object = value as T;
  for (const key of Object.keys(object)) {
    if (keys.includes(key)) {
      if ((object as Record<string, unknown>)[key] === null && !nullable.includes(key))
        throw new ValueError(op, `${key} to be a value or left out`, 'null');
      continue;
    }
    const meant = keys.find((known) => normalize(known) === normalize(key));
    throw new ValueError(
      op,
      `${name} with only the keys ${keys.join(', ') || '(none)'}`,
      `the unknown key '${key}'${meant ? ` (did you mean ${meant}?)` : ''}`,
    );
  }
  return object;
}
