// The specific bad inputs of the issue for @recur/optim, one test each.
import {
  Adam,
  getOptimizer,
  LearningRateSchedule,
  optimizerFromConfig,
  optimizerNames,
  SGD,
  scheduleFromConfig,
} from '@recur/optim';
import { tensor, ValueError } from '@recur/tensor';
import { describeBackends, expectRecurError } from '@recur/testing';
import { expect, it } from 'vitest';

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join();

describeBackends('optimizer validation', () => {
  it('names are never resolved through the prototype chain, and errors list the valid names', () => {
    const before = prototypeKeys();
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const error = expectRecurError(
        () => getOptimizer(name),
        `an optimizer among ${optimizerNames().join(', ')}`,
      );
      expect(error).toBeInstanceOf(ValueError);
      expectRecurError(() => optimizerFromConfig({ className: name, config: {} }), 'sgd, rmsprop');
      expectRecurError(
        () => scheduleFromConfig({ className: name, config: {} }),
        'ExponentialDecay',
      );
    }
    expectRecurError(
      () => new Adam(JSON.parse('{"__proto__": {"polluted": true}}')),
      'options among',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(prototypeKeys()).toBe(before);
  });

  it('every option has its type and range checked; null is not a default', () => {
    expectRecurError(() => new Adam({ learningRate: Number.POSITIVE_INFINITY }), 'learningRate');
    expectRecurError(() => new Adam({ learningRate: null as never }), 'learningRate');
    expectRecurError(() => new SGD({ momentum: null as never }), 'momentum');
    expectRecurError(() => new SGD({ nesterov: 'false' as never }), 'nesterov true or false');
    expectRecurError(() => new Adam({ epsilon: Number.NaN }), 'epsilon');
    expectRecurError(() => new Adam({ name: 5 as never }), 'name');
    expectRecurError(() => new SGD(null as never), 'config an object of options');
    // null still means "none" where Keras' None does.
    expect(new Adam({ clipnorm: null, weightDecay: null }).clipnorm).toBeNull();
  });

  it('apply refuses parameters and gradients that are not tensors, and a schedule gone wrong', () => {
    const optimizer = new SGD();
    const w = tensor([1, 2]);
    expectRecurError(() => optimizer.apply(w as never), 'params an array of tensors');
    expectRecurError(() => optimizer.apply([w], [5 as never]), 'gradients[0] a Tensor');
    class Diverging extends LearningRateSchedule {
      readonly className = 'Diverging';
      valueAt(): number {
        return Number.NaN;
      }
      getConfig() {
        return { className: this.className, config: {} };
      }
    }
    optimizer.learningRate = new Diverging();
    expectRecurError(
      () => optimizer.apply([w], [tensor([1, 1])]),
      'learningRate schedule Diverging',
    );
    expect(Array.from(w.data)).toEqual([1, 2]);
    expect(optimizer.iterations).toBe(0);
  });
});
