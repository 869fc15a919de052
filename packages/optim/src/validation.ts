// The option and argument checks of every optimizer and schedule: one place that decides what a
// valid value is and how its error reads ("<op>: expected <label> <what>, received <what came>").
import { describeValue, isPlainObject, orDefault, Tensor, ValueError } from '@recur/tensor';

/**
 * Throws unless `value` is a finite number in the interval described (bounds inclusive unless
 * open). NaN and the infinities are never a usable hyperparameter.
 *
 * @example
 * ```ts
 * import { checkNumber } from './validation.js';
 * checkNumber('Adam', 'beta1', 0.9, { min: 0, max: 1, openMax: true }); // 0.9
 * ```
 */
export function checkNumber(
  op: string,
  label: string,
  value: unknown,
  range: { min?: number; max?: number; openMin?: boolean; openMax?: boolean } = {},
): number {
  const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY } = range;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (range.openMin ? value > min : value >= min) &&
    (range.openMax ? value < max : value <= max);
  if (!ok) {
    const interval =
      min === Number.NEGATIVE_INFINITY && max === Number.POSITIVE_INFINITY
        ? 'a finite number'
        : `a number in ${range.openMin ? '(' : '['}${min}, ${max}${range.openMax ? ')' : ']'}`;
    throw new ValueError(op, `${label} ${interval}`, describeValue(value));
  }
  return value as number;
}

/**
 * Throws unless `value` is a positive integer.
 *
 * @example
 * ```ts
 * import { checkPositiveInteger } from './validation.js';
 * checkPositiveInteger('Warmup', 'steps', 10); // 10
 * ```
 */
export function checkPositiveInteger(op: string, label: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)
    throw new ValueError(op, `${label} a positive integer`, describeValue(value));
  return value;
}

/**
 * Throws unless `value` is a boolean (a string `"false"` is truthy, so it is refused, not
 * coerced).
 *
 * @example
 * ```ts
 * import { checkBoolean } from './validation.js';
 * checkBoolean('SGD', 'nesterov', true); // true
 * ```
 */
export function checkBoolean(op: string, label: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new ValueError(op, `${label} true or false`, describeValue(value));
  return value;
}

/**
 * Throws unless `value` is a non-empty string.
 *
 * @example
 * ```ts
 * import { checkName } from './validation.js';
 * checkName('Adam', 'name', 'adam'); // 'adam'
 * ```
 */
export function checkName(op: string, label: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new ValueError(op, `${label} a non-empty string`, describeValue(value));
  return value;
}

/**
 * The options object of a constructor, checked: a plain object (`{}` when absent) with no names
 * outside `allowed` (catches `beta_1` for `beta1`, typos, and `__proto__` keys of parsed JSON).
 *
 * @example
 * ```ts
 * import { checkKeys } from './validation.js';
 * checkKeys('SGD', { momentum: 0.9 }, ['momentum', 'nesterov']); // { momentum: 0.9 }
 * ```
 */
export function checkKeys(
  op: string,
  config: unknown,
  allowed: readonly string[],
): Record<string, unknown> {
  const options = optionsObject(op, config);
  const unknown = Object.keys(options).filter((key) => !allowed.includes(key));
  if (unknown.length > 0)
    throw new ValueError(op, `options among ${allowed.join(', ')}`, unknown.join(', '));
  return options;
}

/**
 * A plain options object (`{}` when absent), or a ValueError naming `config`.
 *
 * @example
 * ```ts
 * import { optionsObject } from './validation.js';
 * optionsObject('optimizerFromConfig', { learningRate: 0.1 }); // { learningRate: 0.1 }
 * ```
 */
export function optionsObject(op: string, config: unknown): Record<string, unknown> {
  if (config === undefined) return {};
  if (!isPlainObject(config))
    throw new ValueError(op, 'config an object of options', describeValue(config));
  return config;
}

/**
 * Throws unless `value` is an array of tensors (what `apply`, `getState` and `setState` update).
 *
 * @example
 * ```ts
 * import { checkTensors } from './validation.js';
 * import { zeros } from '@recur/tensor';
 * checkTensors('SGD.apply', 'params', [zeros([2])]);
 * ```
 */
export function checkTensors(op: string, label: string, value: unknown): readonly Tensor[] {
  if (!Array.isArray(value))
    throw new ValueError(op, `${label} an array of tensors`, describeValue(value));
  value.forEach((item, i) => {
    if (!(item instanceof Tensor))
      throw new ValueError(op, `${label}[${i}] a Tensor`, describeValue(item));
  });
  return value;
}

export { describeValue, isPlainObject, orDefault };
