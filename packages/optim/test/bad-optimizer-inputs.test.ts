// Property suite (c): optimizer constructors and their options, learning-rate schedules,
// getOptimizer / optimizerFromConfig, and the update calls (apply, getState, setState), fed
// generated definitely-invalid arguments. Each must be refused with a typed recur error naming
// the argument (badInputRuns: 1,000 per property).
import {
  Adadelta,
  Adagrad,
  Adam,
  Adamax,
  AdamW,
  CosineDecay,
  ExponentialDecay,
  getOptimizer,
  LearningRateSchedule,
  Nadam,
  type Optimizer,
  optimizerFromConfig,
  PiecewiseConstantDecay,
  RMSprop,
  SGD,
  scheduleFromConfig,
  Warmup,
} from '@recur/optim';
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
  symbols,
  unknownKeys,
  unknownNames,
  withOwnKey,
} = badOptionValues;

type Options = Record<string, unknown>;
const notNull = (arbitrary: fc.Arbitrary<unknown>) => arbitrary.filter((v) => v !== null);

/** Not a number in [0, max] (`openMax`: [0, max)). */
const notUnitInterval = (max: number, openMax = false) =>
  fc.oneof(
    notNumberFrom(0),
    openMax ? fc.constant(max) : fc.constant(max + 0.5),
    fc.double({ min: max, minExcluded: !openMax, noNaN: true }),
  );

// Options every optimizer takes; null means "none" for the clips and weight decay, "default" for
// the name, so it is excluded there.
const base: Record<string, fc.Arbitrary<unknown>> = {
  learningRate: fc.oneof(notNumberFrom(0), fc.constant(null)),
  weightDecay: notNull(notNumberFrom(0)),
  clipnorm: notNull(notNumberFrom(0, true)),
  clipvalue: notNull(notNumberFrom(0, true)),
  globalClipnorm: notNull(notNumberFrom(0, true)),
  name: notName,
};
const betas = {
  beta1: notUnitInterval(1, true),
  beta2: notUnitInterval(1, true),
  epsilon: notNumberFrom(0),
};

const optimizers: Record<
  string,
  { create: (c: Options) => Optimizer; bad: Record<string, fc.Arbitrary<unknown>> }
> = {
  SGD: {
    create: (c) => new SGD(c),
    bad: { ...base, momentum: notUnitInterval(1), nesterov: notBoolean },
  },
  RMSprop: {
    create: (c) => new RMSprop(c),
    bad: {
      ...base,
      rho: notUnitInterval(1),
      momentum: notNumberFrom(0),
      epsilon: notNumberFrom(0),
      centered: notBoolean,
    },
  },
  Adam: { create: (c) => new Adam(c), bad: { ...base, ...betas, amsgrad: notBoolean } },
  AdamW: {
    create: (c) => new AdamW(c),
    bad: { ...base, ...betas, amsgrad: notBoolean, weightDecay: notNumberFrom(0) },
  },
  Adagrad: {
    create: (c) => new Adagrad(c),
    bad: { ...base, initialAccumulatorValue: notNumberFrom(0), epsilon: notNumberFrom(0) },
  },
  Adadelta: {
    create: (c) => new Adadelta(c),
    bad: { ...base, rho: notUnitInterval(1), epsilon: notNumberFrom(0) },
  },
  Adamax: { create: (c) => new Adamax(c), bad: { ...base, ...betas } },
  Nadam: { create: (c) => new Nadam(c), bad: { ...base, ...betas } },
};

const notTensor = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 3 }),
  fc.boolean(),
  symbols,
  objects,
  fc.constant([1, 2]),
);

class Broken extends LearningRateSchedule {
  readonly className = 'Broken';
  constructor(private readonly value: unknown) {
    super();
  }
  valueAt(): number {
    return this.value as number;
  }
  getConfig() {
    return { className: this.className, config: {} };
  }
}

describeBackends('bad optimizer inputs', () => {
  for (const [name, { create, bad }] of Object.entries(optimizers)) {
    it(`${name}: every bad option is refused, naming it`, () => {
      refusesBadInputs(
        fc.oneof(
          fc
            .constantFrom(...Object.keys(bad))
            .chain((key) =>
              bad[key].map((value) => ({ config: { [key]: value } as Options, names: key })),
            ),
          unknownKeys.map((key) => ({ config: withOwnKey({}, key, 1), names: key })),
          fc
            .oneof(fc.integer(), fc.string(), fc.constant(null), fc.constant([0.1]), symbols)
            .map((config) => ({ config: config as unknown as Options, names: 'config' })),
          // Keras 3: at most one of the three clipping options.
          fc
            .subarray(['clipnorm', 'clipvalue', 'globalClipnorm'], { minLength: 2 })
            .map((keys) => ({
              config: Object.fromEntries(keys.map((k) => [k, 1])),
              names: 'at most one of clipnorm, clipvalue and globalClipnorm',
            })),
        ),
        ({ config, names }) => ({ run: () => create(config), names }),
      );
    });
  }

  it('getOptimizer and optimizerFromConfig refuse unknown and reserved names, listing the valid ones', () => {
    refusesBadInputs(
      fc.oneof(
        unknownNames.map((identifier) => ({ identifier, names: 'sgd, rmsprop, adam' })),
        unknownNames.map((className) => ({
          identifier: { className, config: {} },
          names: 'an optimizer among sgd, rmsprop, adam',
        })),
        fc
          .oneof(fc.integer(), fc.constant(null), fc.boolean(), symbols, fc.constant([]))
          .map((identifier) => ({ identifier, names: 'getOptimizer' })),
        fc.oneof(fc.string(), fc.integer(), fc.constant([])).map((config) => ({
          identifier: { className: 'adam', config },
          names: 'config',
        })),
        notUnitInterval(1, true).map((beta1) => ({
          identifier: { className: 'Adam', config: { beta1 } },
          names: 'beta1',
        })),
        fc.oneof(unknownNames, fc.integer()).map((className) => ({
          identifier: { className: 'SGD', config: { learningRate: { className, config: {} } } },
          names: 'scheduleFromConfig',
        })),
      ),
      ({ identifier, names }) => ({
        run: () => getOptimizer(identifier as Parameters<typeof getOptimizer>[0]),
        names,
      }),
    );
    refusesBadInputs(
      fc.oneof(fc.integer(), fc.constant(null), fc.string(), symbols),
      (serialized) => ({
        run: () => optimizerFromConfig(serialized as never),
        names: 'optimizerFromConfig',
      }),
    );
  });

  it('schedules refuse bad options and steps, naming them', () => {
    const rate = notNumberFrom(0);
    const steps = notNumberFrom(0, true);
    const cases: [
      string,
      (c: Options) => unknown,
      Options,
      Record<string, fc.Arbitrary<unknown>>,
    ][] = [
      [
        'ExponentialDecay',
        (c) => new ExponentialDecay(c as never),
        { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 },
        {
          initialLearningRate: rate,
          decaySteps: steps,
          decayRate: rate,
          staircase: notBoolean,
          name: notName,
        },
      ],
      [
        'CosineDecay',
        (c) => new CosineDecay(c as never),
        { initialLearningRate: 0.1, decaySteps: 10 },
        {
          initialLearningRate: rate,
          decaySteps: steps,
          alpha: notUnitInterval(1),
          warmupTarget: notNull(rate),
          warmupSteps: rate,
          name: notName,
        },
      ],
      [
        'PiecewiseConstantDecay',
        (c) => new PiecewiseConstantDecay(c as never),
        { boundaries: [10], values: [0.1, 0.01] },
        {
          // (nonNumbers holds arrays of integers: those of a valid length are left out)
          boundaries: fc.oneof(
            notFiniteNumber.filter((v) => !(Array.isArray(v) && v.length === 1)),
            fc.constantFrom([], [1, 2], [20, 10], [Number.NaN], ['10']),
          ),
          values: fc.oneof(
            notFiniteNumber.filter(
              (v) => !(Array.isArray(v) && v.length === 2 && v.every((x) => x >= 0)),
            ),
            fc.constantFrom([0.1], [0.1, 0.2, 0.3], [-1, 0.1], ['0.1', 0.2]),
          ),
          name: notName,
        },
      ],
      [
        'Warmup',
        (c) => new Warmup(c as never),
        { warmupSteps: 10, after: 0.1 },
        { warmupSteps: steps, after: rate, initialLearningRate: rate, name: notName },
      ],
    ];
    refusesBadInputs(
      fc.oneof(
        ...cases.map(([schedule, create, valid, bad]) =>
          fc.constantFrom(...Object.keys(bad)).chain((key) =>
            bad[key].map((value) => ({
              schedule,
              key,
              value,
              run: () => create({ ...valid, [key]: value }),
              names: key === 'boundaries' || key === 'values' ? /boundaries|values/ : key,
            })),
          ),
        ),
        ...cases.map(([, create, valid]) =>
          unknownKeys.map((key) => ({ run: () => create(withOwnKey(valid, key, 1)), names: key })),
        ),
        ...cases.map(([, create, valid]) =>
          fc.oneof(notNumberFrom(0), fc.constant(undefined)).map((step) => ({
            run: () => (create(valid) as LearningRateSchedule).valueAt(step as number),
            names: 'step',
          })),
        ),
        fc.oneof(unknownNames, fc.integer(), fc.constant(null)).map((className) => ({
          run: () => scheduleFromConfig({ className, config: {} } as never),
          names: 'scheduleFromConfig',
        })),
        fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.constant([])).map((config) => ({
          run: () => scheduleFromConfig({ className: 'CosineDecay', config } as never),
          names: 'config',
        })),
      ),
      (call) => call,
    );
  });

  it('apply, getState and setState refuse bad parameters, gradients and states', () => {
    const w = () => tensor([1, 2]);
    refusesBadInputs(
      fc.oneof(
        notTensor.map((params) => ({
          run: (o: Optimizer) => o.apply(params as Tensor[]),
          names: 'params',
        })),
        notTensor.map((p) => ({
          run: (o: Optimizer) => o.apply([w(), p as Tensor]),
          names: 'params[1]',
        })),
        fc.oneof(fc.integer(), fc.string(), fc.constant(null), objects).map((g) => ({
          run: (o: Optimizer) => o.apply([w()], g as Tensor[]),
          names: 'gradients',
        })),
        notTensor.map((g) => ({
          run: (o: Optimizer) => o.apply([w()], [g as Tensor]),
          names: 'gradients[0]',
        })),
        fc
          .integer({ min: 0, max: 4 })
          .filter((n) => n !== 1)
          .map((n) => ({
            run: (o: Optimizer) =>
              o.apply(
                [w()],
                Array.from({ length: n }, () => zeros([2])),
              ),
            names: 'one gradient per parameter',
          })),
        fc.constantFrom([1], [3], [2, 1], [1, 2], []).map((shape) => ({
          run: (o: Optimizer) => o.apply([w()], [zeros(shape)]),
          names: 'a gradient of shape [2]',
        })),
        fc.constant(null).map(() => ({
          run: (o: Optimizer) => o.apply([w()], [zeros([2], { dtype: 'int32' })]),
          names: 'float gradient',
        })),
        fc.constant(null).map(() => ({
          run: (o: Optimizer) => o.apply([zeros([2], { dtype: 'int32' })], [zeros([2])]),
          names: 'parameter at index 0',
        })),
        fc.constant(null).map(() => ({
          run: (o: Optimizer) => o.apply([w()], [null]),
          names: 'at least one parameter',
        })),
        fc.oneof(notNumberFrom(0), fc.constant(null)).map((value) => ({
          run: (o: Optimizer) => {
            o.learningRate = value as number;
          },
          names: 'learningRate',
        })),
        fc
          .oneof(notFiniteNumber, fc.double({ max: -Number.MIN_VALUE, noNaN: true }))
          .map((value) => ({
            run: (o: Optimizer) => {
              o.learningRate = new Broken(value);
              o.apply([w()], [zeros([2])]);
            },
            names: 'learningRate schedule',
          })),
        notTensor.map((params) => ({
          run: (o: Optimizer) => o.getState(params as Tensor[]),
          names: 'params',
        })),
        fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.constant([])).map((state) => ({
          run: (o: Optimizer) => o.setState([w()], state as never),
          names: 'state',
        })),
        fc
          .oneof(
            notNumberFrom(0),
            fc.double({ noInteger: true, min: 0, noNaN: true, noDefaultInfinity: true }),
          )
          .map((iterations) => ({
            run: (o: Optimizer) =>
              o.setState([w()], { iterations, slots: o.getState([w()]).slots } as never),
            names: 'iterations',
          })),
        fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.constant([])).map((slots) => ({
          run: (o: Optimizer) => o.setState([w()], { iterations: 0, slots } as never),
          names: 'slots',
        })),
        fc
          .oneof(notTensor, fc.constant([new Float32Array(3)]), fc.constant([[1, 2]]))
          .map((arrays) => ({
            run: (o: Optimizer) =>
              o.setState([w()], {
                iterations: 0,
                slots: { momentum: arrays, velocity: [new Float32Array(2)] },
              } as never),
            names: "slot 'momentum'",
          })),
      ),
      ({ run, names }) => {
        const optimizer = new Adam();
        return { run: () => run(optimizer), names };
      },
    );
  });
});
