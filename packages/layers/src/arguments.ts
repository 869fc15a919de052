// The option checks of every layer, initializer and regularizer: one place that decides what a
// valid option is and how its error reads ("<layer>: expected <argument> <what>, received <what
// came>"), so that no constructor repeats a check of its own.
import { formatShape, ShapeError, Tensor, ValueError, isPlainObject } from '@recur/tensor';
import { describeValue } from '@recur/tensor';
import type { Shape } from './shape.js';

/**
 * The largest size a layer accepts for one dimension (units, ids, steps of a shape): 2^24, the
 * last integer float32 represents exactly, so every id and index of a float32 tensor is exact.
 *
 * @example
 * ```ts
 * import { MAX_DIMENSION } from '@recur/layers';
 * console.log(MAX_DIMENSION); // 16777216
 * ```
 */
export const MAX_DIMENSION = 2 ** 24;

/**
 * The most elements one weight may have (2^28: 1 GiB of float32). A configuration that implies a
 * larger weight (an `LSTM({ units: 100000 })` means a 4 * 10^10-element recurrent kernel) is
 * refused before anything is allocated or initialized, instead of running for minutes or
 * exhausting memory.
 *
 * @example
 * ```ts
 * import { MAX_WEIGHT_ELEMENTS } from '@recur/layers';
 * console.log(MAX_WEIGHT_ELEMENTS); // 268435456
 * ```
 */
export const MAX_WEIGHT_ELEMENTS = 2 ** 28;

/**
 * A positive integer no larger than `max` (default {@link MAX_DIMENSION}), or a ValueError naming
 * the layer and the argument.
 *
 * @example
 * ```ts
 * import { positiveInteger } from './arguments.js';
 * positiveInteger('dense', 'units', 8); // 8
 * ```
 */
export function positiveInteger(
  layer: string,
  argument: string,
  value: unknown,
  max = MAX_DIMENSION,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
    throw new ValueError(layer, `${argument} a positive integer`, describeValue(value));
  if (value > max)
    throw new ValueError(
      layer,
      `${argument} a positive integer no larger than ${max}`,
      describeValue(value),
    );
  return value;
}

/**
 * A rate in [0, 1), or a ValueError.
 *
 * @example
 * ```ts
 * import { rate } from './arguments.js';
 * rate('dropout', 'rate', 0.5); // 0.5
 * ```
 */
export function rate(layer: string, argument: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1))
    throw new ValueError(layer, `${argument} in [0, 1)`, describeValue(value));
  return value;
}

/**
 * A boolean option: `fallback` when absent (if there is one), else it must be `true` or `false`
 * (a string `"false"` is truthy in JavaScript, so anything else is refused rather than coerced).
 *
 * @example
 * ```ts
 * import { booleanOption } from './arguments.js';
 * booleanOption('lstm', 'goBackwards', undefined, false); // false
 * ```
 */
export function booleanOption(
  layer: string,
  argument: string,
  value: unknown,
  fallback: boolean | undefined,
): boolean {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'boolean')
    throw new ValueError(layer, `${argument} true or false`, describeValue(value));
  return value;
}

/**
 * A finite number (`fallback` when absent, if there is one), or a ValueError; `min` bounds it
 * from below.
 *
 * @example
 * ```ts
 * import { finiteNumber } from './arguments.js';
 * finiteNumber('masking', 'maskValue', undefined, 0); // 0
 * ```
 */
export function finiteNumber(
  layer: string,
  argument: string,
  value: unknown,
  fallback: number | undefined,
  range: { min?: number; openMin?: boolean } = {},
): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const { min = Number.NEGATIVE_INFINITY, openMin = false } = range;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    (openMin ? !(value > min) : !(value >= min))
  ) {
    const bound = min === Number.NEGATIVE_INFINITY ? '' : ` ${openMin ? '>' : '>='} ${min}`;
    throw new ValueError(layer, `${argument} a finite number${bound}`, describeValue(value));
  }
  return value;
}

/**
 * A seed: absent (`undefined` or `null`, as Keras serializes it) or a safe integer.
 *
 * @example
 * ```ts
 * import { seedOption } from './arguments.js';
 * seedOption('dropout', 'seed', 7); // 7
 * seedOption('dropout', 'seed', null); // undefined
 * ```
 */
export function seedOption(layer: string, argument: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw new ValueError(layer, `${argument} an integer or null`, describeValue(value));
  return value;
}

/**
 * One of `allowed` (compared with `===`), or a ValueError listing them.
 *
 * @example
 * ```ts
 * import { oneOf } from './arguments.js';
 * oneOf('bidirectional', 'mergeMode', 'sum', ['concat', 'sum', 'mul', 'ave', null]); // 'sum'
 * ```
 */
export function oneOf<T>(
  layer: string,
  argument: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (!allowed.includes(value as T)) {
    const names = allowed.map((item) => (typeof item === 'string' ? `'${item}'` : String(item)));
    throw new ValueError(layer, `${argument} one of ${names.join(', ')}`, describeValue(value));
  }
  return value as T;
}

/**
 * A non-empty string, or a ValueError.
 *
 * @example
 * ```ts
 * import { nonEmptyString } from './arguments.js';
 * nonEmptyString('Dense', 'name', 'head'); // 'head'
 * ```
 */
export function nonEmptyString(layer: string, argument: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new ValueError(layer, `${argument} a non-empty string`, describeValue(value));
  return value;
}

/**
 * A plain options object (`{}` when absent): an array, a tensor or a primitive in its place is
 * a ValueError, not a source of `Object.keys` surprises.
 *
 * @example
 * ```ts
 * import { optionsObject } from './arguments.js';
 * optionsObject('Dense', 'config', { units: 2 }); // { units: 2 }
 * ```
 */
export function optionsObject(
  layer: string,
  argument: string,
  value: unknown,
): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isPlainObject(value))
    throw new ValueError(layer, `${argument} an object of options`, describeValue(value));
  return value;
}

/**
 * A layer shape option: an array of positive integers (no larger than {@link MAX_DIMENSION}) or
 * `null` for an unknown size. `minRank` bounds its length.
 *
 * @example
 * ```ts
 * import { shapeOption } from './arguments.js';
 * shapeOption('lstm', 'inputShape', [null, 3]); // [null, 3]
 * ```
 */
export function shapeOption(
  layer: string,
  argument: string,
  value: unknown,
  options: { minRank?: number; allowUnknown?: boolean; wildcard?: boolean } = {},
): Shape {
  const { minRank = 0, allowUnknown = true, wildcard = false } = options;
  const what = `${argument} an array of${minRank > 0 ? ` at least ${minRank}` : ''} positive integers (each at most ${MAX_DIMENSION})${allowUnknown ? ' or null' : ''}${wildcard ? ' with at most one -1' : ''}`;
  if (!Array.isArray(value) || value.length < minRank)
    throw new ShapeError(layer, what, describeValue(value));
  let wildcards = 0;
  for (const size of value) {
    if (wildcard && size === -1) wildcards++;
    else if (!(size === null && allowUnknown) && !(isDimension(size, 1) && size <= MAX_DIMENSION))
      throw new ShapeError(layer, what, describeValue(value));
  }
  if (wildcards > 1) throw new ShapeError(layer, what, describeValue(value));
  return [...value];
}

/**
 * An input shape as `build` receives it (from a tensor or a symbolic tensor): an array of
 * non-negative integers or `null`. Anything else is a ShapeError naming `argument`.
 *
 * @example
 * ```ts
 * import { inputShapeArgument } from './arguments.js';
 * inputShapeArgument('dense', 'inputShape', [null, 3]); // [null, 3]
 * ```
 */
export function inputShapeArgument(layer: string, argument: string, value: unknown): Shape {
  if (!Array.isArray(value) || !value.every((size) => size === null || isDimension(size, 0)))
    throw new ShapeError(
      layer,
      `${argument} an array of non-negative integers or null`,
      describeValue(value),
    );
  return value;
}

/**
 * Refuses a weight of more than {@link MAX_WEIGHT_ELEMENTS} elements, naming the option that
 * makes it that large; called before the weight is allocated (or initialized).
 *
 * @example
 * ```ts
 * import { checkWeightSize } from './arguments.js';
 * checkWeightSize('lstm', 'units', 8, 'recurrent_kernel', [8, 32]); // fine
 * ```
 */
export function checkWeightSize(
  layer: string,
  argument: string,
  received: unknown,
  weight: string,
  shape: readonly number[],
): void {
  const elements = shape.reduce((a, b) => a * b, 1);
  if (elements > MAX_WEIGHT_ELEMENTS)
    throw new ValueError(
      layer,
      `${argument} for which ${weight} ${formatShape(shape)} has at most ${MAX_WEIGHT_ELEMENTS} elements`,
      `${describeValue(received)} (${elements} elements)`,
    );
}

/**
 * A tensor argument, or a ValueError naming it (a number, array or null where a tensor belongs
 * would otherwise fail deep inside an op with a generic TypeError).
 *
 * @example
 * ```ts
 * import { tensorArgument } from './arguments.js';
 * import { ones } from '@recur/tensor';
 * tensorArgument('dense', 'inputs', ones([1, 2]));
 * ```
 */
export function tensorArgument(layer: string, argument: string, value: unknown): Tensor {
  if (!(value instanceof Tensor))
    throw new ValueError(layer, `${argument} a Tensor`, describeValue(value));
  return value;
}

/**
 * Whether `value` is an integer in [min, 2^53) (a usable size of a dimension).
 *
 * @example
 * ```ts
 * import { isDimension } from './arguments.js';
 * isDimension(3, 1); // true
 * ```
 */
export function isDimension(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

/**
 * Refuses option names outside `known`, as Keras refuses unknown keyword arguments; a Keras
 * snake_case spelling gets a hint (`return_sequences (did you mean returnSequences?)`).
 *
 * @example
 * ```ts
 * import { rejectUnknownOptions } from './arguments.js';
 * rejectUnknownOptions('RandomNormal', ['stddev'], ['mean', 'stddev', 'seed']); // fine
 * ```
 */
export function rejectUnknownOptions(
  op: string,
  given: readonly string[],
  known: Iterable<string>,
): void {
  const names = new Set(known);
  const unknown = given.filter((key) => !names.has(key));
  if (unknown.length === 0) return;
  const hints = unknown.map((key) => {
    const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    return camel !== key && names.has(camel) ? `${key} (did you mean ${camel}?)` : key;
  });
  throw new ValueError(
    op,
    `options among ${[...names].sort().join(', ') || '(none)'}`,
    `unknown option${unknown.length > 1 ? 's' : ''} ${hints.join(', ')}`,
  );
}

export { isPlainObject };
