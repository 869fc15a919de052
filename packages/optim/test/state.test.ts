import {
  type Optimizer,
  type OptimizerState,
  optimizerFromConfig,
  type SerializedObject,
} from '@recur/optim';
import { DTypeError, ShapeError, type Tensor, tensor, ValueError } from '@recur/tensor';
import { describeBackends } from '@recur/testing';
import { expect, it } from 'vitest';
import { initialParams, step } from './golden.js';

// Checkpoints: train N steps, save the state (through JSON, as a checkpoint file would), restore
// into a fresh optimizer built from getConfig(), continue, and compare with uninterrupted
// training bit for bit.
const CONFIGS: SerializedObject[] = [
  { className: 'SGD', config: { learningRate: 0.05, momentum: 0.9, nesterov: true } },
  { className: 'SGD', config: { learningRate: 0.1 } },
  {
    className: 'RMSprop',
    config: { learningRate: 0.01, momentum: 0.5, centered: true, clipvalue: 0.5 },
  },
  { className: 'Adam', config: { learningRate: 0.01, amsgrad: true, globalClipnorm: 1 } },
  {
    className: 'AdamW',
    config: {
      learningRate: {
        className: 'CosineDecay',
        config: { initialLearningRate: 0, decaySteps: 6, warmupTarget: 0.02, warmupSteps: 3 },
      },
    },
  },
  { className: 'Adagrad', config: { learningRate: 0.1, clipnorm: 0.5 } },
  { className: 'Adadelta', config: { learningRate: 1 } },
  { className: 'Adamax', config: { learningRate: 0.02, weightDecay: 0.01 } },
  { className: 'Nadam', config: { learningRate: 0.01 } },
];

function toJson(state: OptimizerState): string {
  return JSON.stringify({
    iterations: state.iterations,
    slots: Object.fromEntries(
      Object.entries(state.slots).map(([name, arrays]) => [
        name,
        arrays.map((a) => ({ float64: a instanceof Float64Array, values: Array.from(a) })),
      ]),
    ),
  });
}

function fromJson(text: string): OptimizerState {
  const raw = JSON.parse(text) as {
    iterations: number;
    slots: Record<string, { float64: boolean; values: number[] }[]>;
  };
  return {
    iterations: raw.iterations,
    slots: Object.fromEntries(
      Object.entries(raw.slots).map(([name, arrays]) => [
        name,
        arrays.map((a) => (a.float64 ? Float64Array.from(a.values) : Float32Array.from(a.values))),
      ]),
    ),
  };
}

function snapshot(params: Tensor[]): number[][] {
  return params.map((p) => Array.from(p.data));
}

describeBackends('optimizer state: save and restore reproduces training bit for bit', () => {
  for (const serialized of CONFIGS) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`${serialized.className} ${JSON.stringify(serialized.config)} [${dtype}]`, () => {
        for (const problem of ['quadratic', 'fixed'] as const) {
          const original = optimizerFromConfig(serialized);
          const params = initialParams(problem, dtype);
          const before = 3;
          for (let i = 0; i < before; i++) step(problem, original, params, i);
          const saved = toJson(original.getState(params));
          const savedParams = snapshot(params);
          const config = JSON.parse(JSON.stringify(original.getConfig()));

          const total = problem === 'quadratic' ? 8 : 6;
          for (let i = before; i < total; i++) step(problem, original, params, i);

          const restored: Optimizer = optimizerFromConfig(config);
          const copies = savedParams.map((values, k) =>
            tensor(values, params[k].shape, { dtype, requiresGrad: true }),
          );
          restored.setState(copies, fromJson(saved));
          expect(restored.iterations).toBe(before);
          for (let i = before; i < total; i++) step(problem, restored, copies, i);

          expect(snapshot(copies)).toEqual(snapshot(params));
          expect(toJson(restored.getState(copies))).toBe(toJson(original.getState(params)));
          expect(restored.iterations).toBe(original.iterations);
        }
      });
    }
  }

  it('reports initial slots for parameters never updated, and restores them', () => {
    const optimizer = optimizerFromConfig({ className: 'Adagrad', config: {} });
    const [a, b] = [tensor([1, 2]), tensor([3])];
    optimizer.apply([a, b], [tensor([0.5, 0.5]), null]);
    const state = optimizer.getState([a, b]);
    expect(Object.keys(state.slots)).toEqual(['accumulator']);
    expect(Array.from(state.slots.accumulator[1])).toEqual([Math.fround(0.1)]);
    expect(Array.from(state.slots.accumulator[0])).toEqual([0.35, 0.35].map(Math.fround));
    expect(state.iterations).toBe(1);
  });

  it('validates a state before changing anything', () => {
    const optimizer = optimizerFromConfig({ className: 'Adam', config: {} });
    const params = [tensor([1, 2, 3]), tensor([4])];
    optimizer.apply(params, [tensor([1, 1, 1]), tensor([1])]);
    const good = optimizer.getState(params);
    const bad: Array<[OptimizerState, new (...args: never[]) => Error, RegExp]> = [
      [{ ...good, iterations: -1 }, ValueError, /iterations/],
      [{ ...good, iterations: 1.5 }, ValueError, /iterations/],
      [{ ...good, slots: { momentum: good.slots.momentum } }, ValueError, /velocity/],
      [
        { ...good, slots: { ...good.slots, velocity: [good.slots.velocity[0]] } },
        ValueError,
        /2 arrays/,
      ],
      [
        { ...good, slots: { ...good.slots, velocity: [new Float32Array(2), new Float32Array(1)] } },
        ShapeError,
        /3 values for slot 'velocity'/,
      ],
      [
        {
          ...good,
          slots: { ...good.slots, momentum: [[0, 0, 0] as never, new Float32Array(1)] },
        },
        DTypeError,
        /Float32Array/,
      ],
    ];
    const fresh = optimizerFromConfig({ className: 'Adam', config: {} });
    for (const [state, type, message] of bad) {
      expect(() => fresh.setState(params, state)).toThrow(type);
      expect(() => fresh.setState(params, state)).toThrow(message);
      expect(fresh.iterations).toBe(0);
    }
    fresh.setState(params, good);
    expect(fresh.iterations).toBe(1);
  });
});
