// Property-based bad-input suite, family (a): tensor creation. Every generated call must be refused
// with a typed recur error naming the argument (see @recur/testing's refusesBadInputs); each
// property runs badInputRuns.numRuns generated inputs (1,000 by default).
import * as t from '@recur/tensor';
import { describeBackends, refusesBadInputs, badTensorValues } from '@recur/testing';
import fc from 'fast-check';
import { it } from 'vitest';
const {
  badOptions,
  badShape,
  detachedArray,
  detachedTensor,
  endlessNesting,
  fraction,
  huge,
  hugeShape,
  nestedWithBadLeaf,
  nonFinite,
  notBoolean,
  notInt32,
  notInteger,
  notNumber,
  notOneOf,
  notTensor,
  notTensorLike,
  ragged,
  smallShape,
} = badTensorValues;

const DTYPES = ['float32', 'float64', 'int32'];
type Creator = (shape: readonly number[], options?: object) => t.Tensor;
const creators: Record<string, Creator> = {
  zeros: (shape, options) => t.zeros(shape, options),
  ones: (shape, options) => t.ones(shape, options),
  full: (shape, options) => t.full(shape, 2, options),
  randomNormal: (shape, options) => t.randomNormal(shape, options),
  randomUniform: (shape, options) => t.randomUniform(shape, options),
};
const creatorNames = Object.keys(creators);

describeBackends('bad inputs: tensor creation', () => {
  it('tensor() refuses values that are no tensor data', () => {
    refusesBadInputs(notTensorLike, (values) => ({
      run: () => t.tensor(values as number[]),
      names: 'values',
    }));
  });

  it('tensor() refuses values an int32 cannot hold (no wrapping, no truncation)', () => {
    const values = fc.oneof(
      fc.tuple(fc.array(fc.integer(), { maxLength: 3 }), notInt32).map(([ok, bad]) => [...ok, bad]),
      notInt32.map((bad) => [[0, bad]]),
      notInt32.map((bad) => bad),
      notInt32.map((bad) => Float64Array.of(1, bad)),
      // Fractions that survive rounding to float32 (1e-50 would round to an integer, 0).
      fraction.map((bad) => Float32Array.of(bad)).filter((values) => !Number.isInteger(values[0])),
      fc.integer({ min: 2 ** 31, max: 2 ** 32 - 1 }).map((bad) => Uint32Array.of(bad)),
    );
    refusesBadInputs(values, (bad) => ({
      run: () => t.tensor(bad as number[], undefined, { dtype: 'int32' }),
      names: 'values',
    }));
  });

  it('tensor() refuses Uint32Array values beyond int32 (its default dtype)', () => {
    refusesBadInputs(fc.integer({ min: 2 ** 31, max: 2 ** 32 - 1 }), (bad) => ({
      run: () => t.tensor(Uint32Array.of(0, bad)),
      names: 'values',
    }));
  });

  it('tensor() refuses a bad or mismatched shape', () => {
    const shapes = fc.oneof(
      badShape,
      // Valid shapes of the wrong size for the six values given.
      smallShape.filter((shape) => shape.reduce((a, b) => a * b, 1) !== 6),
    );
    refusesBadInputs(shapes, (shape) => ({
      run: () => t.tensor([1, 2, 3, 4, 5, 6], shape as number[]),
      names: 'shape',
    }));
  });

  it('tensor() refuses bad options', () => {
    const cases = fc.oneof(
      badOptions(['dtype', 'requiresGrad']).map((options) => ({ options, names: 'options' })),
      notOneOf(DTYPES).map((dtype) => ({ options: { dtype }, names: 'dtype' })),
      notBoolean.map((requiresGrad) => ({ options: { requiresGrad }, names: 'requiresGrad' })),
      fc.constant({ options: { dtype: 'int32', requiresGrad: true }, names: 'requiresGrad' }),
    );
    refusesBadInputs(cases, ({ options, names }) => ({
      run: () => t.tensor([1, 2], undefined, options as t.TensorOptions),
      names,
    }));
  });

  it('zeros, ones, full, randomNormal and randomUniform refuse bad shapes', () => {
    refusesBadInputs(fc.tuple(fc.constantFrom(...creatorNames), badShape), ([name, shape]) => ({
      run: () => creators[name](shape as number[]),
      names: `${name}: expected shape`,
    }));
  });

  it('the creators refuse shapes beyond the allocation limit, before allocating', () => {
    refusesBadInputs(
      fc.tuple(fc.constantFrom(...creatorNames), hugeShape, fc.constantFrom(...DTYPES)),
      ([name, shape, dtype]) => ({
        run: () =>
          creators[name](shape, name === 'randomNormal' ? { dtype: 'float64' } : { dtype }),
        names: /shape to give a tensor within the allocation limit/,
      }),
    );
  });

  it('the creators refuse bad options', () => {
    const cases = fc.oneof(
      fc.tuple(fc.constantFrom(...creatorNames), notOneOf(DTYPES)).map(([name, dtype]) => ({
        name,
        options: { dtype },
        names: 'dtype',
      })),
      fc.tuple(fc.constantFrom(...creatorNames), notBoolean).map(([name, requiresGrad]) => ({
        name,
        options: { requiresGrad },
        names: 'requiresGrad',
      })),
      fc.constantFrom('zeros', 'ones', 'full', 'randomUniform').map((name) => ({
        name,
        options: { dtype: 'int32', requiresGrad: true },
        names: 'requiresGrad',
      })),
      fc
        .tuple(fc.constantFrom(...creatorNames), badOptions(['dtype', 'requiresGrad']))
        .map(([name, options]) => ({ name, options, names: 'options' })),
      fc.constant({ name: 'randomNormal', options: { dtype: 'int32' }, names: 'dtype' }),
      fc
        .tuple(fc.constantFrom('mean', 'stddev', 'seed'), fc.oneof(notNumber, nonFinite))
        .map(([key, value]) => ({ name: 'randomNormal', options: { [key]: value }, names: key })),
      fc
        .double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true })
        .map((stddev) => ({ name: 'randomNormal', options: { stddev }, names: 'stddev' })),
      fc
        .tuple(fc.constantFrom('minval', 'maxval', 'seed'), fc.oneof(notNumber, nonFinite))
        .map(([key, value]) => ({ name: 'randomUniform', options: { [key]: value }, names: key })),
      fc
        .tuple(fc.integer({ min: -100, max: 100 }), fc.integer({ min: 1, max: 100 }))
        .map(([minval, gap]) => ({
          name: 'randomUniform',
          options: { minval, maxval: minval - gap },
          names: 'maxval',
        })),
      fc.tuple(fc.constantFrom('minval', 'maxval'), notInt32).map(([key, value]) => ({
        name: 'randomUniform',
        options: {
          dtype: 'int32',
          minval: key === 'minval' ? value : -1e12,
          maxval: 1e12,
          [key]: value,
        },
        names: /minval|maxval/,
      })),
    );
    refusesBadInputs(cases, ({ name, options, names }) => ({
      run: () => creators[name]([2, 2], options as object),
      names,
    }));
  });

  it('full refuses a fill value that is no number, or no int32 for int32', () => {
    const cases = fc.oneof(
      notNumber.map((value) => ({ value, dtype: 'float32' })),
      notInt32.map((value) => ({ value, dtype: 'int32' })),
    );
    refusesBadInputs(cases, ({ value, dtype }) => ({
      run: () => t.full([2], value as number, { dtype: dtype as t.DType }),
      names: 'value',
    }));
  });

  it('arange refuses bad bounds, a zero step, and lengths beyond the allocation limit', () => {
    const bad = fc.oneof(notNumber, nonFinite);
    const cases = fc.oneof(
      bad.map((start) => ({ args: [start, 10, 1], names: 'start' })),
      bad.map((stop) => ({ args: [0, stop, 1], names: 'stop' })),
      fc.oneof(bad, fc.constant(0)).map((step) => ({ args: [0, 10, step], names: 'step' })),
      fc
        .tuple(fc.integer({ min: 1, max: 100 }), huge)
        .map(([start, stop]) => ({ args: [start, stop, 1e-3], names: /start, stop and step/ })),
      fc
        .constantFrom(1e-12, 1e-300)
        .map((step) => ({ args: [0, 1, step], names: /stop and step/ })),
      fc.tuple(fraction, fc.boolean()).map(([value, asStep]) => ({
        args: asStep ? [0, 10, value] : [value, 10, 1],
        dtype: 'int32',
        names: asStep ? 'step' : 'start',
      })),
      fc.constant({ args: [2 ** 31 - 2, 2 ** 31 + 5, 1], dtype: 'int32', names: 'last value' }),
      notOneOf(DTYPES).map((dtype) => ({ args: [0, 3, 1], dtype, names: 'dtype' })),
      badOptions(['dtype']).map((options) => ({ args: [0, 3, 1], options, names: 'options' })),
    );
    refusesBadInputs(cases, (c) => ({
      run: () =>
        t.arange(
          c.args[0] as number,
          c.args[1] as number,
          c.args[2] as number,
          ('options' in c ? c.options : { dtype: 'dtype' in c ? c.dtype : 'float32' }) as {
            dtype?: t.DType;
          },
        ),
      names: c.names,
    }));
  });

  it('zerosLike and onesLike refuse anything but a live tensor', () => {
    refusesBadInputs(fc.tuple(fc.boolean(), notTensor), ([zerosLike, like]) => ({
      run: () => (zerosLike ? t.zerosLike(like as t.Tensor) : t.onesLike(like as t.Tensor)),
      names: 'like',
    }));
  });

  it('new Tensor refuses storage of another kind, bad shapes and a bad requiresGrad', () => {
    const cases = fc.oneof(
      fc
        .oneof(
          fc.constantFrom(
            new Uint8Array(2),
            new Int16Array(2),
            new Uint32Array(2),
            new Uint8ClampedArray(2),
            new BigInt64Array(2),
            new DataView(new ArrayBuffer(8)),
          ),
          fc.constant([1, 2]),
          notNumber,
          detachedArray,
        )
        .map((data) => ({ data, shape: [2], requiresGrad: false, names: 'data' })),
      badShape.map((shape) => ({
        data: new Float32Array(2),
        shape,
        requiresGrad: false,
        names: 'shape',
      })),
      smallShape
        .filter((shape) => shape.reduce((a, b) => a * b, 1) !== 5)
        .map((shape) => ({
          data: new Float32Array(5),
          shape,
          requiresGrad: false,
          names: 'shape',
        })),
      notBoolean
        .filter((value) => value !== undefined)
        .map((requiresGrad) => ({
          data: new Float32Array(2),
          shape: [2],
          requiresGrad,
          names: 'requiresGrad',
        })),
      fc.constant({
        data: new Int32Array(2),
        shape: [2],
        requiresGrad: true,
        names: 'requiresGrad',
      }),
    );
    refusesBadInputs(cases, ({ data, shape, requiresGrad, names }) => ({
      run: () => new t.Tensor(data as Float32Array, shape as number[], requiresGrad as boolean),
      names,
    }));
  });

  it('tensor(), allocate and dtypeOf refuse detached, foreign and oversized storage', () => {
    const cases = fc.oneof(
      detachedTensor().map((x) => ({ run: () => t.tensor(x), names: 'values' })),
      detachedArray.map((x) => ({ run: () => t.tensor(x), names: 'values' })),
      fc
        .oneof(fc.constant(new Uint8Array(2)), fc.constant([1]), notNumber)
        .map((x) => ({ run: () => t.dtypeOf(x as Float32Array), names: 'array' })),
      fc
        .oneof(notInteger, fc.integer({ max: -1 }), huge, fc.constantFrom(2 ** 31, 2 ** 40))
        .map((size) => ({ run: () => t.allocate('float32', size as number), names: 'size' })),
      notOneOf(DTYPES).map((dtype) => ({
        run: () => t.allocate(dtype as t.DType, 2),
        names: 'dtype',
      })),
      endlessNesting.map((x) => ({ run: () => t.tensor(x as number[]), names: 'values' })),
      nestedWithBadLeaf.map((x) => ({
        run: () => t.tensor(x as number[], undefined, { dtype: 'float64' }),
        names: 'values',
      })),
      ragged.map((x) => ({ run: () => t.tensor(x), names: 'values' })),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('setAllocationLimit and seed refuse bad values', () => {
    const cases = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('maxElements', 'maxBytes'),
          fc.oneof(
            notNumber.filter((v) => v !== null),
            fraction,
            fc.integer({ max: 0 }),
            fc.constantFrom(Number.NaN, -Infinity),
          ),
        )
        .map(([key, value]) => ({ run: () => t.setAllocationLimit({ [key]: value }), names: key })),
      badOptions(['maxElements', 'maxBytes']).map((limit) => ({
        run: () => t.setAllocationLimit(limit as t.AllocationLimitOptions),
        names: 'limit',
      })),
      fc
        .oneof(notNumber, nonFinite)
        .map((value) => ({ run: () => t.seed(value as number), names: 'seed' })),
      fc
        .oneof(notNumber, nonFinite)
        .map((value) => ({ run: () => new t.Random(value as number), names: 'seed' })),
    );
    refusesBadInputs(cases, (c) => c);
  });
});
