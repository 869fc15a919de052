// The option and argument checks of every loss and metric: one place that decides what a valid
// value is and how its error reads ("<op>: expected <label> <what>, received <what came>").
import { describeValue, isPlainObject, orDefault, Tensor, ValueError } from '@recur/tensor';

/**
 * A plain options object (`{}` when absent) with no names outside `allowed`: a misspelt option
 * (`from_logits`) is refused instead of ignored.
 *
 * @example
 * ```ts
 * import { checkOptions } from './validation.js';
 * checkOptions('BinaryCrossentropy', { fromLogits: true }, ['name', 'fromLogits']);
 * ```
 */
export function checkOptions(
  op: string,
  config: unknown,
  allowed: readonly string[],
): Record<string, unknown> {
  if (config === undefined) return {};
  if (!isPlainObject(config)) throw new ValueError(op, 'options an object', describeValue(config));
  const unknown = Object.keys(config).filter((key) => !allowed.includes(key));
  if (unknown.length > 0)
    throw new ValueError(op, `options among ${allowed.join(', ')}`, unknown.join(', '));
  return config;
}

/**
 * `fallback` when absent, else a boolean (a string `"false"` is truthy: refused, not coerced).
 *
 * @example
 * ```ts
 * import { checkBoolean } from './validation.js';
 * checkBoolean('BinaryCrossentropy', 'fromLogits', undefined, false); // false
 * ```
 */
export function checkBoolean(
  op: string,
  label: string,
  value: unknown,
  fallback: boolean,
): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean')
    throw new ValueError(op, `${label} true or false`, describeValue(value));
  return value;
}

/**
 * Throws unless `value` is a finite number in `[low, high]` (or `(low, high)` when `open`).
 *
 * @example
 * ```ts
 * import { checkRange } from './validation.js';
 * checkRange('binaryCrossentropy', 'labelSmoothing', 0.1, 0, 1);
 * ```
 */
export function checkRange(
  op: string,
  label: string,
  value: unknown,
  low: number,
  high: number,
  open = false,
): number {
  const inside = open ? (v: number) => v > low && v < high : (v: number) => v >= low && v <= high;
  if (typeof value !== 'number' || !Number.isFinite(value) || !inside(value))
    throw new ValueError(
      op,
      `${label} in ${open ? '(' : '['}${low}, ${high}${open ? ')' : ']'}`,
      describeValue(value),
    );
  return value;
}

/**
 * Throws unless `value` is a safe integer no smaller than `min` (`null` passes when `nullable`).
 *
 * @example
 * ```ts
 * import { checkInteger } from './validation.js';
 * checkInteger('SparseCategoricalCrossentropy', 'ignoreClass', -1, { nullable: true });
 * ```
 */
export function checkInteger(
  op: string,
  label: string,
  value: unknown,
  { min = Number.MIN_SAFE_INTEGER, nullable = false }: { min?: number; nullable?: boolean } = {},
): number | null {
  if (nullable && value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    const bound = min === Number.MIN_SAFE_INTEGER ? 'an integer' : `an integer >= ${min}`;
    throw new ValueError(
      op,
      `${label} ${bound}${nullable ? ' or null' : ''}`,
      describeValue(value),
    );
  }
  return value;
}

/**
 * Throws unless `value` is a non-empty string.
 *
 * @example
 * ```ts
 * import { checkName } from './validation.js';
 * checkName('Loss', 'name', 'mse'); // 'mse'
 * ```
 */
export function checkName(op: string, label: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new ValueError(op, `${label} a non-empty string`, describeValue(value));
  return value;
}

/**
 * Throws unless `value` is a tensor (a number or an array where a tensor belongs would otherwise
 * fail deep inside an op with a generic TypeError).
 *
 * @example
 * ```ts
 * import { checkTensor } from './validation.js';
 * import { zeros } from '@recur/tensor';
 * checkTensor('meanSquaredError', 'yTrue', zeros([2]));
 * ```
 */
export function checkTensor(op: string, label: string, value: unknown): Tensor {
  if (!(value instanceof Tensor))
    throw new ValueError(op, `${label} a Tensor`, describeValue(value));
  return value;
}

/**
 * {@link checkTensor} for an optional tensor: `null` when absent.
 *
 * @example
 * ```ts
 * import { optionalTensor } from './validation.js';
 * optionalTensor('compute', 'sampleWeight', undefined); // null
 * ```
 */
export function optionalTensor(op: string, label: string, value: unknown): Tensor | null {
  return value === undefined || value === null
    ? null
    : checkTensor(op, `${label} (or null)`, value);
}

export { describeValue, isPlainObject, orDefault };
