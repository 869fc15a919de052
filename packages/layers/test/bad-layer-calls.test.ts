// Property suite (b): `layer.apply(inputs, options)`, `layer.build(shape)` and `step` fed generated
// bad arguments: inputs that are not tensors, wrong ranks, a feature size other than the one the
// layer was built for, bad ids, masks, initial states, `training` flags and call options. Every
// call must be refused with a typed recur error naming the argument (1,000 per layer class).
import * as L from '@recur/layers';
import { type Tensor, tensor, zeros } from '@recur/tensor';
import { describeBackends, refusesBadInputs, badOptionValues } from '@recur/testing';
import fc from 'fast-check';
import { it } from 'vitest';
const { notBoolean, objects, symbols, unknownKeys, withOwnKey } = badOptionValues;

interface CallTarget {
  make: () => L.Layer;
  /** Ranks the layer accepts. */
  ranks: (rank: number) => boolean;
  /** A valid input shape; its last axis is the feature size the layer is built for. */
  shape: number[];
  /** Whether a built layer fixes its last axis (Dense, recurrent layers, ...). */
  fixesFeatures: boolean;
  /** Bad calls of this layer only, with the argument each must name. */
  extra?: fc.Arbitrary<BadCall>;
}

type BadCall = { call: (layer: L.Layer) => unknown; names: string | RegExp; build?: boolean };

const sizes = (length: number) =>
  fc.array(fc.integer({ min: 1, max: 3 }), { minLength: length, maxLength: length });

// Sizes a built shape can never have (0 and large sizes can: an empty batch, many steps).
const badBuildSize = fc.oneof(
  fc.constantFrom(-1, -3, 1.5, Number.NaN, Number.POSITIVE_INFINITY, undefined),
  fc.string({ maxLength: 3 }),
  fc.boolean(),
  symbols,
  objects,
);

const notTensor = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  symbols,
  objects,
  fc.constant([]),
  fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
  fc.constant([[1, 2]]),
);

const recurrentExtras = (units: number, states: number) =>
  fc.oneof(
    // A mask must be [batch, steps] = [2, 3].
    fc
      .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })
      .filter((shape) => shape.join() !== '2,3')
      .map((shape) => ({
        call: (layer: L.Layer) => layer.apply(zeros([2, 3, 4]), { mask: zeros(shape) }),
        names: 'mask',
      })),
    // ... of 0s and 1s.
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom(0.5, 2, -1, Number.NaN, Number.POSITIVE_INFINITY),
          fc.double({ noNaN: true }).filter((v) => v !== 0 && v !== 1),
        ),
        fc.integer({ min: 0, max: 5 }),
      )
      .map(([value, at]) => ({
        call: (layer: L.Layer) => {
          const mask = [1, 1, 1, 1, 0, 0];
          mask[at] = value;
          return layer.apply(zeros([2, 3, 4]), {
            mask: tensor(mask, [2, 3], { dtype: 'float64' }),
          });
        },
        names: 'mask of 0',
      })),
    // Initial states: the count and each [batch, units] shape.
    fc
      .integer({ min: 1, max: 4 })
      .filter((n) => n !== states)
      .map((n) => ({
        call: (layer: L.Layer) =>
          layer.apply(zeros([2, 3, 4]), {
            initialState: Array.from({ length: n }, () => zeros([2, units])),
          }),
        names: /initial state/,
      })),
    fc
      .tuple(
        fc.integer({ min: 0, max: states - 1 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
      )
      .filter(([, shape]) => shape.join() !== `2,${units}`)
      .map(([index, shape]) => ({
        call: (layer: L.Layer) =>
          layer.apply(zeros([2, 3, 4]), {
            initialState: Array.from({ length: states }, (_, i) =>
              i === index ? zeros(shape) : zeros([2, units]),
            ),
          }),
        names: `initialState[${index}]`,
      })),
    // Streaming: xT [batch, features] (or [batch, 1, features]) and a state of [batch, units].
    fc
      .oneof(
        notTensor,
        fc.constantFrom([2], [2, 3, 4], [2, 2, 4], [2, 1, 4, 1]).map((s) => zeros(s)),
        fc.constantFrom([2, 5], [2, 1, 1]).map((s) => zeros(s)),
      )
      .map((xT) => ({
        call: (layer: L.Layer) => (layer as L.RecurrentLayer).step(xT as Tensor),
        names: 'xT',
        build: true,
      })),
    fc
      .oneof(
        notTensor.filter((v) => v !== undefined).map((h) => ({ h })),
        fc.constantFrom([2], [3, units], [2, units + 1]).map((s) => ({ h: zeros(s) })),
        fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
      )
      .map((state) => ({
        call: (layer: L.Layer) =>
          (layer as L.RecurrentLayer).step(zeros([2, 4]), state as L.RecurrentState),
        names: 'state',
        build: true,
      })),
  );

const targets: Record<string, CallTarget> = {
  Dense: {
    make: () => new L.Dense({ units: 2 }),
    ranks: (r) => r >= 2,
    shape: [2, 3],
    fixesFeatures: true,
  },
  Activation: {
    make: () => new L.Activation({ activation: 'tanh' }),
    ranks: () => true,
    shape: [2, 3],
    fixesFeatures: false,
  },
  Dropout: {
    make: () => new L.Dropout({ rate: 0.5, noiseShape: [null, 1, null] }),
    ranks: (r) => r === 3,
    shape: [2, 3, 4],
    fixesFeatures: false,
    extra: fc.tuple(fc.integer({ min: 2, max: 5 }), fc.boolean()).map(([size, training]) => ({
      // [null, 1, null] broadcasts; a middle size other than 1 or 3 does not.
      call: () =>
        new L.Dropout({ rate: 0.5, noiseShape: [null, size === 3 ? 2 : size, null] }).apply(
          zeros([2, 3, 4]),
          { training },
        ),
      names: 'noiseShape',
    })),
  },
  Embedding: {
    make: () => new L.Embedding({ inputDim: 5, outputDim: 2 }),
    ranks: (r) => r >= 1,
    shape: [2, 3],
    fixesFeatures: false,
    extra: fc
      .oneof(
        fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 5, 6, 1.5, 4.0001, -0.5, 1e9),
        fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }),
        fc.integer().filter((id) => id < 0 || id >= 5),
      )
      .chain((id) =>
        fc.tuple(
          fc.constant(id),
          fc.integer({ min: 0, max: 5 }),
          fc.constantFrom('float64', 'int32' as const),
        ),
      )
      .filter(
        ([id, , dtype]) => dtype === 'float64' || (Number.isInteger(id) && Math.abs(id) < 2 ** 31),
      )
      .map(([id, position, dtype]) => ({
        call: (layer: L.Layer) => {
          const ids = [0, 1, 2, 3, 4, 0];
          ids[position] = id;
          return layer.apply(tensor(ids, [2, 3], { dtype }));
        },
        names: 'inputs of integer indices',
      })),
  },
  Flatten: {
    make: () => new L.Flatten(),
    ranks: (r) => r >= 1,
    shape: [2, 3],
    fixesFeatures: false,
  },
  Masking: {
    make: () => new L.Masking(),
    ranks: (r) => r >= 2,
    shape: [2, 3, 4],
    fixesFeatures: false,
  },
  RepeatVector: {
    make: () => new L.RepeatVector({ n: 2 }),
    ranks: (r) => r === 2,
    shape: [2, 3],
    fixesFeatures: false,
  },
  Reshape: {
    make: () => new L.Reshape({ targetShape: [2, -1] }),
    ranks: (r) => r >= 1,
    shape: [2, 4],
    fixesFeatures: false,
    extra: fc
      .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })
      .filter((rest) => rest.reduce((a, b) => a * b, 1) % 2 === 1)
      .map((rest) => ({
        call: (layer: L.Layer) => layer.apply(zeros([2, ...rest])),
        names: 'targetShape',
      })),
  },
  SimpleRNN: {
    make: () => new L.SimpleRNN({ units: 2 }),
    ranks: (r) => r === 3,
    shape: [2, 3, 4],
    fixesFeatures: true,
    extra: recurrentExtras(2, 1),
  },
  LSTM: {
    make: () => new L.LSTM({ units: 2 }),
    ranks: (r) => r === 3,
    shape: [2, 3, 4],
    fixesFeatures: true,
    extra: recurrentExtras(2, 2),
  },
  GRU: {
    make: () => new L.GRU({ units: 2, resetAfter: false }),
    ranks: (r) => r === 3,
    shape: [2, 3, 4],
    fixesFeatures: true,
    extra: recurrentExtras(2, 1),
  },
  Bidirectional: {
    make: () => new L.Bidirectional({ layer: new L.LSTM({ units: 2, returnSequences: true }) }),
    ranks: (r) => r === 3,
    shape: [2, 3, 4],
    fixesFeatures: true,
    extra: fc.oneof(
      fc
        .integer({ min: 1, max: 6 })
        .filter((n) => n !== 4)
        .map((n) => ({
          call: (layer: L.Layer) =>
            layer.apply(zeros([2, 3, 4]), {
              initialState: Array.from({ length: n }, () => zeros([2, 2])),
            }),
          names: /initial states/,
        })),
      fc.constantFrom([2], [3, 3], [2, 4], [1, 3]).map((shape) => ({
        call: (layer: L.Layer) => layer.apply(zeros([2, 3, 4]), { mask: zeros(shape) }),
        names: 'mask',
      })),
    ),
  },
  TimeDistributed: {
    make: () => new L.TimeDistributed({ layer: new L.Dense({ units: 2 }) }),
    ranks: (r) => r >= 3,
    shape: [2, 3, 4],
    fixesFeatures: true,
  },
};

/** Bad calls every layer must refuse; `build: true` builds the layer for `shape` first. */
function commonBadCalls(target: CallTarget): fc.Arbitrary<BadCall> {
  const { shape } = target;
  const badRanks = [0, 1, 2, 3, 4, 5].filter((rank) => !target.ranks(rank));
  const calls: fc.Arbitrary<BadCall>[] = [
    notTensor.map((inputs) => ({
      call: (layer) => layer.apply(inputs as Tensor),
      names: 'inputs',
    })),
    // Every layer here takes one tensor: a list (even of tensors) is refused.
    fc
      .array(
        fc.oneof(
          notTensor,
          fc.constant(null).map(() => zeros(shape)),
        ),
        {
          minLength: 1,
          maxLength: 3,
        },
      )
      .map((list) => ({ call: (layer) => layer.apply(list as Tensor[]), names: 'inputs' })),
    // Only recurrent layers take initial states.
    fc.constant(null).map(() => ({
      call: (layer) =>
        layer.apply(zeros(shape), { initialState: [zeros([2, 7]), zeros([2, 7]), zeros([2, 7])] }),
      names: /initialState|initial state/,
    })),
    fc
      .oneof(
        fc.integer(),
        fc.string({ maxLength: 3 }),
        fc.constant(null),
        symbols,
        fc.constant({}),
        fc.constant(zeros([2])),
      )
      .map((bad) => ({ call: (layer) => layer.build(bad as L.Shape), names: 'inputShape' })),
    fc.tuple(fc.integer({ min: 0, max: shape.length - 1 }), badBuildSize).map(([axis, size]) => ({
      call: (layer) => layer.build(shape.map((d, i) => (i === axis ? size : d)) as L.Shape),
      names: 'inputShape',
    })),
    notBoolean.map((training) => ({
      call: (layer) => layer.apply(zeros(shape), { training: training as boolean }),
      names: 'training',
    })),
    notTensor
      .filter((mask) => mask !== null && mask !== undefined)
      .map((mask) => ({
        call: (layer) => layer.apply(zeros(shape), { mask: mask as Tensor }),
        names: 'mask',
      })),
    fc
      .oneof(
        fc.integer(),
        fc.string({ maxLength: 3 }),
        fc.constant([]),
        fc.constant([zeros([2, 2]), 'h']),
        fc.constant([null]),
        objects,
      )
      .map((initialState) => ({
        call: (layer) => layer.apply(zeros(shape), { initialState: initialState as Tensor[] }),
        names: 'initialState',
      })),
    unknownKeys.map((key) => ({
      call: (layer) => layer.apply(zeros(shape), withOwnKey({}, key, true)),
      names: `unknown option ${key}`,
    })),
    fc
      .oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.boolean(), symbols, fc.constant([true]))
      .map((options) => ({
        call: (layer) => layer.apply(zeros(shape), options as L.CallOptions),
        names: 'options',
      })),
  ];
  if (badRanks.length > 0) {
    const wrongRank = fc.constantFrom(...badRanks).chain(sizes);
    calls.push(
      wrongRank.map((bad) => ({ call: (layer) => layer.apply(zeros(bad)), names: 'inputs' })),
      wrongRank.map((bad) => ({ call: (layer) => layer.build(bad), names: 'inputShape' })),
    );
  }
  if (target.fixesFeatures) {
    const features = shape[shape.length - 1];
    calls.push(
      fc
        .integer({ min: 1, max: 6 })
        .filter((f) => f !== features)
        .map((f) => ({
          call: (layer) => layer.apply(zeros([...shape.slice(0, -1), f])),
          names: 'inputs',
          build: true,
        })),
    );
  }
  if (target.extra) calls.push(target.extra);
  return fc.oneof(...calls);
}

describeBackends('bad layer calls', () => {
  for (const [name, target] of Object.entries(targets)) {
    it(`${name}: apply, build and step refuse every bad argument, naming it`, () => {
      refusesBadInputs(commonBadCalls(target), (bad) => {
        const layer = target.make();
        if (bad.build) layer.build([null, ...target.shape.slice(1)]);
        return { run: () => bad.call(layer), names: bad.names };
      });
    });
  }

  it('setWeights refuses what is not one array of the right shape per weight', () => {
    refusesBadInputs(
      fc.oneof(
        fc.oneof(fc.integer(), fc.string(), fc.constant(null), objects).map((values) => ({
          values,
          names: /values|weight arrays/,
        })),
        fc
          .integer({ min: 0, max: 4 })
          .filter((n) => n !== 2)
          .map((n) => ({
            values: Array.from({ length: n }, () => zeros([2])),
            names: /2 weight arrays/,
          })),
        fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.constant({})).map((bad) => ({
          values: [bad, zeros([2])],
          names: 'values[0]',
        })),
        fc.constantFrom([2, 3], [3], [3, 3]).map((shape) => ({
          values: [zeros(shape), zeros([2])],
          names: 'weight 0 of shape',
        })),
      ),
      ({ values, names }) => {
        const dense = new L.Dense({ units: 2 });
        dense.build([null, 3]);
        return { run: () => dense.setWeights(values as Tensor[]), names };
      },
    );
  });
});
