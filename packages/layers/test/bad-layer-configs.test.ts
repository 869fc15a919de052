// Property suite (a): every layer constructor, fed generated bad options. Each generated config is
// a valid one with exactly one option replaced by a definitely-invalid value; the constructor
// must refuse it with a typed recur error naming that option (badInputRuns: 1,000 per class).
import * as L from '@recur/layers';
import { describeBackends, refusesBadInputs, badOptionValues } from '@recur/testing';
import fc from 'fast-check';
import { it } from 'vitest';
const {
  initializerOptionNames,
  notActivation,
  notBoolean,
  notFiniteNumber,
  notInitializer,
  notName,
  notPositiveInteger,
  notRate,
  notRegularizer,
  notSeed,
  notShape,
  objects,
  reservedNames,
  symbols,
  unknownNames,
} = badOptionValues;

type Options = Record<string, unknown>;

interface ConstructorCase {
  create: (config: Options) => unknown;
  valid: () => Options;
  /** Bad values per option; `names` defaults to the option's own name. */
  bad: Record<string, fc.Arbitrary<unknown>>;
  names?: Record<string, RegExp>;
}

const initializerNames = (key: string) => new RegExp(`${key}|${initializerOptionNames}`);

const base: Record<string, fc.Arbitrary<unknown>> = {
  name: notName,
  trainable: notBoolean,
  dtype: fc.oneof(
    fc.constantFrom('int32', 'float16', 'bfloat16', 'Float32', ''),
    fc.integer(),
    symbols,
    objects,
  ),
  inputShape: notShape,
  batchInputShape: fc.oneof(notShape, fc.constant([])),
  batchSize: notPositiveInteger().filter((v) => v !== null),
};

// Units whose recurrent kernel (at least units x units) exceeds MAX_WEIGHT_ELEMENTS.
const hugeUnits = fc.integer({ min: 2 ** 14 + 1, max: 2 ** 24 });

const recurrentBad = (extra: Record<string, fc.Arbitrary<unknown>>) => ({
  ...base,
  units: fc.oneof(notPositiveInteger(), hugeUnits),
  activation: fc.oneof(notActivation, fc.constantFrom('softmax', 'gelu', 'elu', 'swish')),
  useBias: notBoolean,
  kernelInitializer: notInitializer,
  recurrentInitializer: notInitializer,
  biasInitializer: notInitializer,
  kernelRegularizer: notRegularizer,
  recurrentRegularizer: notRegularizer,
  biasRegularizer: notRegularizer,
  dropout: notRate,
  recurrentDropout: notRate,
  returnSequences: notBoolean,
  returnState: notBoolean,
  goBackwards: notBoolean,
  stateful: notBoolean,
  unroll: notBoolean,
  seed: notSeed,
  ...extra,
});

const recurrentNames = {
  kernelInitializer: initializerNames('kernelInitializer'),
  recurrentInitializer: initializerNames('recurrentInitializer'),
  biasInitializer: initializerNames('biasInitializer'),
};

const cases: Record<string, ConstructorCase> = {
  Dense: {
    create: (c) => new L.Dense(c as unknown as L.DenseConfig),
    valid: () => ({ units: 3 }),
    bad: {
      ...base,
      units: notPositiveInteger(),
      activation: notActivation,
      useBias: notBoolean,
      kernelInitializer: notInitializer,
      biasInitializer: notInitializer,
      kernelRegularizer: notRegularizer,
      biasRegularizer: notRegularizer,
    },
    names: {
      kernelInitializer: initializerNames('kernelInitializer'),
      biasInitializer: initializerNames('biasInitializer'),
    },
  },
  Activation: {
    create: (c) => new L.Activation(c as unknown as { activation: string }),
    valid: () => ({ activation: 'relu' }),
    bad: { ...base, activation: notActivation },
  },
  Dropout: {
    create: (c) => new L.Dropout(c as unknown as L.DropoutConfig),
    valid: () => ({ rate: 0.5 }),
    bad: { ...base, rate: notRate, seed: notSeed, noiseShape: notShape },
  },
  Embedding: {
    create: (c) => new L.Embedding(c as unknown as L.EmbeddingConfig),
    valid: () => ({ inputDim: 10, outputDim: 4 }),
    bad: {
      ...base,
      inputDim: notPositiveInteger(),
      outputDim: notPositiveInteger(),
      maskZero: notBoolean,
      embeddingsInitializer: notInitializer,
      embeddingsRegularizer: notRegularizer,
    },
    names: { embeddingsInitializer: initializerNames('embeddingsInitializer') },
  },
  'Embedding (a table larger than MAX_WEIGHT_ELEMENTS)': {
    create: (c) => new L.Embedding(c as unknown as L.EmbeddingConfig),
    valid: () => ({ outputDim: 2 ** 10 }),
    bad: { inputDim: fc.integer({ min: 2 ** 18 + 1, max: 2 ** 24 }) },
  },
  Flatten: { create: (c) => new L.Flatten(c), valid: () => ({}), bad: base },
  Masking: {
    create: (c) => new L.Masking(c),
    valid: () => ({}),
    bad: { ...base, maskValue: notFiniteNumber },
  },
  RepeatVector: {
    create: (c) => new L.RepeatVector(c as unknown as { n: number }),
    valid: () => ({ n: 2 }),
    bad: { ...base, n: notPositiveInteger() },
  },
  Reshape: {
    create: (c) => new L.Reshape(c as unknown as { targetShape: number[] }),
    valid: () => ({ targetShape: [2, -1] }),
    bad: {
      ...base,
      targetShape: fc.oneof(
        // A single -1 is a valid entry of a target shape.
        notShape.filter(
          (v) =>
            !(
              Array.isArray(v) &&
              v.filter((d) => d === -1).length === 1 &&
              v.every((d) => d === -1 || (Number.isInteger(d) && d > 0 && d <= 2 ** 24))
            ),
        ),
        fc.constant(null),
        fc.constantFrom([-1, -1], [2, -1, 3, -1], [null, 2], [0], [-2, 3]),
      ),
    },
  },
  InputLayer: {
    create: (c) => new L.InputLayer(c as L.InputLayerConfig),
    valid: () => ({ batchInputShape: [null, 3] }),
    bad: {
      ...base,
      batchInputShape: fc.oneof(notShape, fc.constant([])),
      inputDtype: fc.oneof(fc.constantFrom('bool', 'float16', 'int64', ''), fc.integer(), objects),
    },
  },
  SimpleRNN: {
    create: (c) => new L.SimpleRNN(c as unknown as L.RecurrentLayerConfig),
    valid: () => ({ units: 3 }),
    bad: recurrentBad({}),
    names: recurrentNames,
  },
  LSTM: {
    create: (c) => new L.LSTM(c as unknown as L.LSTMConfig),
    valid: () => ({ units: 3 }),
    bad: recurrentBad({
      recurrentActivation: fc.oneof(notActivation, fc.constantFrom('softmax', 'gelu')),
      unitForgetBias: notBoolean,
    }),
    names: recurrentNames,
  },
  GRU: {
    create: (c) => new L.GRU(c as unknown as L.GRUConfig),
    valid: () => ({ units: 3 }),
    bad: recurrentBad({
      recurrentActivation: fc.oneof(notActivation, fc.constantFrom('softmax', 'selu')),
      resetAfter: notBoolean,
    }),
    names: recurrentNames,
  },
  Bidirectional: {
    create: (c) => new L.Bidirectional(c as unknown as L.BidirectionalConfig),
    valid: () => ({ layer: new L.GRU({ units: 2 }) }),
    bad: {
      ...base,
      layer: fc.oneof(
        fc.oneof(fc.integer(), fc.string(), fc.boolean(), symbols, fc.constant(null)),
        fc.constant([]),
        fc.record({ className: fc.oneof(unknownNames, fc.integer(), objects) }),
        fc.constantFrom('Dense', 'Flatten').map((className) => ({
          className,
          config: className === 'Dense' ? { units: 2 } : {},
        })),
        fc.constant(null).map(() => new L.Dense({ units: 2 })),
        fc.constant({ className: 'LSTM', config: 'units: 2' }),
      ),
      mergeMode: fc.oneof(
        fc.constantFrom('avg', 'Concat', 'concat ', 'max', ''),
        fc.integer(),
        fc.boolean(),
        objects,
        reservedNames,
      ),
    },
  },
  'Bidirectional (a bad inner layer)': {
    create: (c) => new L.Bidirectional(c as unknown as L.BidirectionalConfig),
    valid: () => ({}),
    bad: {
      // The inner layer's own bad option (or an unknown one, which a copy would drop).
      layer: fc.oneof(
        notPositiveInteger().map((units) => ({ className: 'LSTM', config: { units } })),
        // null is Keras' "absent" in a serialized config, so it is not among these.
        notBoolean
          .filter((v) => v !== null)
          .map((goBackwards) => ({ className: 'GRU', config: { units: 2, goBackwards } })),
        fc
          .constantFrom('return_sequences', 'returnSequence', 'go_backwards')
          .map((key) => new L.LSTM({ units: 2, [key]: true } as unknown as L.LSTMConfig)),
        fc.constant(null).map(() => ({
          className: 'LSTM',
          config: { units: 2, stateful: true, batchInputShape: [2, 3, 4] },
        })),
      ),
    },
    names: { layer: /units|goBackwards|return_sequences|returnSequence|go_backwards|stateful/ },
  },
  TimeDistributed: {
    create: (c) => new L.TimeDistributed(c as unknown as { layer: L.Layer }),
    valid: () => ({ layer: new L.Dense({ units: 2 }) }),
    bad: {
      ...base,
      layer: fc.oneof(
        fc.oneof(fc.integer(), fc.string(), fc.boolean(), symbols, fc.constant(null)),
        fc.constant([]),
        fc.record({ className: fc.oneof(unknownNames, fc.integer(), objects) }),
        fc.constant({ className: 'Dense', config: [2] }),
      ),
    },
    names: { layer: /layer|Dense config/ },
  },
  'TimeDistributed (a bad inner layer)': {
    create: (c) => new L.TimeDistributed(c as unknown as { layer: L.Layer }),
    valid: () => ({}),
    bad: {
      layer: fc.oneof(
        notPositiveInteger().map((units) => ({ className: 'Dense', config: { units } })),
        fc.constant(null).map(() => new L.Dense({ units: 2, use_bias: false } as never)),
      ),
    },
    names: { layer: /units|use_bias/ },
  },
};

describeBackends('bad layer configurations', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: every bad option is refused, naming it`, () => {
      const keys = Object.keys(c.bad);
      refusesBadInputs(
        fc.constantFrom(...keys).chain((key) => c.bad[key].map((value) => ({ key, value }))),
        ({ key, value }) => ({
          run: () => c.create({ ...c.valid(), [key]: value }),
          names: c.names?.[key] ?? key,
        }),
      );
    });
  }

  it('a config that is not an options object is refused', () => {
    refusesBadInputs(
      fc.tuple(
        fc.constantFrom(...Object.values(cases).map((c) => c.create)),
        fc.oneof(
          fc.integer(),
          fc.string(),
          fc.boolean(),
          symbols,
          fc.constant(null),
          fc.constant([1]),
        ),
      ),
      ([create, config]) => ({ run: () => create(config as unknown as Options), names: 'config' }),
    );
  });

  it('deserializeLayer refuses unregistered and reserved class names, listing the valid ones', () => {
    refusesBadInputs(
      fc.oneof(
        unknownNames.map((className) => ({ className, config: {} })),
        fc.record({ className: fc.oneof(fc.integer(), fc.constant(null), objects) }),
        fc.oneof(fc.integer(), fc.string(), fc.constant(null), symbols),
      ),
      (serialized) => ({
        run: () => L.deserializeLayer(serialized as L.Serialized),
        names: /a registered layer class \(Activation, Bidirectional, Dense/,
      }),
    );
  });
});
