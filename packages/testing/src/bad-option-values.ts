// Generators of definitely-invalid option values for the bad-input suites of @recur/layers,
// @recur/optim and @recur/losses. Every value an
// arbitrary here produces is wrong for the option it is named after; `undefined` never appears,
// since it means "absent, use the default", and `null` only where it is not a valid default.
import { zeros } from '@recur/tensor';
import fc from 'fast-check';

/** Names that live on Object.prototype: a registry kept in a plain object would find them. */
export const reservedNames = fc.constantFrom(
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupGetter__',
);

/** Names no registry holds: the reserved ones, and strings starting with '~'. */
export const unknownNames = fc.oneof(
  reservedNames,
  fc.string({ maxLength: 12 }).map((s) => `~${s}`),
);

/** Option names no constructor takes, as own keys (`__proto__` included, as JSON.parse makes it). */
export const unknownKeys = fc.oneof(
  reservedNames,
  fc.string({ minLength: 1, maxLength: 8 }).map((s) => `~${s}`),
);

/** An object holding `value` under the own key `key` (even `__proto__`). */
export function withOwnKey(base: object, key: string, value: unknown): Record<string, unknown> {
  const object: Record<string, unknown> = { ...base };
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return object;
}

const cyclic = (() => {
  const object: Record<string, unknown> = {};
  object.self = object;
  return object;
})();

export const symbols = fc.string({ maxLength: 4 }).map((description) => Symbol(description));

/** Objects of every kind, none of them a tensor, a number or a string. */
export const objects = fc.oneof(
  fc.constant({}),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  fc.constant(Object.create(null)),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}')),
  fc.constant(new Date(0)),
  fc.constant(new Map()),
  fc.constant(new Float32Array(2)),
  fc.constant(cyclic),
  fc.constant({
    toString() {
      throw new Error('toString must not be called');
    },
  }),
  fc.constant(() => 1),
);

/** Values that are not numbers at all (and not null: many options take null as "default"). */
export const nonNumbers = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -5, max: 5 }).map(String),
  fc.boolean(),
  symbols,
  fc.bigInt({ min: -10n, max: 10n }),
  objects,
  fc.array(fc.integer(), { maxLength: 3 }),
);

export const nonFinite = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
);

/** Anything but `true` and `false` (`'false'` and `0` included: both are refused, not coerced). */
export const notBoolean = fc.oneof(
  fc.constantFrom('true', 'false', '', 0, 1, null, Number.NaN),
  fc.string({ maxLength: 6 }),
  fc.double(),
  symbols,
  fc.bigInt({ min: -10n, max: 10n }),
  objects,
);

/** Not a finite number (null included). */
export const notFiniteNumber = fc.oneof(nonNumbers, nonFinite, fc.constant(null));

/** Not a finite number, or one below `min` (`open`: at `min` too). */
export function notNumberFrom(min: number, open = false): fc.Arbitrary<unknown> {
  return fc.oneof(
    notFiniteNumber,
    open ? fc.constant(min) : fc.constant(min - 1),
    fc
      .double({ max: min, maxExcluded: !open, noNaN: true })
      .filter((v) => (open ? v <= min : v < min)),
  );
}

/** Not a positive integer no larger than `max`: 0, negatives, fractions, huge values, strings... */
export function notPositiveInteger(max = 2 ** 24): fc.Arbitrary<unknown> {
  return fc.oneof(
    nonNumbers,
    nonFinite,
    fc.constant(null),
    fc.integer({ max: 0, min: -(2 ** 31) }),
    fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(max + 1, 2 ** 31, 2 ** 53, 1e300),
    fc.integer({ min: max + 1, max: Math.max(max + 1, 2 ** 31 - 1) }),
  );
}

/** Not a rate in [0, 1). */
export const notRate = fc.oneof(
  notFiniteNumber,
  fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
  fc.double({ min: 1, noNaN: true }),
  fc.constant(1),
);

/** Not a seed (null and undefined mean "no seed"): fractions, non-finite, strings... */
export const notSeed = fc.oneof(
  nonNumbers,
  nonFinite,
  fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }),
  fc.constant(2 ** 60),
);

/** Not a non-empty string (null excluded: it means "default" for names). */
export const notName = fc.oneof(
  fc.constant(''),
  fc.integer(),
  fc.boolean(),
  symbols,
  objects,
  fc.bigInt({ min: -10n, max: 10n }),
);

/** One wrong size of a shape option (null excluded: it means "unknown"). */
export const badDimension = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    -3,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    2 ** 24 + 1,
    1e9,
    undefined,
  ),
  fc.string({ maxLength: 3 }),
  fc.boolean(),
  symbols,
  objects,
);

const smallSizes = fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 2 });

/** Not a shape: a non-array, or an array with one wrong size among good ones. */
export const notShape = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.integer(),
  fc.boolean(),
  symbols,
  fc.constant({}),
  fc.constant(new Int32Array([2])),
  fc.constant(zeros([2])),
  fc.tuple(smallSizes, badDimension, smallSizes).map(([a, bad, b]) => [...a, bad, ...b]),
);

/** Not an initializer identifier; the `names` regex of a suite also lists the nested options. */
export const notInitializer = fc.oneof(
  unknownNames,
  fc.integer(),
  fc.boolean(),
  symbols,
  fc.constant([]),
  fc.constant(zeros([1])),
  fc.record({ className: unknownNames, config: fc.constant({}) }),
  fc.record({ className: fc.oneof(fc.integer(), objects) }),
  fc.constantFrom(
    { className: 'RandomNormal', config: { stddev: 'x' } },
    { className: 'RandomNormal', config: { stddev: -1 } },
    { className: 'TruncatedNormal', config: { mean: Number.NaN } },
    { className: 'RandomUniform', config: { minval: 1, maxval: 0 } },
    { className: 'RandomUniform', config: { seed: 0.5 } },
    { className: 'Constant', config: { value: Number.POSITIVE_INFINITY } },
    { className: 'Constant', config: { value: '1' } },
    { className: 'Orthogonal', config: { gain: 'x' } },
    { className: 'Orthogonal', config: { gain: Number.POSITIVE_INFINITY } },
    { className: 'Identity', config: { gain: Number.NaN } },
    { className: 'Zeros', config: { value: 1 } },
    { className: 'GlorotUniform', config: { seed: '1' } },
    { className: 'GlorotUniform', config: 'x' },
    { className: 'VarianceScaling', config: { mode: 'fan_in' } },
    { className: 'VarianceScaling', config: { distribution: 'normal' } },
    { className: 'VarianceScaling', config: { scale: 0 } },
  ),
);
/** The nested option names the errors for {@link notInitializer} may name instead. */
export const initializerOptionNames =
  'stddev|mean|minval|maxval|seed|value|gain|mode|distribution|scale';

/** Not a regularizer identifier (null means "none", so it is excluded). */
export const notRegularizer = fc.oneof(
  unknownNames,
  fc.integer(),
  fc.boolean(),
  symbols,
  fc.constant([]),
  fc.record({ className: fc.oneof(unknownNames, fc.integer(), objects) }),
  fc.constantFrom(
    { className: 'L2', config: { l2: -1 } },
    { className: 'L2', config: { l2: 'x' } },
    { className: 'L1', config: { l2: 0.1 } },
    { className: 'L1L2', config: { l1: Number.NaN } },
    { className: 'L1L2', config: 'x' },
  ),
);

/** Not an activation name (null means linear, so it is excluded). */
export const notActivation = fc.oneof(unknownNames, fc.integer(), fc.boolean(), symbols, objects);
