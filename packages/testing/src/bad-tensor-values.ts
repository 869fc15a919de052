// Generators of values that are definitely invalid for an argument of a given kind, for the
// bad-input suites (see @recur/testing's refusesBadInputs). Each one excludes every valid value,
// so an accepted input is a silent result and fails the property. `undefined` is left out where
// it means "use the default".
import { type Tensor, tensor, zeros } from '@recur/tensor';
import fc from 'fast-check';

/** Values of the other JavaScript kinds: never a number. */
export const notNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('0', '1', '0.5', '-1', 'NaN', ''),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt({ min: -10n, max: 10n }),
  fc.constant(Symbol('bad')),
  fc.constant(() => 1),
  fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 3 }),
  fc.constant({ valueOf: () => 1 }),
  fc.constant(new Date(0)),
  fc.constant(new Map()),
);

/** NaN and the infinities. */
export const nonFinite = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -Infinity);

/** Finite numbers with a fractional part. */
export const fraction = fc
  .double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
  .filter((x) => !Number.isInteger(x));

/** Integers beyond 2^53 (not exact) or far beyond any real size. */
export const huge = fc.constantFrom(2 ** 53, 2 ** 60, 1e300, Number.MAX_VALUE);

/** Never an integer: other kinds, NaN, infinities, fractions. */
export const notInteger = fc.oneof(notNumber, nonFinite, fraction);

/** Numbers that are not exactly representable in an int32. */
export const notInt32 = fc.oneof(
  nonFinite,
  fraction,
  fc.integer({ min: 2 ** 31, max: 2 ** 40 }),
  fc.integer({ min: -(2 ** 40), max: -(2 ** 31) - 1 }),
  fc.constantFrom(3e9, 2 ** 31, -(2 ** 31) - 1, 1e300),
);

/** Never a boolean (strings such as 'false' included: they are truthy). */
export const notBoolean: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('true', 'false', '', 'yes', 0, 1, Number.NaN, null),
  fc.string({ maxLength: 4 }),
  fc.integer(),
  fc.constant({}),
  fc.constant([true]),
);

/** A string that is none of `allowed` (or another kind). */
export function notOneOf(allowed: readonly string[]): fc.Arbitrary<unknown> {
  return fc
    .oneof(
      fc.string({ maxLength: 8 }).filter((s) => !allowed.includes(s)),
      fc.constantFrom(...allowed.map((a) => a.toUpperCase()), ...allowed.map((a) => ` ${a}`)),
      fc.constantFrom(0, 1, null, true, Symbol('dtype')),
      fc.constant({}),
    )
    .filter((value) => !allowed.includes(value as string));
}

/** A small valid shape (so a tensor of it is cheap). */
export const smallShape = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 });

/** A shape argument that is not a list of non-negative integers, or has too many axes. */
export const badShape: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, 3, '2,3', {}, Symbol('shape'), new Int32Array([2])),
  fc
    .tuple(smallShape, fc.oneof(notInteger, fc.integer({ min: -100, max: -1 })), fc.nat())
    .map(([shape, bad, at]) => {
      const copy: unknown[] = [...shape];
      copy[at % (copy.length + 1)] = bad;
      return copy;
    }),
  // A hole in a sparse array is no dimension either.
  fc.integer({ min: 1, max: 4 }).map((n) => {
    const sparse = new Array<number>(n + 1);
    sparse[n] = 2;
    return sparse;
  }),
  fc.integer({ min: 65, max: 200 }).map((n) => new Array<number>(n).fill(1)),
);

/** A valid-looking shape whose size is beyond the default allocation limit (2^31 - 1 elements). */
export const hugeShape = fc.oneof(
  fc.constantFrom(
    [1e5, 1e5, 1e5],
    [2 ** 31],
    [2 ** 26, 2 ** 26],
    [2 ** 40, 2 ** 40],
    [2 ** 53 - 1],
  ),
  fc
    .tuple(fc.integer({ min: 46_341, max: 1e7 }), fc.integer({ min: 46_341, max: 1e7 }))
    .map(([a, b]) => [a, b]),
  // At least 1000^4 = 1e12 elements, beyond any default limit.
  fc.array(fc.integer({ min: 1000, max: 5000 }), { minLength: 4, maxLength: 6 }),
);

/** A fresh tensor whose buffer was transferred away (detached). */
export function detachedTensor(): fc.Arbitrary<Tensor> {
  return smallShape.map((shape) => detach(zeros(shape)));
}

/** Detaches a tensor's buffer, as `postMessage(x, [buffer])` does. */
export function detach<T extends Tensor>(t: T): T {
  structuredClone(t.data.buffer, { transfer: [t.data.buffer as ArrayBuffer] });
  return t;
}

/** A fresh typed array whose buffer was transferred away. */
export const detachedArray = fc.integer({ min: 1, max: 4 }).map((n) => {
  const values = new Float32Array(n);
  structuredClone(values.buffer, { transfer: [values.buffer] });
  return values;
});

/** Nested arrays of numbers with one entry replaced by something that is not a number. */
export const nestedWithBadLeaf = fc
  .tuple(smallShape, fc.nat(), fc.oneof(notNumber, fc.constant(undefined)))
  .filter(([, , bad]) => !Array.isArray(bad))
  .map(([shape, at, bad]) => {
    const nested = zeros(shape).toArray() as unknown[];
    let level = nested;
    for (let depth = 0; depth < shape.length - 1; depth++)
      level = level[at % level.length] as unknown[];
    level[at % level.length] = bad;
    return nested;
  });

/** Nested arrays that are not rectangular. */
export const ragged = fc
  .tuple(
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 3 }),
  )
  .filter(([a, b]) => a !== b)
  .map(([a, b, rows]) => [
    ...Array.from({ length: rows }, () => new Array<number>(a).fill(1)),
    new Array<number>(b).fill(2),
  ]);

/** Arrays that contain themselves, or are nested deeper than any tensor's rank. */
export const endlessNesting = fc.oneof(
  fc.integer({ min: 1, max: 3 }).map((n) => {
    const self: unknown[] = new Array(n).fill(0);
    self[0] = self;
    return self;
  }),
  fc.integer({ min: 65, max: 300 }).map((depth) => {
    let nested: unknown = [1];
    for (let i = 0; i < depth; i++) nested = [nested];
    return nested;
  }),
);

/** What can never be converted to a tensor: other kinds, bad nesting, unusable typed arrays. */
export const notTensorLike: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, 'a', '', true, Symbol('x'), 10n, () => 0),
  fc.constant({ shape: [2], data: new Float32Array(2) }),
  fc.constant(new Map()),
  fc.string({ maxLength: 4 }),
  nestedWithBadLeaf,
  ragged,
  endlessNesting,
  detachedArray,
  fc.constantFrom(new DataView(new ArrayBuffer(8)), new BigInt64Array(2)),
);

/** A value that is not a live Tensor (for arguments that must be a Tensor). */
export const notTensor: fc.Arbitrary<unknown> = fc.oneof(
  notTensorLike,
  fc.constant([1, 2]),
  fc.constant(new Float32Array(2)),
  fc.integer(),
  detachedTensor(),
);

/** An options argument that is not a plain object, or has a key outside `keys`. */
export function badOptions(keys: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(null, 'options', 5, true, [1], new Map(), new Date(0), () => ({})),
    fc
      .tuple(
        fc.string({ minLength: 1, maxLength: 8 }).filter((key) => !keys.includes(key)),
        fc.anything({ maxDepth: 0 }),
      )
      .map(([key, value]) => ({ [key]: value })),
    // Keras' snake_case and case slips are unknown keys too.
    fc
      .constantFrom(...keys)
      .map((key) => ({ [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).toUpperCase()]: 1 })),
  );
}

/** A float32 tensor of `shape` with values 0, 1, 2, ... */
export function counting(shape: readonly number[]): Tensor {
  let size = 1;
  for (const d of shape) size *= d;
  return tensor(
    Float32Array.from({ length: size }, (_, i) => i),
    shape,
  );
}
