// Property suite (d): loss and metric constructors, the loss and metric functions, Loss.compute,
// Metric.updateState, Mean, reduceWeightedValues and the name registries, fed generated
// definitely-invalid arguments: wrong types, ranks, shapes and dtypes, bad labels, sample weights
// and masks, reductions, options and reserved names. Each must be refused with a typed recur
// error naming the argument (badInputRuns: 1,000 per property).
import {
  Accuracy,
  accuracy,
  BinaryAccuracy,
  BinaryCrossentropy,
  binaryAccuracy,
  binaryCrossentropy,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  categoricalAccuracy,
  categoricalCrossentropy,
  getLoss,
  getMetric,
  Huber,
  huber,
  KLDivergence,
  kullbackLeiblerDivergence,
  LogCosh,
  LossFunctionWrapper,
  logCosh,
  lossFromConfig,
  Mean,
  MeanAbsoluteError,
  MeanAbsoluteErrorMetric,
  MeanAbsolutePercentageError,
  MeanMetricWrapper,
  MeanSquaredError,
  MeanSquaredErrorMetric,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  metricFromConfig,
  Perplexity,
  RootMeanSquaredError,
  reduceWeightedValues,
  SparseCategoricalAccuracy,
  SparseCategoricalCrossentropy,
  SparseTopKCategoricalAccuracy,
  sparseCategoricalAccuracy,
  sparseCategoricalCrossentropy,
  sparseTopKCategoricalAccuracy,
  TopKCategoricalAccuracy,
  topKCategoricalAccuracy,
} from '@recur/losses';
import { type Tensor, tensor, zeros } from '@recur/tensor';
import { describeBackends, refusesBadInputs, badOptionValues } from '@recur/testing';
import fc from 'fast-check';
import { it } from 'vitest';
const {
  notBoolean,
  notFiniteNumber,
  notName,
  notNumberFrom,
  objects,
  reservedNames,
  symbols,
  unknownKeys,
  unknownNames,
  withOwnKey,
} = badOptionValues;

type Options = Record<string, unknown>;
type Call = { run: () => unknown; names: string | RegExp };

const notReduction = fc.oneof(
  fc.constantFrom('average', 'Sum', 'mean ', 'sum_over_batch', 'auto', '', null),
  reservedNames,
  fc.integer(),
  fc.boolean(),
  symbols,
  objects,
);
const notInteger = fc.oneof(
  notFiniteNumber,
  fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }),
);
const notUnitInterval = fc.oneof(
  notFiniteNumber,
  fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
  fc.double({ min: 1, minExcluded: true, noNaN: true }),
);

const lossClasses: [string, (c: Options) => unknown, Record<string, fc.Arbitrary<unknown>>][] = [
  ['MeanSquaredError', (c) => new MeanSquaredError(c as never), {}],
  ['MeanAbsoluteError', (c) => new MeanAbsoluteError(c as never), {}],
  ['MeanAbsolutePercentageError', (c) => new MeanAbsolutePercentageError(c as never), {}],
  ['LogCosh', (c) => new LogCosh(c as never), {}],
  ['KLDivergence', (c) => new KLDivergence(c as never), {}],
  ['Huber', (c) => new Huber(c as never), { delta: notNumberFrom(0, true) }],
  [
    'BinaryCrossentropy',
    (c) => new BinaryCrossentropy(c as never),
    { fromLogits: notBoolean, labelSmoothing: notUnitInterval, axis: notInteger },
  ],
  [
    'CategoricalCrossentropy',
    (c) => new CategoricalCrossentropy(c as never),
    { fromLogits: notBoolean, labelSmoothing: notUnitInterval, axis: notInteger },
  ],
  [
    'SparseCategoricalCrossentropy',
    (c) => new SparseCategoricalCrossentropy(c as never),
    { fromLogits: notBoolean, ignoreClass: notInteger.filter((v) => v !== null) },
  ],
];

const metricClasses: [string, (c: Options) => unknown, Record<string, fc.Arbitrary<unknown>>][] = [
  ['Accuracy', (c) => new Accuracy(c as never), {}],
  [
    'BinaryAccuracy',
    (c) => new BinaryAccuracy(c as never),
    {
      threshold: fc.oneof(notFiniteNumber, fc.constantFrom(0, 1, -0.5, 1.5)),
    },
  ],
  ['CategoricalAccuracy', (c) => new CategoricalAccuracy(c as never), {}],
  ['SparseCategoricalAccuracy', (c) => new SparseCategoricalAccuracy(c as never), {}],
  [
    'TopKCategoricalAccuracy',
    (c) => new TopKCategoricalAccuracy(c as never),
    {
      k: fc.oneof(notInteger, fc.integer({ max: 0 })),
    },
  ],
  [
    'SparseTopKCategoricalAccuracy',
    (c) => new SparseTopKCategoricalAccuracy(c as never),
    {
      k: fc.oneof(notInteger, fc.integer({ max: 0 })),
    },
  ],
  ['MeanAbsoluteErrorMetric', (c) => new MeanAbsoluteErrorMetric(c as never), {}],
  ['MeanSquaredErrorMetric', (c) => new MeanSquaredErrorMetric(c as never), {}],
  ['RootMeanSquaredError', (c) => new RootMeanSquaredError(c as never), {}],
  [
    'Perplexity',
    (c) => new Perplexity(c as never),
    {
      fromLogits: notBoolean,
      maskTokenId: notInteger.filter((v) => v !== null),
    },
  ],
];

/** Bad options of a class: its own, `name` and `reduction` (losses), unknown keys, non-objects. */
function badConstruction(
  create: (c: Options) => unknown,
  own: Record<string, fc.Arbitrary<unknown>>,
  isLoss: boolean,
): fc.Arbitrary<Call> {
  const options: Record<string, fc.Arbitrary<unknown>> = {
    ...own,
    name: notName,
    ...(isLoss ? { reduction: notReduction } : {}),
  };
  return fc.oneof(
    fc
      .constantFrom(...Object.keys(options))
      .chain((key) =>
        options[key].map((value) => ({ run: () => create({ [key]: value }), names: key })),
      ),
    fc
      .oneof(unknownKeys, fc.constantFrom('from_logits', 'label_smoothing', 'ignore_class'))
      .map((key) => ({ run: () => create(withOwnKey({}, key, true)), names: key })),
    fc
      .oneof(fc.integer(), fc.string(), fc.constant(null), fc.constant([1]), symbols)
      .map((config) => ({ run: () => create(config as unknown as Options), names: 'options' })),
  );
}

// Element-wise losses and metrics: yTrue and yPred of one shape (Keras' rank alignment aside).
const elementwise: [string, (t: Tensor, p: Tensor) => unknown][] = [
  ['meanSquaredError', meanSquaredError],
  ['meanAbsoluteError', meanAbsoluteError],
  ['meanAbsolutePercentageError', meanAbsolutePercentageError],
  ['huber', (t, p) => huber(t, p)],
  ['logCosh', logCosh],
  ['kullbackLeiblerDivergence', kullbackLeiblerDivergence],
  ['binaryCrossentropy', (t, p) => binaryCrossentropy(t, p)],
  ['categoricalCrossentropy', (t, p) => categoricalCrossentropy(t, p)],
  ['accuracy', accuracy],
  ['binaryAccuracy', (t, p) => binaryAccuracy(t, p)],
  ['categoricalAccuracy', categoricalAccuracy],
  ['topKCategoricalAccuracy', (t, p) => topKCategoricalAccuracy(t, p, 2)],
  ['MeanSquaredError.compute', (t, p) => new MeanSquaredError().compute(t, p)],
  ['CategoricalCrossentropy.compute', (t, p) => new CategoricalCrossentropy().compute(t, p)],
  ['RootMeanSquaredError.updateState', (t, p) => new RootMeanSquaredError().updateState(t, p)],
  ['CategoricalAccuracy.updateState', (t, p) => new CategoricalAccuracy().updateState(t, p)],
];
// Sparse ones: integer labels [...batch] (or [...batch, 1]) for predictions [...batch, classes].
const sparse: [string, (t: Tensor, p: Tensor) => unknown][] = [
  ['sparseCategoricalCrossentropy', (t, p) => sparseCategoricalCrossentropy(t, p)],
  ['sparseTopKCategoricalAccuracy', (t, p) => sparseTopKCategoricalAccuracy(t, p, 2)],
  [
    'SparseCategoricalCrossentropy.compute',
    (t, p) => new SparseCategoricalCrossentropy().compute(t, p),
  ],
  ['Perplexity.updateState', (t, p) => new Perplexity().updateState(t, p)],
];

const notTensor = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 3 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  symbols,
  objects,
  fc.constant([[0, 1]]),
);
const notFunction = fc
  .oneof(notTensor, fc.constant('mse'))
  .filter((value) => typeof value !== 'function');
const batchAndClasses = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 4 }));

/** Calls of `fn` with targets and predictions that are wrong for an element-wise loss. */
function badPairs(fn: (t: Tensor, p: Tensor) => unknown): fc.Arbitrary<Call> {
  return fc.oneof(
    notTensor.map((t) => ({ run: () => fn(t as Tensor, zeros([2, 3])), names: 'yTrue' })),
    notTensor.map((p) => ({ run: () => fn(zeros([2, 3]), p as Tensor), names: 'yPred' })),
    batchAndClasses.map(([b, c]) => ({
      run: () => fn(zeros([b, c]), zeros([b, c], { dtype: 'int32' })),
      names: 'yPred float32 or float64',
    })),
    fc.constant(null).map(() => ({ run: () => fn(zeros([]), zeros([])), names: 'yPred' })),
    // Shapes that Keras' squeeze-or-expand cannot reconcile.
    batchAndClasses
      .chain(([b, c]) =>
        fc
          .constantFrom([b, c + 1], [b + 1, c], [b * c], [b, c, 2], [c + 1])
          .map((t) => [[b, c], t]),
      )
      .map(([p, t]) => ({ run: () => fn(zeros(t), zeros(p)), names: 'yTrue' })),
  );
}

/** Calls of a sparse `fn` with bad labels or shapes. */
function badSparse(fn: (t: Tensor, p: Tensor) => unknown): fc.Arbitrary<Call> {
  const labelsOf = (values: number[], dtype: 'int32' | 'float64') =>
    tensor(values, [values.length], { dtype });
  return fc.oneof(
    notTensor.map((t) => ({ run: () => fn(t as Tensor, zeros([2, 3])), names: 'yTrue' })),
    notTensor.map((p) => ({
      run: () => fn(labelsOf([0, 1], 'int32'), p as Tensor),
      names: 'yPred',
    })),
    fc.constant(null).map(() => ({
      run: () => fn(labelsOf([0, 1], 'int32'), zeros([2, 3], { dtype: 'int32' })),
      names: 'yPred float32 or float64',
    })),
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 3, 7, 0.5, 2.5),
          fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }),
          fc.integer().filter((v) => v < 0 || v >= 3),
        ),
        fc.integer({ min: 0, max: 1 }),
      )
      .map(([label, at]) => ({
        run: () => {
          const values = [0, 1];
          values[at] = label;
          return fn(labelsOf(values, 'float64'), zeros([2, 3]));
        },
        names: 'yTrue integer labels',
      })),
    fc.constantFrom([3], [1], [2, 2], [2, 3], [2, 1, 1]).map((shape) => ({
      run: () => fn(zeros(shape, { dtype: 'int32' }), zeros([2, 3])),
      names: 'yTrue integer labels of shape',
    })),
  );
}

const badWeight = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 2 }),
  fc.boolean(),
  symbols,
  objects,
  fc.constant([1, 1]),
);

describeBackends('bad loss and metric inputs', () => {
  it('loss classes refuse every bad option, naming it', () => {
    refusesBadInputs(
      fc.oneof(...lossClasses.map(([, create, own]) => badConstruction(create, own, true))),
      (call) => call,
    );
  });

  it('metric classes refuse every bad option, naming it', () => {
    refusesBadInputs(
      fc.oneof(
        ...metricClasses.map(([, create, own]) => badConstruction(create, own, false)),
        notFunction.map((fn) => ({
          run: () => new MeanMetricWrapper(fn as never),
          names: 'fn a function',
        })),
        notFunction.map((fn) => ({
          run: () => new LossFunctionWrapper(fn as never),
          names: 'fn a function',
        })),
        fc
          .oneof(fc.constantFrom('Up', 'max', '', null), fc.integer(), objects)
          .map((direction) => ({
            run: () => new MeanMetricWrapper(meanSquaredError, { direction: direction as never }),
            names: 'direction',
          })),
      ),
      (call) => call,
    );
  });

  it('element-wise losses and metrics refuse bad targets, predictions, shapes and dtypes', () => {
    refusesBadInputs(fc.oneof(...elementwise.map(([, fn]) => badPairs(fn))), (call) => call);
  });

  it('sparse losses and metrics refuse bad labels and shapes', () => {
    refusesBadInputs(
      fc.oneof(
        ...sparse.map(([, fn]) => badSparse(fn)),
        // Accuracy needs integer labels (an id outside the classes is a miss, as in Keras).
        fc
          .oneof(
            fc.constantFrom(Number.NaN, 0.5, Number.POSITIVE_INFINITY),
            fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }),
          )
          .map((label) => ({
            run: () =>
              sparseCategoricalAccuracy(
                tensor([label, 1], [2], { dtype: 'float64' }),
                zeros([2, 3]),
              ),
            names: 'yTrue integer labels',
          })),
      ),
      (call) => call,
    );
  });

  it('function options, sample weights, masks and reductions are checked', () => {
    const y = () => zeros([2, 3]);
    refusesBadInputs(
      fc.oneof(
        notBoolean.map((fromLogits) => ({
          run: () => binaryCrossentropy(y(), y(), { fromLogits: fromLogits as boolean }),
          names: 'fromLogits',
        })),
        notUnitInterval.map((labelSmoothing) => ({
          run: () =>
            categoricalCrossentropy(y(), y(), { labelSmoothing: labelSmoothing as number }),
          names: 'labelSmoothing',
        })),
        fc
          .oneof(
            notInteger,
            fc.integer().filter((a) => a < -2 || a > 1),
          )
          .map((axis) => ({
            run: () => binaryCrossentropy(y(), y(), { axis: axis as number }),
            names: 'axis',
          })),
        notNumberFrom(0, true).map((delta) => ({
          run: () => huber(y(), y(), { delta: delta as number }),
          names: 'delta',
        })),
        fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.constant([])).map((options) => ({
          run: () => sparseCategoricalCrossentropy(zeros([2]), y(), options as never),
          names: 'options',
        })),
        unknownKeys.map((key) => ({
          run: () => binaryCrossentropy(y(), y(), withOwnKey({}, key, true) as never),
          names: key,
        })),
        fc.oneof(notInteger, fc.integer({ max: 0 })).map((k) => ({
          run: () => topKCategoricalAccuracy(y(), y(), k as number),
          names: 'k',
        })),
        badWeight.map((weight) => ({
          run: () => new MeanSquaredError().compute(y(), y(), weight as Tensor),
          names: 'sampleWeight',
        })),
        fc.constantFrom([3], [2, 2], [3, 3], [2, 3, 2]).map((shape) => ({
          run: () => new MeanSquaredError().compute(y(), y(), zeros(shape)),
          names: 'sample weight of shape',
        })),
        badWeight.map((mask) => ({
          run: () => new MeanSquaredError().compute(y(), y(), null, mask as Tensor),
          names: 'mask',
        })),
        badWeight.map((weight) => ({
          run: () => new Accuracy().updateState(y(), y(), weight as Tensor),
          names: 'sampleWeight',
        })),
        fc.constantFrom([3], [2, 2], [3, 3]).map((shape) => ({
          run: () => new MeanSquaredErrorMetric().updateState(y(), y(), zeros(shape)),
          names: 'sampleWeight',
        })),
        notReduction.map((reduction) => ({
          run: () => reduceWeightedValues(zeros([2]), { reduction: reduction as never }),
          names: 'reduction',
        })),
        notTensor.map((values) => ({
          run: () => reduceWeightedValues(values as Tensor),
          names: 'values',
        })),
        fc
          .oneof(fc.string(), symbols, objects, fc.constant([1]), fc.constant(null))
          .map((values) => ({
            run: () => new Mean().updateState(values as Tensor),
            names: 'values',
          })),
        fc
          .oneof(
            notFiniteNumber.filter((v) => typeof v === 'number'),
            fc.constant(Number.NaN),
          )
          .map((value) => ({
            run: () => new Mean().updateState(value as number),
            names: 'values',
          })),
        fc
          .oneof(fc.string(), objects, fc.constant(Number.NaN), fc.constant(zeros([1])))
          .map((weight) => ({
            run: () => new Mean().updateState(1, weight as number),
            names: 'sampleWeight',
          })),
      ),
      (call) => call,
    );
  });

  it('registries refuse unknown and reserved names, listing the valid ones', () => {
    refusesBadInputs(
      fc.oneof(
        unknownNames.map((name) => ({
          run: () => getLoss(name),
          names: 'a loss name among MeanSquaredError',
        })),
        unknownNames.map((name) => ({
          run: () => lossFromConfig({ className: name, config: {} }),
          names: 'a className among MeanSquaredError',
        })),
        unknownNames.map((name) => ({
          run: () => getMetric(name),
          names: 'a metric name among accuracy, acc, Accuracy',
        })),
        unknownNames.map((name) => ({
          run: () => metricFromConfig({ className: name, config: {} }),
          names: 'a className among Accuracy',
        })),
        fc
          .oneof(fc.integer(), fc.constant(null), fc.boolean(), symbols, fc.constant([]))
          .map((id) => ({
            run: () => getLoss(id as never),
            names: 'getLoss',
          })),
        fc
          .oneof(fc.integer(), fc.constant(null), fc.boolean(), symbols, fc.constant([]))
          .map((id) => ({
            run: () => getMetric(id as never),
            names: 'getMetric',
          })),
        fc.oneof(fc.integer(), fc.string(), fc.constant([])).map((context) => ({
          run: () => getMetric('accuracy', context as never),
          names: 'getMetric context',
        })),
        fc
          .tuple(
            fc.constantFrom('yTrueShape', 'yPredShape'),
            fc.oneof(fc.integer(), fc.string(), fc.constant([1.5]), fc.constant([-1])),
          )
          .map(([key, shape]) => ({ run: () => getMetric('acc', { [key]: shape }), names: key })),
      ),
      (call) => call,
    );
  });
});
