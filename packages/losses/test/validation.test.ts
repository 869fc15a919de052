// The specific bad inputs of the issue for @recur/losses, one test each.
import {
  BinaryCrossentropy,
  getLoss,
  getMetric,
  lossFromConfig,
  lossNames,
  MeanSquaredError,
  metricFromConfig,
  metricNames,
  sparseCategoricalAccuracy,
} from '@recur/losses';
import { tensor, ValueError, zeros } from '@recur/tensor';
import { describeBackends, expectRecurError } from '@recur/testing';
import { expect, it } from 'vitest';

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join();

describeBackends('loss and metric validation', () => {
  it('metrics ["constructor", "valueOf"] and other reserved names are refused, listing the valid names', () => {
    const before = prototypeKeys();
    for (const name of ['constructor', 'valueOf', '__proto__', 'toString', 'hasOwnProperty']) {
      const metric = expectRecurError(
        () => getMetric(name),
        `a metric name among ${metricNames().join(', ')}`,
      );
      expect(metric).toBeInstanceOf(ValueError);
      expectRecurError(
        () => metricFromConfig({ className: name, config: {} }),
        'a className among Accuracy',
      );
      expectRecurError(() => getLoss(name), `a loss name among ${lossNames().join(', ')}`);
      expectRecurError(() => lossFromConfig({ className: name, config: {} }), 'MeanSquaredError');
    }
    expectRecurError(
      () => new MeanSquaredError(JSON.parse('{"__proto__": {"polluted": true}}')),
      '__proto__',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(prototypeKeys()).toBe(before);
  });

  it('loss options are checked where they are given, not silently ignored or defaulted', () => {
    expectRecurError(
      () => new BinaryCrossentropy({ from_logits: true } as never),
      'received from_logits',
    );
    expectRecurError(() => new BinaryCrossentropy({ fromLogits: 'true' } as never), 'fromLogits');
    // Keras' reduction=None means no reduction; refused rather than read as the default.
    expectRecurError(() => new MeanSquaredError({ reduction: null as never }), "'none'");
    expectRecurError(
      () => new MeanSquaredError().compute(zeros([2, 1]), zeros([2, 1]), 'w' as never),
      'sampleWeight',
    );
    expectRecurError(() => new MeanSquaredError().compute([[1]] as never, zeros([1, 1])), 'yTrue');
  });

  it('sparse accuracy refuses labels that are not integers; an id outside the classes is a miss', () => {
    expectRecurError(
      () => sparseCategoricalAccuracy(tensor([Number.NaN, 1]), zeros([2, 3])),
      'yTrue integer labels',
    );
    const accuracy = sparseCategoricalAccuracy(
      tensor([-1, 0]),
      tensor([
        [1, 0, 0],
        [1, 0, 0],
      ]),
    );
    expect(Array.from(accuracy.data)).toEqual([0, 1]);
  });
});
