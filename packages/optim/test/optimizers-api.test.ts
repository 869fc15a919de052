import {
  Adadelta,
  Adagrad,
  Adam,
  Adamax,
  AdamW,
  ExponentialDecay,
  getOptimizer,
  Nadam,
  type Optimizer,
  optimizerFromConfig,
  optimizerNames,
  RMSprop,
  SGD,
} from '@recur/optim';
import { DTypeError, ShapeError, tensor, ValueError } from '@recur/tensor';
import { describeBackends } from '@recur/testing';
import { describe, expect, it } from 'vitest';

describe('optimizers: names, Keras 3 defaults and configs', () => {
  it('resolves names case-insensitively', () => {
    const expected: Record<string, unknown> = {
      sgd: SGD,
      SGD: SGD,
      rmsprop: RMSprop,
      RMSprop: RMSprop,
      adam: Adam,
      Adam: Adam,
      adamw: AdamW,
      AdamW: AdamW,
      adagrad: Adagrad,
      adadelta: Adadelta,
      adamax: Adamax,
      nadam: Nadam,
      NADAM: Nadam,
    };
    for (const [name, type] of Object.entries(expected)) {
      expect(getOptimizer(name).constructor, name).toBe(type);
    }
    expect(optimizerNames()).toHaveLength(8);
    const adam = new Adam();
    expect(getOptimizer(adam)).toBe(adam);
    expect(() => getOptimizer('lion')).toThrow(ValueError);
  });

  it('uses the Keras 3 defaults and names', () => {
    const config = (name: string) => getOptimizer(name).getConfig().config;
    expect(config('sgd')).toMatchObject({
      name: 'SGD',
      learningRate: 0.01,
      momentum: 0,
      nesterov: false,
    });
    expect(config('rmsprop')).toMatchObject({
      name: 'rmsprop',
      learningRate: 0.001,
      rho: 0.9,
      momentum: 0,
      epsilon: 1e-7,
      centered: false,
    });
    expect(config('adam')).toMatchObject({
      name: 'adam',
      learningRate: 0.001,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-7,
      amsgrad: false,
      weightDecay: null,
    });
    expect(config('adamw')).toMatchObject({
      name: 'adamw',
      weightDecay: 0.004,
      learningRate: 0.001,
    });
    expect(config('adagrad')).toMatchObject({
      name: 'adagrad',
      learningRate: 0.001,
      initialAccumulatorValue: 0.1,
      epsilon: 1e-7,
    });
    expect(config('adadelta')).toMatchObject({ name: 'adadelta', learningRate: 0.001, rho: 0.95 });
    expect(config('adamax')).toMatchObject({ name: 'adamax', beta1: 0.9, beta2: 0.999 });
    expect(config('nadam')).toMatchObject({ name: 'nadam', beta1: 0.9, epsilon: 1e-7 });
    for (const name of optimizerNames()) {
      expect(config(name)).toMatchObject({ clipnorm: null, clipvalue: null, globalClipnorm: null });
    }
  });

  it('round-trips configs (schedules included) through JSON', () => {
    const optimizers: Optimizer[] = [
      new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true, clipnorm: 1, name: 'opt' }),
      new RMSprop({ centered: true, momentum: 0.3, globalClipnorm: 2 }),
      new Adam({
        learningRate: new ExponentialDecay({
          initialLearningRate: 0.1,
          decaySteps: 5,
          decayRate: 0.5,
        }),
        amsgrad: true,
        clipvalue: 0.5,
      }),
      new AdamW({ weightDecay: 0.1 }),
      new Adagrad({ initialAccumulatorValue: 0.5 }),
      new Adadelta({ rho: 0.9 }),
      new Adamax({ epsilon: 1e-3 }),
      new Nadam({ weightDecay: 0.01 }),
    ];
    for (const optimizer of optimizers) {
      const config = JSON.parse(JSON.stringify(optimizer.getConfig()));
      const copy = optimizerFromConfig(config);
      expect(copy.constructor).toBe(optimizer.constructor);
      expect(copy.getConfig()).toEqual(optimizer.getConfig());
    }
    expect(
      getOptimizer({ className: 'sgd', config: { learningRate: 0.5 } }).currentLearningRate(),
    ).toBe(0.5);
  });

  it('rejects bad configurations with ValueError', () => {
    expect(() => new SGD({ clipnorm: 1, clipvalue: 1 })).toThrow(/at most one/);
    expect(() => new Adam({ clipnorm: 1, globalClipnorm: 1 })).toThrow(ValueError);
    expect(() => new SGD({ momentum: 1.5 })).toThrow(/momentum/);
    expect(() => new Adam({ beta1: 1 })).toThrow(/beta1/);
    expect(() => new Adam({ learningRate: -1 })).toThrow(/learningRate/);
    expect(() => new Adam({ learningRate: Number.NaN })).toThrow(ValueError);
    expect(() => new RMSprop({ clipnorm: 0 })).toThrow(/clipnorm/);
    expect(() => new AdamW({ weightDecay: null })).toThrow(/weightDecay/);
    expect(() => new Adam({ beta_1: 0.8 } as never)).toThrow(/beta_1/);
    expect(() => optimizerFromConfig({ className: 'Adam', config: { decay: 0.1 } })).toThrow(
      /decay/,
    );
  });
});

describeBackends('optimizers: apply', () => {
  it('updates in place, skips null gradients, counts iterations, records no autograd', () => {
    const optimizer = new SGD({ learningRate: 0.5 });
    const a = tensor([1, 2], undefined, { requiresGrad: true });
    const b = tensor([[3]], undefined, { requiresGrad: true, dtype: 'float64' });
    const storage = a.data;
    a.mul(a).sum().backward();
    b.sum().backward();
    optimizer.apply([a, b], [a.grad, null]);
    expect(a.data).toBe(storage);
    expect(Array.from(a.data)).toEqual([0, 0]);
    expect(Array.from(b.data)).toEqual([3]);
    expect(optimizer.iterations).toBe(1);
    expect(a.gradNode).toBeNull();
    expect(a.requiresGrad).toBe(true);
    // Default gradients: each parameter's .grad.
    optimizer.apply([b]);
    expect(Array.from(b.data)).toEqual([2.5]);
    expect(optimizer.iterations).toBe(2);
  });

  it('sets the learning rate (a number or a schedule) and evaluates it at iterations', () => {
    const optimizer = new Adam();
    expect(optimizer.currentLearningRate()).toBe(0.001);
    optimizer.learningRate = 0.01;
    expect(optimizer.learningRate).toBe(0.01);
    expect(optimizer.currentLearningRate()).toBe(0.01);
    const schedule = new ExponentialDecay({
      initialLearningRate: 1,
      decaySteps: 1,
      decayRate: 0.5,
    });
    optimizer.learningRate = schedule;
    const w = tensor([0]);
    optimizer.apply([w], [tensor([1])]);
    optimizer.apply([w], [tensor([1])]);
    expect(optimizer.currentLearningRate()).toBe(0.25);
    expect(optimizer.getConfig().config.learningRate).toEqual(schedule.getConfig());
    expect(() => {
      optimizer.learningRate = -0.1;
    }).toThrow(ValueError);
  });

  it('applies decoupled weight decay before the update, scaled by the learning rate', () => {
    const optimizer = new SGD({ learningRate: 0.1, weightDecay: 0.5 });
    const w = tensor([2], undefined, { dtype: 'float64' });
    optimizer.apply([w], [tensor([1], undefined, { dtype: 'float64' })]);
    // 2 - 2 * 0.5 * 0.1 = 1.9, then - 0.1 * 1
    expect(w.data[0]).toBeCloseTo(1.8, 15);
  });

  it('clips like Keras: per-variable norm, global norm, value', () => {
    const run = (config: object, grads: number[][]) => {
      const params = grads.map((g) =>
        tensor(new Array(g.length).fill(0), undefined, { dtype: 'float64' }),
      );
      new SGD({ learningRate: 1, ...config }).apply(
        params,
        grads.map((g) => tensor(g, undefined, { dtype: 'float64' })),
      );
      return params.map((p) => Array.from(p.data, (v) => 0 - v));
    };
    const grads = [
      [3, 4],
      [0, 0.1],
    ];
    const byNorm = run({ clipnorm: 1 }, grads);
    expect(byNorm[0][0]).toBeCloseTo(0.6, 15);
    expect(byNorm[0][1]).toBeCloseTo(0.8, 15);
    expect(byNorm[1]).toEqual([0, 0.1]);
    const global = run({ globalClipnorm: 1 }, grads);
    const norm = Math.hypot(3, 4, 0.1);
    expect(global[0][0]).toBeCloseTo(3 / norm, 15);
    expect(global[1][1]).toBeCloseTo(0.1 / norm, 15);
    expect(run({ clipvalue: 0.5 }, grads)).toEqual([
      [0.5, 0.5],
      [0, 0.1],
    ]);
    // The caller's gradient tensors are never modified.
    const g = tensor([3, 4]);
    new SGD({ clipnorm: 1 }).apply([tensor([0, 0])], [g]);
    expect(Array.from(g.data)).toEqual([3, 4]);
  });

  it('rejects bad inputs with typed errors', () => {
    const optimizer = new Adam();
    const w = tensor([1, 2]);
    expect(() => optimizer.apply([w], [tensor([1, 2, 3])])).toThrow(ShapeError);
    expect(() => optimizer.apply([w], [tensor([[1, 2]])])).toThrow(ShapeError);
    expect(() => optimizer.apply([w], [])).toThrow(/one gradient per parameter/);
    expect(() => optimizer.apply([w], [null])).toThrow(/at least one parameter/);
    expect(() =>
      optimizer.apply([tensor([1], undefined, { dtype: 'int32' })], [tensor([1])]),
    ).toThrow(DTypeError);
    expect(() => optimizer.apply([w], [tensor([1, 2], undefined, { dtype: 'int32' })])).toThrow(
      DTypeError,
    );
    expect(optimizer.iterations).toBe(0);
    optimizer.apply([], []);
    expect(optimizer.iterations).toBe(0);
  });

  it('creates slots lazily with the parameter dtype and the initial value', () => {
    const optimizer = new Adagrad({ initialAccumulatorValue: 0.25 });
    const w32 = tensor([1, 1]);
    const w64 = tensor([1], undefined, { dtype: 'float64' });
    const before = optimizer.getState([w32, w64]);
    expect(before.slots.accumulator[0]).toBeInstanceOf(Float32Array);
    expect(before.slots.accumulator[1]).toBeInstanceOf(Float64Array);
    expect(Array.from(before.slots.accumulator[1])).toEqual([0.25]);
    optimizer.apply([w32, w64], [tensor([1, 2]), tensor([3], undefined, { dtype: 'float64' })]);
    expect(Array.from(optimizer.getState([w64]).slots.accumulator[0])).toEqual([9.25]);
    // getState returns copies.
    const state = optimizer.getState([w64]);
    state.slots.accumulator[0][0] = 100;
    expect(optimizer.getState([w64]).slots.accumulator[0][0]).toBe(9.25);
  });
});
