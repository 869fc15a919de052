import {
  CosineDecay,
  cosineDecay,
  ExponentialDecay,
  exponentialDecay,
  LearningRateSchedule,
  PiecewiseConstantDecay,
  piecewiseConstant,
  SGD,
  scheduleFromConfig,
  Warmup,
  warmup,
} from '@recur/optim';
import { tensor, ValueError } from '@recur/tensor';
import { describe, expect, it } from 'vitest';
import { golden } from './golden.js';

// Values against the Keras 3 formulas evaluated by golden/generate-optimizer-golden.py (which
// also cross-checks CosineDecay, ExponentialDecay and staircase decay with torch's schedulers).
describe('schedules: golden values', () => {
  for (const s of golden.schedules) {
    it(s.name, () => {
      const schedule = scheduleFromConfig(s.config);
      s.steps.forEach((step, i) => {
        const value = schedule.valueAt(step);
        expect(Math.abs(value - s.values[i]), `step ${step}`).toBeLessThanOrEqual(
          1e-15 * Math.max(1, Math.abs(s.values[i])),
        );
      });
      // Config round trip through JSON, nested schedules included.
      const copy = scheduleFromConfig(JSON.parse(JSON.stringify(schedule.getConfig())));
      expect(copy.getConfig()).toEqual(schedule.getConfig());
      expect(s.steps.map((step) => copy.valueAt(step))).toEqual(
        s.steps.map((step) => schedule.valueAt(step)),
      );
    });
  }
});

describe('schedules: construction and errors', () => {
  it('the factory functions build the classes', () => {
    const exp = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
    expect(exp).toBeInstanceOf(ExponentialDecay);
    expect(exp.valueAt(20)).toBeCloseTo(0.025, 15);
    const cos = cosineDecay({ initialLearningRate: 0.1, decaySteps: 100 });
    expect(cos).toBeInstanceOf(CosineDecay);
    expect(cos.valueAt(50)).toBeCloseTo(0.05, 15);
    expect(cos.valueAt(500)).toBe(0);
    const piecewise = piecewiseConstant({ boundaries: [100, 200], values: [1, 0.5, 0.1] });
    expect(piecewise).toBeInstanceOf(PiecewiseConstantDecay);
    expect([0, 100, 101, 200, 201].map((s) => piecewise.valueAt(s))).toEqual([1, 1, 0.5, 0.5, 0.1]);
    const ramp = warmup({ warmupSteps: 10, after: exp });
    expect(ramp).toBeInstanceOf(Warmup);
    expect(ramp.valueAt(5)).toBeCloseTo(0.05, 15);
    expect(ramp.valueAt(30)).toBe(exp.valueAt(20));
    expect(ramp).toBeInstanceOf(LearningRateSchedule);
  });

  it('drives the optimizer: the rate at step n is the schedule at iterations n', () => {
    const schedule = piecewiseConstant({ boundaries: [1], values: [0.5, 0.25] });
    const optimizer = new SGD({ learningRate: schedule });
    expect(optimizer.currentLearningRate()).toBe(0.5);
    const w = tensor([1], undefined, { requiresGrad: true });
    const rates: number[] = [];
    for (let i = 0; i < 3; i++) {
      rates.push(optimizer.currentLearningRate());
      const before = w.data[0];
      optimizer.apply([w], [tensor([1])]);
      expect(before - w.data[0]).toBe(rates[i]);
    }
    expect(rates).toEqual([0.5, 0.5, 0.25]);
  });

  it('rejects bad arguments with ValueError', () => {
    expect(
      () => new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 }),
    ).toThrow(ValueError);
    expect(() => new CosineDecay({ initialLearningRate: 0.1, decaySteps: -1 })).toThrow(
      /decaySteps/,
    );
    expect(() => new PiecewiseConstantDecay({ boundaries: [1, 2], values: [1, 2] })).toThrow(
      /one more entry/,
    );
    expect(() => new PiecewiseConstantDecay({ boundaries: [2, 1], values: [1, 2, 3] })).toThrow(
      /increasing/,
    );
    expect(() => new Warmup({ warmupSteps: 0, after: 0.1 })).toThrow(ValueError);
    expect(() =>
      exponentialDecay({
        initialLearningRate: 0.1,
        decaySteps: 1,
        decayRate: 0.5,
        decay_rate: 2,
      } as never),
    ).toThrow(/decay_rate/);
    expect(() => scheduleFromConfig({ className: 'OneCycle', config: {} })).toThrow(ValueError);
  });
});
