// Property-based bad-input suite, family (b): element-wise, reduction and shape ops, as functions
// and as Tensor methods (each input picks one form), and matmul. Every generated call must be
// refused with a typed recur error naming the argument; each property runs
// badInputRuns.numRuns generated inputs (1,000 by default).
import * as t from '@recur/tensor';
import { describeBackends, refusesBadInputs, badTensorValues } from '@recur/testing';
import fc from 'fast-check';
import { it } from 'vitest';
const {
  badOptions,
  badShape,
  counting,
  detach,
  fraction,
  huge,
  hugeShape,
  nonFinite,
  notBoolean,
  notInt32,
  notInteger,
  notNumber,
  notOneOf,
  notTensor,
  notTensorLike,
  smallShape,
} = badTensorValues;

const { ones, zeros, tensor } = t;
const int32 = (values: number[], shape?: number[]) => tensor(values, shape, { dtype: 'int32' });

type UnaryName =
  | 'neg'
  | 'exp'
  | 'log'
  | 'sqrt'
  | 'abs'
  | 'square'
  | 'sign'
  | 'sigmoid'
  | 'logSigmoid'
  | 'tanh'
  | 'relu'
  | 'elu'
  | 'selu'
  | 'gelu'
  | 'swish'
  | 'softplus'
  | 'softsign'
  | 'hardSigmoid'
  | 'leakyRelu'
  | 'linear';
const UNARY: UnaryName[] = [
  'neg',
  'exp',
  'log',
  'sqrt',
  'abs',
  'square',
  'sign',
  'sigmoid',
  'logSigmoid',
  'tanh',
  'relu',
  'elu',
  'selu',
  'gelu',
  'swish',
  'softplus',
  'softsign',
  'hardSigmoid',
  'leakyRelu',
  'linear',
];
// Also defined on int32 (exact integer results).
const INTEGER_UNARY = new Set(['neg', 'abs', 'square', 'sign', 'relu', 'linear']);
const FLOAT_ONLY = UNARY.filter((op) => !INTEGER_UNARY.has(op));

type BinaryName = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum' | 'equal';
const BINARY: (BinaryName | 'notEqual' | 'less' | 'lessEqual' | 'greater' | 'greaterEqual')[] = [
  'add',
  'sub',
  'mul',
  'div',
  'pow',
  'maximum',
  'minimum',
  'equal',
  'notEqual',
  'less',
  'lessEqual',
  'greater',
  'greaterEqual',
];

// The op functions by name, for the properties that pick an op at random.
const UNARY_FN: Record<UnaryName, (x: unknown) => t.Tensor> = {
  neg: t.neg as (x: unknown) => t.Tensor,
  exp: t.exp as (x: unknown) => t.Tensor,
  log: t.log as (x: unknown) => t.Tensor,
  sqrt: t.sqrt as (x: unknown) => t.Tensor,
  abs: t.abs as (x: unknown) => t.Tensor,
  square: t.square as (x: unknown) => t.Tensor,
  sign: t.sign as (x: unknown) => t.Tensor,
  sigmoid: t.sigmoid as (x: unknown) => t.Tensor,
  logSigmoid: t.logSigmoid as (x: unknown) => t.Tensor,
  tanh: t.tanh as (x: unknown) => t.Tensor,
  relu: t.relu as (x: unknown) => t.Tensor,
  elu: t.elu as (x: unknown) => t.Tensor,
  selu: t.selu as (x: unknown) => t.Tensor,
  gelu: t.gelu as (x: unknown) => t.Tensor,
  swish: t.swish as (x: unknown) => t.Tensor,
  softplus: t.softplus as (x: unknown) => t.Tensor,
  softsign: t.softsign as (x: unknown) => t.Tensor,
  hardSigmoid: t.hardSigmoid as (x: unknown) => t.Tensor,
  leakyRelu: t.leakyRelu as (x: unknown) => t.Tensor,
  linear: t.linear as (x: unknown) => t.Tensor,
};
const BINARY_FN: Record<(typeof BINARY)[number], (a: unknown, b: unknown) => t.Tensor> = {
  add: t.add as (a: unknown, b: unknown) => t.Tensor,
  sub: t.sub as (a: unknown, b: unknown) => t.Tensor,
  mul: t.mul as (a: unknown, b: unknown) => t.Tensor,
  div: t.div as (a: unknown, b: unknown) => t.Tensor,
  pow: t.pow as (a: unknown, b: unknown) => t.Tensor,
  maximum: t.maximum as (a: unknown, b: unknown) => t.Tensor,
  minimum: t.minimum as (a: unknown, b: unknown) => t.Tensor,
  equal: t.equal as (a: unknown, b: unknown) => t.Tensor,
  notEqual: t.notEqual as (a: unknown, b: unknown) => t.Tensor,
  less: t.less as (a: unknown, b: unknown) => t.Tensor,
  lessEqual: t.lessEqual as (a: unknown, b: unknown) => t.Tensor,
  greater: t.greater as (a: unknown, b: unknown) => t.Tensor,
  greaterEqual: t.greaterEqual as (a: unknown, b: unknown) => t.Tensor,
};
const AXIS_FN = {
  sum: t.sum,
  mean: t.mean,
  max: t.max,
  min: t.min,
  argMax: t.argMax,
  softmax: t.softmax,
  logSoftmax: t.logSoftmax,
} as Record<string, (x: unknown, axis?: unknown, keepDims?: unknown) => t.Tensor>;

/** Two shapes of one rank that do not broadcast: one axis differs and neither side is 1. */
const mismatchedShapes = fc
  .tuple(smallShape, fc.nat(), fc.integer({ min: 1, max: 3 }))
  .map(([shape, at, gap]) => {
    const a = shape.map((d) => d + 1);
    const b = [...a];
    b[at % a.length] += gap;
    return [a, b];
  });

// Axes out of range for a rank-2 tensor, or no axis at all.
const badAxis = fc.oneof(
  notInteger.filter((v) => !Array.isArray(v)),
  fc.integer({ min: 2, max: 1000 }),
  fc.integer({ min: -1000, max: -3 }),
  huge,
);

describeBackends('bad inputs: ops', () => {
  it('unary ops refuse what is no tensor, and int32 where floats are needed', () => {
    const cases = fc.oneof(
      fc.tuple(fc.constantFrom(...UNARY), notTensorLike, fc.boolean()).map(([op, x, method]) => ({
        run: () =>
          method && x instanceof t.Tensor ? (x[op] as () => t.Tensor)() : UNARY_FN[op](x),
        names: 'x',
      })),
      fc.tuple(fc.constantFrom(...FLOAT_ONLY), fc.boolean()).map(([op, method]) => {
        const x = int32([1, 2]);
        return {
          run: () => (method ? (x[op] as () => t.Tensor)() : UNARY_FN[op](x)),
          names: 'x',
        };
      }),
      fc.tuple(fc.constantFrom(...UNARY), fc.boolean()).map(([op, method]) => {
        const x = detach(ones([2]));
        return {
          run: () => (method ? (x[op] as () => t.Tensor)() : UNARY_FN[op](x)),
          names: 'x',
        };
      }),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('clip, elu and leakyRelu refuse bad parameters', () => {
    const x = ones([2]);
    const bad = fc.oneof(notNumber, fc.constant(Number.NaN));
    const cases = fc.oneof(
      fc.tuple(bad, fc.boolean()).map(([min, method]) => ({
        run: () => (method ? x.clip(min as number, 1) : t.clip(x, min as number, 1)),
        names: 'min',
      })),
      fc.tuple(bad, fc.boolean()).map(([max, method]) => ({
        run: () => (method ? x.clip(0, max as number) : t.clip(x, 0, max as number)),
        names: 'max',
      })),
      fc
        .tuple(
          fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
          fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        )
        .map(([min, gap]) => ({ run: () => t.clip(x, min, min - gap), names: 'min <= max' })),
      fc
        .tuple(
          fc.constantFrom('elu', 'leakyRelu') as fc.Arbitrary<'elu' | 'leakyRelu'>,
          fc.oneof(bad, nonFinite),
          fc.boolean(),
        )
        .filter(([, alpha]) => alpha !== undefined)
        .map(([op, alpha, method]) => ({
          run: () =>
            method
              ? x[op](alpha as number)
              : (op === 'elu' ? t.elu : t.leakyRelu)(x, alpha as number),
          names: 'alpha',
        })),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('binary ops refuse bad operands, shapes that do not broadcast and mixed dtypes', () => {
    const cases = fc.oneof(
      fc.tuple(fc.constantFrom(...BINARY), notTensorLike, fc.boolean()).map(([op, b, method]) => {
        const a = ones([2]);
        return {
          run: () => (method ? (a[op] as (v: unknown) => t.Tensor)(b) : BINARY_FN[op](a, b)),
          names: 'b',
        };
      }),
      fc.tuple(fc.constantFrom(...BINARY), notTensorLike).map(([op, a]) => ({
        run: () => BINARY_FN[op](a, ones([2])),
        names: 'a',
      })),
      fc
        .tuple(fc.constantFrom(...BINARY), mismatchedShapes, fc.boolean())
        .map(([op, [sa, sb], method]) => {
          const a = ones(sa);
          const b = ones(sb);
          return {
            run: () => (method ? (a[op] as (v: unknown) => t.Tensor)(b) : BINARY_FN[op](a, b)),
            names: /broadcast/,
          };
        }),
      fc
        .tuple(
          fc.constantFrom(...BINARY),
          fc.constantFrom('float64', 'int32') as fc.Arbitrary<t.DType>,
        )
        .map(([op, dtype]) => ({
          run: () => BINARY_FN[op](ones([2]), ones([2], { dtype })),
          names: 'dtype',
        })),
      // A plain number adopts an int32 tensor's dtype, so it must be an exact int32.
      fc.tuple(fc.constantFrom(...BINARY), notInt32).map(([op, b]) => ({
        run: () => BINARY_FN[op](int32([1, 2]), b),
        names: 'b',
      })),
      fc.constant({ run: () => t.pow(int32([2]), 2), names: 'a' }),
      fc.tuple(fc.constantFrom(...BINARY), fc.boolean()).map(([op, left]) => {
        const live = ones([2]);
        const gone = detach(ones([2]));
        return {
          run: () => BINARY_FN[op](left ? gone : live, left ? live : gone),
          names: left ? 'a' : 'b',
        };
      }),
      // Broadcasting two long vectors: a result beyond the allocation limit, refused before allocating.
      fc.integer({ min: 50_000, max: 200_000 }).map((n) => ({
        run: () => t.add(zeros([n, 1]), zeros([1, n])),
        names: /result shape/,
      })),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('matmul refuses bad operands, ranks, inner dimensions and options', () => {
    const cases = fc.oneof(
      fc.tuple(notTensor, fc.boolean()).map(([b, method]) => ({
        run: () =>
          method ? ones([2, 2]).matmul(b as t.Tensor) : t.matmul(ones([2, 2]), b as t.Tensor),
        names: 'b',
      })),
      notTensor.map((a) => ({ run: () => t.matmul(a as t.Tensor, ones([2, 2])), names: 'a' })),
      fc.constant({
        run: () => t.matmul(int32([1, 2, 3, 4], [2, 2]), int32([1, 2, 3, 4], [2, 2])),
        names: 'a',
      }),
      fc.constant({
        run: () => t.matmul(ones([2, 2]), ones([2, 2], { dtype: 'float64' })),
        names: 'dtype',
      }),
      fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 })).map(([ra, rb]) => ({
        run: () => t.matmul(ones(new Array(ra).fill(2)), ones(new Array(rb + 1).fill(2))),
        names: /\[m, k\] x \[k, n\]/,
      })),
      fc
        .tuple(
          fc.integer({ min: 1, max: 4 }),
          fc.integer({ min: 1, max: 4 }),
          fc.integer({ min: 1, max: 3 }),
        )
        .map(([m, k, gap]) => ({
          run: () => ones([m, k]).matmul(ones([k + gap, 2])),
          names: /inner dimensions/,
        })),
      fc
        .tuple(fc.constantFrom('transposeA', 'transposeB'), notBoolean, fc.boolean())
        .map(([key, value, method]) => ({
          run: () =>
            method
              ? ones([2, 2]).matmul(ones([2, 2]), { [key]: value } as t.MatmulOptions)
              : t.matmul(ones([2, 2]), ones([2, 2]), { [key]: value } as t.MatmulOptions),
          names: key,
        })),
      badOptions(['transposeA', 'transposeB']).map((options) => ({
        run: () => t.matmul(ones([2, 2]), ones([2, 2]), options as t.MatmulOptions),
        names: 'options',
      })),
      fc.integer({ min: 50_000, max: 200_000 }).map((n) => ({
        run: () => t.matmul(zeros([n, 0]), zeros([0, n])),
        names: /result shape/,
      })),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('reshape, flatten, expandDims, squeeze and broadcastTo refuse bad shapes and axes', () => {
    const x = counting([2, 3]);
    const badReshape = fc.oneof(
      badShape.filter(
        (shape) =>
          !Array.isArray(shape) ||
          shape.length > 64 ||
          shape.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d < -1) ||
          shape.some((d, i) => d === undefined || !(i in shape)),
      ),
      fc.constantFrom([-1, -1], [-1, 0], [4, -1], [5], [2, 2], [6, 2], [0]),
      smallShape.filter((shape) => shape.reduce((a, b) => a * b, 1) !== 6),
    );
    const cases = fc.oneof(
      fc.tuple(badReshape, fc.boolean()).map(([shape, method]) => ({
        run: () => (method ? x.reshape(shape as number[]) : t.reshape(x, shape as number[])),
        names: 'shape',
      })),
      notTensor.map((v) => ({ run: () => t.reshape(v as t.Tensor, [2, 3]), names: 'x' })),
      notTensor.map((v) => ({ run: () => t.flatten(v as t.Tensor), names: 'x' })),
      fc
        .tuple(
          fc.oneof(
            notInteger.filter((v) => !Array.isArray(v)),
            fc.integer({ min: 3, max: 99 }),
            fc.integer({ max: -4 }),
          ),
          fc.boolean(),
        )
        .map(([axis, method]) => ({
          run: () => (method ? x.expandDims(axis as number) : t.expandDims(x, axis as number)),
          names: 'axis',
        })),
      fc
        .tuple(fc.oneof(badAxis, fc.constantFrom(0, 1, -1, [0], [1, 1])), fc.boolean())
        .map(([axis, method]) => ({
          // No axis of x has length 1, so squeezing any axis is refused.
          run: () => (method ? x.squeeze(axis as number) : t.squeeze(x, axis as number)),
          names: 'axis',
        })),
      fc
        .tuple(
          fc.oneof(badShape, fc.constantFrom([3], [2], [3, 2], [2, 4], [4, 2, 4])),
          fc.boolean(),
        )
        .map(([shape, method]) => ({
          run: () =>
            method ? x.broadcastTo(shape as number[]) : t.broadcastTo(x, shape as number[]),
          names: 'shape',
        })),
      hugeShape.map((shape) => ({
        run: () => t.broadcastTo(ones([1]), shape),
        names: /result shape/,
      })),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('transpose, slice, reverse and split refuse bad permutations, boxes, axes and sizes', () => {
    const x = counting([3, 4]);
    const badPerm = fc.oneof(
      fc.constantFrom(
        [0, 0],
        [1, 1],
        [0],
        [],
        [0, 1, 2],
        [1, 2],
        [-1, 0],
        [0.5, 1],
        ['0', '1'],
        '01',
        1,
        null,
      ),
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 5 }),
    );
    const badBegin = fc.oneof(
      fc.constantFrom('0', null, 1, {}, [-1], [0, -1], [0.5], [4], [0, 5], [0, 0, 0], [Number.NaN]),
      fc.integer({ min: 4, max: 100 }).map((b) => [b]),
    );
    const badSize = fc.oneof(
      fc.constantFrom(
        '1',
        null,
        2,
        [-2],
        [0.5],
        [4],
        [1, 5],
        [0, 0, 0],
        [Number.POSITIVE_INFINITY],
      ),
      fc.integer({ min: 4, max: 100 }).map((s) => [s, 1]),
    );
    const badSizes = fc.oneof(
      fc.constantFrom(0, -1, 2.5, 5, 7, 8, Number.NaN, Number.POSITIVE_INFINITY, '3', null, {}),
      fc.integer({ min: 5, max: 1e9 }),
      fc.constantFrom([2, 2], [3, 2], [1, -1, 3], [0.5, 2.5], ['1', '2'], []),
    );
    const cases = fc.oneof(
      fc.tuple(badPerm, fc.boolean()).map(([perm, method]) => ({
        run: () => (method ? x.transpose(perm as number[]) : t.transpose(x, perm as number[])),
        names: 'perm',
      })),
      fc.tuple(badBegin, fc.boolean()).map(([begin, method]) => ({
        run: () => (method ? x.slice(begin as number[]) : t.slice(x, begin as number[])),
        names: 'begin',
      })),
      fc.tuple(badSize, fc.boolean()).map(([size, method]) => ({
        run: () =>
          method ? x.slice([0, 0], size as number[]) : t.slice(x, [0, 0], size as number[]),
        names: 'size',
      })),
      fc.tuple(fc.oneof(badAxis, fc.constant([0])), fc.boolean()).map(([axis, method]) => ({
        run: () => (method ? x.reverse(axis as number) : t.reverse(x, axis as number)),
        names: 'axis',
      })),
      fc.constant({ run: () => t.reverse(tensor(5), 0), names: 'axis' }),
      fc.tuple(badSizes, fc.boolean()).map(([sizes, method]) => ({
        // Axis 1 has length 4... and axis 0 length 3: split along 0.
        run: () => (method ? x.split(sizes as number) : t.split(x, sizes as number)),
        names: 'sizes',
      })),
      fc.tuple(badAxis, fc.boolean()).map(([axis, method]) => ({
        run: () => (method ? x.split(1, axis as number) : t.split(x, 1, axis as number)),
        names: 'axis',
      })),
      notTensor.map((v) => ({ run: () => t.transpose(v as t.Tensor), names: 'x' })),
      notTensor.map((v) => ({ run: () => t.slice(v as t.Tensor, [0]), names: 'x' })),
      notTensor.map((v) => ({ run: () => t.split(v as t.Tensor, 1), names: 'x' })),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('concat and stack refuse bad lists, mismatched shapes or dtypes and bad axes', () => {
    const badList = fc.oneof(
      fc.constantFrom(null, undefined, 'ab', 3, {}, [], new Float32Array(2)),
      notTensor.map((v) => [ones([2]), v]),
      notTensor.map((v) => [v]),
    );
    const cases = fc.oneof(
      fc.tuple(fc.boolean(), badList).map(([isConcat, list]) => ({
        run: () => (isConcat ? t.concat(list as t.Tensor[]) : t.stack(list as t.Tensor[])),
        names: 'tensors',
      })),
      mismatchedShapes.map(([a, b]) => ({
        run: () => t.concat([ones(a), ones([...b, 1])]),
        names: /shapes equal/,
      })),
      mismatchedShapes.map(([a, b]) => ({
        run: () => t.stack([ones(a), ones(b)]),
        names: /one shape/,
      })),
      fc
        .tuple(fc.boolean(), fc.constantFrom('float64', 'int32') as fc.Arbitrary<t.DType>)
        .map(([isConcat, dtype]) => ({
          run: () =>
            isConcat
              ? t.concat([ones([2]), ones([2], { dtype })])
              : t.stack([ones([2]), ones([2], { dtype })]),
          names: 'dtype',
        })),
      fc.tuple(fc.boolean(), badAxis).map(([isConcat, axis]) => ({
        run: () =>
          isConcat
            ? t.concat([ones([2, 2]), ones([2, 2])], axis as number)
            : t.stack([ones([2]), ones([2])], axis as number),
        names: 'axis',
      })),
      fc.constant({ run: () => t.concat([tensor(1), tensor(2)]), names: 'tensors' }),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('gather and oneHot refuse bad tables, indices, depths and options', () => {
    const table = counting([3, 2]);
    const wide = zeros([2, 1_000_000]);
    const cases = fc.oneof(
      notTensor.map((v) => ({ run: () => t.gather(v as t.Tensor, int32([0])), names: 'table' })),
      fc.constant({ run: () => t.gather(tensor(1), int32([0])), names: 'table' }),
      fc.tuple(notTensorLike, fc.boolean()).map(([indices, method]) => ({
        run: () =>
          method ? table.gather(indices as number[]) : t.gather(table, indices as number[]),
        names: 'indices',
      })),
      fc
        .tuple(fc.oneof(fc.integer({ min: 3 }), fc.integer({ max: -1 })), fc.boolean())
        .map(([bad, method]) => ({
          run: () => (method ? table.gather(int32([0, bad])) : t.gather(table, int32([0, bad]))),
          names: 'indices',
        })),
      fc
        .oneof(fraction, notInt32)
        .map((bad) => ({ run: () => t.gather(table, [0, bad]), names: 'indices' })),
      // At least 2,200 x 1e6 = 2.2e9 elements: beyond the default 2^31 - 1.
      fc.integer({ min: 2200, max: 10_000 }).map((n) => ({
        run: () => t.gather(wide, tensor(new Int32Array(n))),
        names: /result shape/,
      })),
      fc.oneof(notInteger, fc.integer({ max: 0 }), huge).map((depth) => ({
        run: () => t.oneHot(int32([0, 1]), depth as number),
        names: 'depth',
      })),
      fc.integer({ min: 2 ** 31, max: 2 ** 45 }).map((depth) => ({
        run: () => t.oneHot(int32([0]), depth),
        names: 'depth',
      })),
      fc.oneof(fc.integer({ min: 3 }), fc.integer({ max: -2 })).map((bad) => ({
        run: () => t.oneHot(int32([bad]), 3),
        names: 'indices',
      })),
      notTensorLike.map((indices) => ({
        run: () => t.oneHot(indices as number[], 3),
        names: 'indices',
      })),
      fc.constant({ run: () => t.oneHot(ones([2]), 3), names: 'indices' }),
      notOneOf(['float32', 'float64', 'int32']).map((dtype) => ({
        run: () => t.oneHot(int32([0]), 3, { dtype: dtype as t.DType }),
        names: 'dtype',
      })),
      badOptions(['dtype']).map((options) => ({
        run: () => t.oneHot(int32([0]), 3, options as { dtype?: t.DType }),
        names: 'options',
      })),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('reductions, argMax and softmax refuse bad axes, keepDims and dtypes', () => {
    const x = counting([2, 3]);
    const reducers = ['sum', 'mean', 'max', 'min'] as const;
    const axisOps = ['argMax', 'softmax', 'logSoftmax'] as const;
    const badAxes = fc.oneof(
      badAxis,
      fc.constantFrom([0, 2], [-3], [0.5], ['0'], [null], new Array(65).fill(0)),
    );
    const cases = fc.oneof(
      fc.tuple(fc.constantFrom(...reducers), badAxes, fc.boolean()).map(([op, axis, method]) => ({
        run: () => (method ? x[op](axis as number) : AXIS_FN[op](x, axis)),
        names: 'axis',
      })),
      fc
        .tuple(fc.constantFrom(...reducers), notBoolean, fc.boolean())
        .map(([op, keepDims, method]) => ({
          run: () => (method ? x[op](0, keepDims as boolean) : AXIS_FN[op](x, 0, keepDims)),
          names: 'keepDims',
        })),
      fc
        .tuple(fc.constantFrom(...axisOps), fc.oneof(badAxis, fc.constant([0])), fc.boolean())
        .map(([op, axis, method]) => ({
          run: () => (method ? x[op](axis as number) : AXIS_FN[op](x, axis)),
          names: 'axis',
        })),
      fc
        .tuple(
          fc.constantFrom('max', 'min', 'softmax', 'logSoftmax') as fc.Arbitrary<'max'>,
          fc.boolean(),
        )
        .map(([op, method]) => {
          const i = int32([1, 2]);
          return { run: () => (method ? i[op]() : AXIS_FN[op](i)), names: 'x' };
        }),
      fc.tuple(fc.constantFrom(...reducers, ...axisOps), notTensor).map(([op, v]) => ({
        run: () => AXIS_FN[op](v),
        names: 'x',
      })),
      fc.constant({ run: () => t.argMax(tensor(1)), names: 'x' }),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('where, cast and dropout refuse bad arguments', () => {
    const x = ones([2]);
    const cases = fc.oneof(
      notTensorLike.map((condition) => ({
        run: () => t.where(condition as number[], x, x),
        names: 'condition',
      })),
      notTensorLike.map((a) => ({ run: () => t.where(x, a as number[], x), names: 'a' })),
      notTensorLike.map((b) => ({ run: () => t.where(x, x, b as number[]), names: 'b' })),
      mismatchedShapes.map(([a, b]) => ({
        run: () => t.where(ones(a), ones(a), ones(b)),
        names: /broadcast/,
      })),
      fc.constant({ run: () => t.where(x, x, ones([2], { dtype: 'float64' })), names: 'dtype' }),
      fc.tuple(notOneOf(['float32', 'float64', 'int32']), fc.boolean()).map(([dtype, method]) => ({
        run: () => (method ? x.cast(dtype as t.DType) : t.cast(x, dtype as t.DType)),
        names: 'dtype',
      })),
      notTensor.map((v) => ({ run: () => t.cast(v as t.Tensor, 'float64'), names: 'x' })),
      fc.oneof(nonFinite, fc.constantFrom(3e9, -3e9, 2 ** 31, 1e300)).map((bad) => ({
        run: () => t.cast(tensor([1, bad], undefined, { dtype: 'float64' }), 'int32'),
        names: 'x',
      })),
      fc
        .tuple(
          fc.oneof(
            notNumber,
            nonFinite,
            fc.double({ min: 1, max: 1e9 }),
            fc.double({ max: -1e-9, min: -1e9 }),
          ),
          fc.boolean(),
        )
        .map(([rate, method]) => ({
          run: () => (method ? x.dropout(rate as number) : t.dropout(x, rate as number)),
          names: 'rate',
        })),
      fc.tuple(fc.oneof(notNumber, nonFinite), fc.boolean()).map(([seed, method]) => ({
        run: () => (method ? x.dropout(0.5, seed as number) : t.dropout(x, 0.5, seed as number)),
        names: 'seed',
      })),
      fc.tuple(notBoolean, fc.boolean()).map(([training, method]) => ({
        run: () =>
          method
            ? x.dropout(0.5, 1, training as boolean)
            : t.dropout(x, 0.5, 1, training as boolean),
        names: 'training',
      })),
      fc.constant({ run: () => t.dropout(int32([1]), 0.5), names: 'x' }),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('every op refuses a tensor whose buffer was detached', () => {
    const ops: Record<string, [(x: t.Tensor) => unknown, string]> = {
      add: [(x) => t.add(x, 1), 'a'],
      mulMethod: [(x) => x.mul(2), 'a'],
      exp: [(x) => x.exp(), 'x'],
      matmul: [(x) => t.matmul(x, ones([2, 2])), 'a'],
      matmulB: [(x) => t.matmul(ones([2, 2]), x), 'b'],
      reshape: [(x) => x.reshape([4]), 'x'],
      transpose: [(x) => x.transpose(), 'x'],
      slice: [(x) => x.slice([0, 0], [1, 1]), 'x'],
      concat: [(x) => t.concat([x, x]), 'tensors[0]'],
      stack: [(x) => t.stack([ones([2, 2]), x]), 'tensors[1]'],
      split: [(x) => x.split(2), 'x'],
      gather: [(x) => x.gather(int32([0])), 'table'],
      sum: [(x) => x.sum(), 'x'],
      mean: [(x) => x.mean(0), 'x'],
      max: [(x) => x.max(), 'x'],
      argMax: [(x) => x.argMax(), 'x'],
      softmax: [(x) => x.softmax(), 'x'],
      where: [(x) => t.where(x, 1, 0), 'condition'],
      cast: [(x) => x.cast('float64'), 'x'],
      dropout: [(x) => x.dropout(0.5), 'x'],
      reverse: [(x) => x.reverse(0), 'x'],
      broadcastTo: [(x) => x.broadcastTo([3, 2, 2]), 'x'],
      toArray: [(x) => x.toArray(), 'tensor'],
      item: [(x) => x.slice([0, 0], [1, 1]).item(), 'x'],
      clone: [(x) => x.clone(), 'tensor'],
      tensor: [(x) => t.tensor(x), 'values'],
    };
    refusesBadInputs(fc.constantFrom(...Object.keys(ops)), (name) => {
      const [call, names] = ops[name];
      const x = detach(ones([2, 2]));
      return { run: () => call(x), names };
    });
  });

  it('a detached seed gradient or a bad one is refused by backward', () => {
    const cases = fc.oneof(
      notTensorLike.map((seed) => ({ seed, names: 'gradient' })),
      fc.constant({ seed: detach(ones([2])), names: 'gradient' }),
      smallShape
        .filter((shape) => shape.join() !== '2')
        .map((shape) => ({ seed: ones(shape), names: 'seed gradient' })),
      smallShape
        .filter((shape) => shape.reduce((a, b) => a * b, 1) !== 2)
        .map((shape) => ({ seed: zeros(shape).toArray(), names: 'gradient' })),
    );
    refusesBadInputs(cases, ({ seed, names }) => {
      const w = ones([2], { requiresGrad: true });
      return { run: () => w.mul(2).backward(seed as t.Tensor), names };
    });
  });
});
