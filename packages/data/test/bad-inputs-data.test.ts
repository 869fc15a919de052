// Property-based bad-input suite, family (d): every exported function and class of @recur/data.
// Every generated call must be refused with a typed recur error naming the argument; each property
// runs badInputRuns.numRuns generated inputs (1,000 by default).
import {
  bagOfWords,
  collate,
  Dataset,
  MinMaxScaler,
  nextTokenWindows,
  oneHotSequences,
  padSequences,
  RobustScaler,
  readCsv,
  StandardScaler,
  slidingWindows,
  textToWordSequence,
  timeseriesDataset,
  toCategorical,
  Tokenizer,
  trainTestSplit,
} from '@recur/data';
import { ones, type Tensor, tensor } from '@recur/tensor';
import {
  describeBackends,
  refusesBadInputs,
  refusesBadInputsAsync,
  badTensorValues,
} from '@recur/testing';
import fc from 'fast-check';
import { it } from 'vitest';
const {
  badOptions,
  detach,
  detachedArray,
  detachedTensor,
  fraction,
  huge,
  nonFinite,
  notBoolean,
  notInt32,
  notInteger,
  notNumber,
  notOneOf,
  notTensorLike,
} = badTensorValues;

// A count argument that is not a positive integer.
const notPositive = fc.oneof(notInteger, fc.integer({ min: -1000, max: 0 }), huge);
// A count argument that is not a non-negative integer.
const notNonNegative = fc.oneof(notInteger, fc.integer({ min: -1000, max: -1 }), huge);
// What is no series at all (tensor-like arguments of the data functions).
const notSeries = fc.oneof(notTensorLike, detachedTensor());
const series = [1, 2, 3, 4, 5, 6, 7, 8];

describeBackends('bad inputs: data utilities', () => {
  it('slidingWindows refuses bad series, window sizes, target columns and options', () => {
    const cases = fc.oneof(
      notSeries.map((s) => ({
        run: () => slidingWindows(s as number[], { window: 2 }),
        names: 'series',
      })),
      fc.constant({ run: () => slidingWindows(ones([2, 2, 2]), { window: 1 }), names: 'series' }),
      fc.tuple(fc.constantFrom('window', 'horizon', 'stride'), notPositive).map(([key, value]) => ({
        run: () => slidingWindows(series, { window: 2, [key]: value }),
        names: key,
      })),
      fc
        .oneof(
          fc.constantFrom([], [1], [-1], [0.5], ['0'], 0, '0', null),
          fc.integer({ min: 1, max: 100 }).map((c) => [c]),
        )
        .map((targetColumns) => ({
          run: () =>
            slidingWindows(series, { window: 2, targetColumns: targetColumns as number[] }),
          names: 'targetColumns',
        })),
      badOptions(['window', 'horizon', 'stride', 'targetColumns']).map((options) => ({
        run: () => slidingWindows(series, options as { window: number }),
        names: /options|window/,
      })),
      fc.integer({ min: 3000, max: 10_000 }).map((window) => ({
        // A long window over a long series: window * count elements beyond the allocation limit.
        run: () => slidingWindows(new Float32Array(window * 300), { window: window * 200 }),
        names: 'window',
      })),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('timeseriesDataset refuses bad data, targets and options', () => {
    const keys = [
      'sequenceLength',
      'sequenceStride',
      'samplingRate',
      'batchSize',
      'shuffle',
      'seed',
      'startIndex',
      'endIndex',
    ];
    const cases = fc.oneof(
      notSeries.map((data) => ({
        run: () => timeseriesDataset(data as number[], null, { sequenceLength: 2 }),
        names: 'data',
      })),
      notSeries
        .filter((targets) => targets !== null)
        .map((targets) => ({
          run: () => timeseriesDataset(series, targets as number[], { sequenceLength: 2 }),
          names: 'targets',
        })),
      fc
        .tuple(
          fc.constantFrom('sequenceLength', 'sequenceStride', 'samplingRate', 'batchSize'),
          notPositive,
        )
        .filter(([key, value]) => !(key === 'batchSize' && value === null))
        .map(([key, value]) => ({
          run: () => timeseriesDataset(series, null, { sequenceLength: 2, [key]: value }),
          names: key,
        })),
      fc.oneof(notNonNegative, fc.integer({ min: 8, max: 100 })).map((startIndex) => ({
        run: () =>
          timeseriesDataset(series, null, { sequenceLength: 2, startIndex: startIndex as number }),
        names: 'startIndex',
      })),
      fc.oneof(notPositive, fc.integer({ min: 9, max: 100 })).map((endIndex) => ({
        run: () =>
          timeseriesDataset(series, null, { sequenceLength: 2, endIndex: endIndex as number }),
        names: 'endIndex',
      })),
      notBoolean.map((shuffle) => ({
        run: () =>
          timeseriesDataset(series, null, { sequenceLength: 2, shuffle: shuffle as boolean }),
        names: 'shuffle',
      })),
      fc.oneof(notNumber, nonFinite).map((seed) => ({
        run: () =>
          timeseriesDataset(series, null, {
            sequenceLength: 2,
            shuffle: true,
            seed: seed as number,
          }),
        names: 'seed',
      })),
      badOptions(keys).map((options) => ({
        run: () => timeseriesDataset(series, null, options as { sequenceLength: number }),
        names: /options|sequenceLength/,
      })),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('the scalers refuse bad settings, bad data and bad JSON', () => {
    const scalers = [
      () => new MinMaxScaler(),
      () => new StandardScaler(),
      () => new RobustScaler(),
    ];
    const cases = fc.oneof(
      fc
        .oneof(
          fc.constantFrom(
            null,
            'ab',
            5,
            [1],
            [1, 2, 3],
            [1, 1],
            [2, 1],
            ['0', '1'],
            [0, Number.NaN],
          ),
          fc
            .tuple(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), nonFinite)
            .map(([a, b]) => [a, b]),
        )
        .map((range) => ({
          run: () => new MinMaxScaler(range as [number, number]),
          names: 'featureRange',
        })),
      fc
        .tuple(fc.constantFrom('withMean', 'withStd'), notBoolean)
        .map(([key, value]) => ({ run: () => new StandardScaler({ [key]: value }), names: key })),
      fc
        .tuple(fc.constantFrom('withCentering', 'withScaling'), notBoolean)
        .map(([key, value]) => ({ run: () => new RobustScaler({ [key]: value }), names: key })),
      fc
        .constantFrom(
          null,
          [25],
          [80, 20],
          [-1, 50],
          [50, 101],
          ['25', '75'],
          [Number.NaN, 75],
          'q',
        )
        .map((quantileRange) => ({
          run: () => new RobustScaler({ quantileRange: quantileRange as [number, number] }),
          names: 'quantileRange',
        })),
      badOptions(['withMean', 'withStd']).map((options) => ({
        run: () => new StandardScaler(options as object),
        names: 'options',
      })),
      fc
        .tuple(fc.nat(2), notSeries)
        .map(([i, x]) => ({ run: () => scalers[i]().fit(x as number[]), names: 'x' })),
      fc.tuple(fc.nat(2), notSeries).map(([i, x]) => ({
        run: () =>
          scalers[i]()
            .fit([1, 2])
            .transform(x as number[]),
        names: 'x',
      })),
      fc.tuple(fc.nat(2), nonFinite).map(([i, bad]) => ({
        run: () => scalers[i]().fit([1, bad, 3]),
        names: 'finite values',
      })),
      fc
        .tuple(fc.nat(2), fc.constantFrom('{', 'null', '[]', '"x"', '{"className":"Other"}'))
        .map(([i, json]) => ({
          run: () => [MinMaxScaler, StandardScaler, RobustScaler][i].fromJSON(json),
          names: /json|JSON/,
        })),
      fc
        .oneof(fc.constant(null), fc.constant('x'), fc.constant([1]), fc.constant({ mean: [1] }))
        .map((state) => ({
          run: () =>
            StandardScaler.fromJSON({
              className: 'StandardScaler',
              config: {},
              state: state as Record<string, number[]> | null,
            }).transform([1]),
          names: /json\.state|fitted/,
        })),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('readCsv and CsvTable refuse bad sources, options, columns and dtypes', () => {
    const text = 'a,b\n1,2\n3,\n';
    const cases = fc.oneof(
      fc.constantFrom(5, null, undefined, {}, [text]).map((source) => ({
        run: () => readCsv(source as string),
        names: 'path',
      })),
      fc.constantFrom('', '\n', '\r', '"', 5, null).map((delimiter) => ({
        run: () => readCsv(text, { delimiter: delimiter as string }),
        names: 'delimiter',
      })),
      notBoolean.map((header) => ({
        run: () => readCsv(text, { header: header as boolean }),
        names: 'header',
      })),
      fc.constantFrom('a', 5, [1, 2], [null]).map((names) => ({
        run: () => readCsv(text, { names: names as unknown as string[] }),
        names: 'names',
      })),
      fc.constantFrom('a', 5, [-1], [0.5], [5], ['c'], [null]).map((columns) => ({
        run: () => readCsv(text, { columns: columns as string[] }),
        names: 'columns',
      })),
      fc.constantFrom('a', 5, [1], ['c']).map((parseDates) => ({
        run: () => readCsv(text, { parseDates: parseDates as unknown as string[] }),
        names: 'parseDates',
      })),
      badOptions(['header', 'names', 'columns', 'delimiter', 'parseDates']).map((options) => ({
        run: () => readCsv(text, options as object),
        names: 'options',
      })),
      fc
        .oneof(
          notNumber.filter((v) => v !== 'a' && v !== 'b'),
          fc.constantFrom('c', 'A'),
        )
        .map((name) => ({
          run: () => readCsv(text).numbers(name as string),
          names: 'name',
        })),
      notOneOf(['float32', 'float64', 'int32']).map((dtype) => ({
        run: () => readCsv(text).toTensor(['a'], dtype as 'float32'),
        names: 'dtype',
      })),
      // Column b has a missing value (NaN), which has no int32.
      fc.constant({ run: () => readCsv(text).toTensor(['b'], 'int32'), names: 'columns' }),
      fc.constantFrom('a', 5, {}).map((names) => ({
        run: () => readCsv(text).toTensor(names as unknown as string[]),
        names: 'names',
      })),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('trainTestSplit refuses bad arrays, sizes and options', () => {
    const data = [1, 2, 3, 4];
    const cases = fc.oneof(
      fc.constantFrom(null, 'ab', 5, {}, []).map((arrays) => ({
        run: () => trainTestSplit(arrays as unknown as number[][]),
        names: 'arrays',
      })),
      fc
        .oneof(
          fc.constantFrom(null, 'ab', 5, {}, new DataView(new ArrayBuffer(4))),
          detachedArray,
          detachedTensor(),
        )
        .map((bad) => ({
          run: () => trainTestSplit([data, bad] as unknown as number[][]),
          names: 'arrays',
        })),
      fc.integer({ min: 1, max: 3 }).map((n) => ({
        run: () => trainTestSplit([data, new Array(4 + n).fill(0)]),
        names: 'arrays',
      })),
      fc
        .tuple(
          fc.constantFrom('testSize', 'trainSize'),
          fc.oneof(notNumber, nonFinite, fc.constantFrom(0, 5, -0.5, 1.5, 2.5)),
        )
        .map(([key, value]) => ({
          run: () => trainTestSplit([data], { [key]: value }),
          names: key,
        })),
      fc.constant({
        run: () => trainTestSplit([data], { testSize: 3, trainSize: 3 }),
        names: 'trainSize + testSize',
      }),
      notBoolean.map((shuffle) => ({
        run: () => trainTestSplit([data], { shuffle: shuffle as boolean }),
        names: 'shuffle',
      })),
      fc.oneof(notNumber, nonFinite).map((seed) => ({
        run: () => trainTestSplit([data], { seed: seed as number }),
        names: 'seed',
      })),
      badOptions(['testSize', 'trainSize', 'shuffle', 'seed']).map((options) => ({
        run: () => trainTestSplit([data], options as object),
        names: 'options',
      })),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('padSequences refuses what Keras refuses, and values an int32 cannot hold', () => {
    const cases = fc.oneof(
      fc.constantFrom(null, undefined, 'ab', 5, {}, new Int32Array(2)).map((sequences) => ({
        run: () => padSequences(sequences as number[][]),
        names: 'sequences',
      })),
      fc
        .oneof(
          fc.constantFrom(5, 'ab', null, undefined, {}, new DataView(new ArrayBuffer(4))),
          detachedArray,
        )
        .map((sequence) => ({
          run: () => padSequences([[1], sequence] as number[][]),
          names: 'sequences',
        })),
      notInt32.map((bad) => ({
        run: () =>
          padSequences([
            [1, 2],
            [3, bad],
          ]),
        names: 'sequences',
      })),
      notInt32.map((bad) => ({
        run: () => padSequences([Float64Array.of(bad)]),
        names: 'sequences',
      })),
      fc
        .oneof(
          notNumber.filter((v) => !Array.isArray(v) || v.length > 0),
          fc.constant(undefined),
        )
        .map((bad) => ({
          run: () => padSequences([[1, bad as number]], { dtype: 'float32' }),
          names: 'sequences',
        })),
      fc
        .oneof(notPositive, fc.constant(0))
        .filter((m) => m !== null)
        .map((maxlen) => ({
          run: () => padSequences([[1]], { maxlen: maxlen as number }),
          names: 'maxlen',
        })),
      fc.constant({ run: () => padSequences([]), names: 'maxlen' }),
      fc.integer({ min: 2 ** 31, max: 2 ** 45 }).map((maxlen) => ({
        run: () => padSequences([[1]], { maxlen }),
        names: 'maxlen',
      })),
      fc
        .tuple(fc.constantFrom('padding', 'truncating'), notOneOf(['pre', 'post']))
        .map(([key, value]) => ({ run: () => padSequences([[1]], { [key]: value }), names: key })),
      notOneOf(['int32', 'float32']).map((dtype) => ({
        run: () => padSequences([[1]], { dtype: dtype as 'int32' }),
        names: 'dtype',
      })),
      fc.oneof(notNumber, notInt32).map((value) => ({
        run: () => padSequences([[1]], { value: value as number }),
        names: 'value',
      })),
      badOptions(['maxlen', 'padding', 'truncating', 'value', 'dtype']).map((options) => ({
        run: () => padSequences([[1]], options as object),
        names: 'options',
      })),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('toCategorical, oneHotSequences, bagOfWords and nextTokenWindows refuse bad labels, indices and sizes', () => {
    const cases = fc.oneof(
      notSeries.map((labels) => ({
        run: () => toCategorical(labels as number[]),
        names: 'labels',
      })),
      // Labels become float32: fractions that stay fractions there.
      fc
        .oneof(
          fraction.filter((x) => !Number.isInteger(Math.fround(x))),
          nonFinite,
          fc.integer({ max: -1 }),
        )
        .map((bad) => ({
          run: () => toCategorical([0, bad]),
          names: 'labels',
        })),
      fc
        .oneof(notPositive, fc.constant(0))
        .filter((n) => n !== undefined)
        .map((numClasses) => ({
          run: () => toCategorical([0, 1], numClasses as number),
          names: 'numClasses',
        })),
      fc
        .integer({ min: 3, max: 100 })
        .map((label) => ({ run: () => toCategorical([0, label], 3), names: 'labels' })),
      fc.integer({ min: 2 ** 31, max: 2 ** 40 }).map((numClasses) => ({
        run: () => toCategorical([0], numClasses),
        names: 'numClasses',
      })),
      fc.oneof(notPositive).map((vocabSize) => ({
        run: () => oneHotSequences([[1]], vocabSize as number),
        names: 'vocabSize',
      })),
      fc
        .oneof(
          fc.constantFrom(null, 'ab', 5, {}, [[1], 5], [[1], 'ab'], [[1, 2], [1]]),
          detachedTensor(),
          fc.constant([detach(tensor([1]))]),
        )
        .map((sequences) => ({
          run: () => oneHotSequences(sequences as number[][], 3),
          names: /sequence/,
        })),
      fc.oneof(fraction, nonFinite, fc.integer({ max: -1 }), fc.integer({ min: 3 })).map((bad) => ({
        run: () => oneHotSequences([[0, bad]], 3),
        names: 'indices',
      })),
      fc.oneof(notPositive).map((vocabSize) => ({
        run: () => bagOfWords([[1]], vocabSize as number),
        names: 'vocabSize',
      })),
      fc
        .oneof(fraction, nonFinite, fc.integer({ max: -1 }), fc.constantFrom('1', null))
        .map((bad) => ({
          run: () => bagOfWords([[1, bad as number]], 4),
          names: 'sequences',
        })),
      fc.constantFrom(null, 'ab', 5, {}, [5], ['ab']).map((sequences) => ({
        run: () => bagOfWords(sequences as number[][], 4),
        names: 'sequences',
      })),
      notOneOf(['binary', 'count', 'freq', 'tfidf']).map((mode) => ({
        run: () => bagOfWords([[1]], 4, { mode: mode as 'count' }),
        names: 'mode',
      })),
      fc.oneof(notPositive).map((documentCount) => ({
        run: () =>
          bagOfWords([[1]], 4, {
            mode: 'tfidf',
            documentCount: documentCount as number,
            documentFrequencies: new Map(),
          }),
        names: 'documentCount',
      })),
      fc
        .constantFrom({}, [1], 'x', new Map([[1.5, 1]]), new Map([[1, -1]]))
        .map((documentFrequencies) => ({
          run: () =>
            bagOfWords([[1]], 4, {
              mode: 'tfidf',
              documentCount: 1,
              documentFrequencies: documentFrequencies as Map<number, number>,
            }),
          names: 'documentFrequencies',
        })),
      fc.integer({ min: 2 ** 31, max: 2 ** 40 }).map((vocabSize) => ({
        run: () => bagOfWords([[1]], vocabSize),
        names: 'vocabSize',
      })),
      badOptions(['mode', 'documentCount', 'documentFrequencies']).map((options) => ({
        run: () => bagOfWords([[1]], 4, options as object),
        names: 'options',
      })),
      fc.constantFrom(null, 5, {}, new Set([1])).map((tokens) => ({
        run: () => nextTokenWindows(tokens as string[], 2),
        names: 'tokens',
      })),
      notPositive.map((window) => ({
        run: () => nextTokenWindows(['a', 'b'], window as number),
        names: 'window',
      })),
      fc.integer({ min: 50_000, max: 80_000 }).map((window) => ({
        run: () => nextTokenWindows(new Array(window * 2).fill(0), window),
        names: 'window',
      })),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('textToWordSequence and Tokenizer refuse bad texts, options and JSON', () => {
    const fitted = new Tokenizer().fitOnTexts(['the cat sat']);
    const cases = fc.oneof(
      notNumber
        .filter((v) => typeof v !== 'string')
        .map((text) => ({
          run: () => textToWordSequence(text as string),
          names: 'text',
        })),
      fc
        .tuple(
          fc.constantFrom('filters', 'split'),
          fc.oneof(
            fc.constantFrom(5, null, [' '], {}),
            fc.constant('').filter(() => true),
          ),
        )
        .filter(([key, value]) => !(key === 'filters' && value === ''))
        .map(([key, value]) => ({
          run: () => textToWordSequence('a b', { [key]: value }),
          names: key,
        })),
      notBoolean.map((lower) => ({
        run: () => textToWordSequence('a', { lower: lower as boolean }),
        names: 'lower',
      })),
      badOptions(['filters', 'lower', 'split']).map((options) => ({
        run: () => textToWordSequence('a', options as object),
        names: 'options',
      })),
      notOneOf(['word', 'char']).map((level) => ({
        run: () => new Tokenizer({ level: level as 'word' }),
        names: 'level',
      })),
      notPositive
        .filter((n) => n !== null)
        .map((numWords) => ({
          run: () => new Tokenizer({ numWords: numWords as number }),
          names: 'numWords',
        })),
      notBoolean.map((lower) => ({
        run: () => new Tokenizer({ lower: lower as boolean }),
        names: 'lower',
      })),
      fc.constantFrom('', 5, {}, []).map((oovToken) => ({
        run: () => new Tokenizer({ oovToken: oovToken as string }),
        names: 'oovToken',
      })),
      fc
        .constantFrom('', 5, null)
        .map((split) => ({ run: () => new Tokenizer({ split: split as string }), names: 'split' })),
      badOptions(['level', 'numWords', 'oovToken', 'lower', 'filters', 'split']).map((options) => ({
        run: () => new Tokenizer(options as object),
        names: 'options',
      })),
      fc.constantFrom('the cat', null, 5, [5], [['a', 5]], [null]).map((texts) => ({
        run: () => new Tokenizer().fitOnTexts(texts as unknown as string[]),
        names: 'texts',
      })),
      fc.constantFrom('the cat', null, 5, [5]).map((texts) => ({
        run: () => fitted.textsToSequences(texts as unknown as string[]),
        names: 'texts',
      })),
      fc
        .oneof(
          fc.constantFrom(null, 5, 'ab', [5], [['a']], [[1.5]], [[-1]], [[Number.NaN]]),
          detachedArray.map((d) => [d]),
        )
        .map((sequences) => ({
          run: () => fitted.sequencesToTexts(sequences as number[][]),
          names: 'sequences',
        })),
      notOneOf(['binary', 'count', 'freq', 'tfidf']).map((mode) => ({
        run: () => fitted.sequencesToMatrix([[1]], mode as 'count'),
        names: 'mode',
      })),
      fc
        .constantFrom(
          '{',
          'null',
          '{"className":"Tokenizer"}',
          '{"className":"Tokenizer","config":{},"documentCount":-1,"wordCounts":[],"wordDocs":[]}',
          '{"className":"Tokenizer","config":{},"documentCount":1,"wordCounts":[["a",0.5]],"wordDocs":[]}',
          '{"className":"Tokenizer","config":{"lower":"no"},"documentCount":1,"wordCounts":[],"wordDocs":[]}',
          '{"className":"Tokenizer","config":{"levle":"char"},"documentCount":1,"wordCounts":[],"wordDocs":[]}',
        )
        .map((json) => ({ run: () => Tokenizer.fromJSON(json), names: /json|lower|options/ })),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('Dataset and collate refuse bad sources, sizes, options and elements', () => {
    const data = Dataset.fromItems([1, 2, 3]);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const cases = fc.oneof(
      fc.constantFrom(null, undefined, 5, {}).map((items) => ({
        run: () => Dataset.fromItems(items as number[]),
        names: 'iterable',
      })),
      fc
        .oneof(fc.constantFrom(null, 5, 'ab', [], [ones([2]), 5], ones([])), detachedTensor())
        .map((x) => ({ run: () => Dataset.fromTensors(x as Tensor), names: 'x' })),
      fc.constant({
        run: () => Dataset.fromTensors(ones([3, 1]), ones([2])),
        names: 'first dimension',
      }),
      notSeries.map((x) => ({ run: () => Dataset.fromArrays(x as number[]), names: 'x' })),
      fc.constantFrom(null, 5, 'gen', {}).map((generator) => ({
        run: () => Dataset.fromGenerator(generator as () => Iterable<number>),
        names: 'generator',
      })),
      notNonNegative.map((size) => ({
        run: () => Dataset.fromGenerator(function* () {}, { size: size as number }),
        names: 'size',
      })),
      fc.constantFrom(null, 5, {}, []).map((source) => ({
        run: () => Dataset.fromTextLines(source as string),
        names: 'stream',
      })),
      fc
        .constantFrom(
          { delimiter: '' },
          { header: 'yes' },
          { columns: 'a' },
          { parseDates: true },
          { sep: ';' },
        )
        .map((options) => ({
          run: () => Dataset.fromCsv('file.csv', options as object),
          names: /delimiter|header|columns|parseDates|options/,
        })),
      notPositive.map((batchSize) => ({
        run: () => data.batch(batchSize as number),
        names: 'batchSize',
      })),
      notBoolean.map((dropRemainder) => ({
        run: () => data.batch(2, { dropRemainder: dropRemainder as boolean }),
        names: 'dropRemainder',
      })),
      notPositive.map((bufferSize) => ({
        run: () => data.shuffle(bufferSize as number),
        names: 'bufferSize',
      })),
      fc
        .oneof(notNumber, nonFinite)
        .map((seed) => ({ run: () => data.shuffle(3, seed as number), names: 'seed' })),
      notBoolean.map((value) => ({
        run: () => data.shuffle(3, 1, { reshuffleEachIteration: value as boolean }),
        names: 'reshuffleEachIteration',
      })),
      fc
        .constantFrom(null, 5, 'fn', {})
        .map((fn) => ({ run: () => data.map(fn as () => number), names: 'function' })),
      fc
        .constantFrom(null, 5, 'fn', {})
        .map((fn) => ({ run: () => data.filter(fn as () => boolean), names: 'function' })),
      fc
        .tuple(fc.constantFrom('take', 'skip', 'repeat') as fc.Arbitrary<'take'>, notNonNegative)
        .filter(([, count]) => count !== Number.POSITIVE_INFINITY)
        .map(([method, count]) => ({ run: () => data[method](count as number), names: 'count' })),
      notPositive.map((bufferSize) => ({
        run: () => data.prefetch(bufferSize as number),
        names: 'bufferSize',
      })),
      fc
        .constantFrom(
          null,
          'ab',
          [],
          [new Map(), new Map()],
          [cyclic, cyclic],
          [Uint8Array.of(1), Uint8Array.of(2)],
          [{ x: ones([2]) }, { x: ones([3]) }],
          [{ x: ones([2]) }, { x: 5 }],
          [[1, 2], [1]],
          [Symbol('a')],
        )
        .map((elements) => ({ run: () => collate(elements as unknown[]), names: /element/ })),
      fc.constant({ run: () => collate([detach(ones([2])), ones([2])]), names: 'element' }),
    );
    refusesBadInputs(cases, (c) => c);
  });

  it('Dataset.batch refuses elements it cannot stack while iterating', async () => {
    const elements = fc.constantFrom<unknown[]>(
      [ones([2]), ones([3])],
      [1, 'a'],
      [{ x: ones([2]) }, { y: ones([2]) }],
      [new Map(), new Map()],
      [Float32Array.of(1), Float32Array.of(1, 2)],
    );
    await refusesBadInputsAsync(elements, (items) => ({
      run: () => Dataset.fromItems(items).batch(2).toArray(),
      names: /element/,
    }));
  });
});
