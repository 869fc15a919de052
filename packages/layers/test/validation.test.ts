// The specific bad inputs of the issue, one test each, on every backend.
import * as L from '@recur/layers';
import { ones, ShapeError, tensor, ValueError, zeros } from '@recur/tensor';
import { describeBackends, expectRecurError } from '@recur/testing';
import { expect, it } from 'vitest';

const RESERVED = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

/** Object.prototype's own property names and descriptors, to compare before and after. */
function prototypeSnapshot(): string {
  return Object.getOwnPropertyNames(Object.prototype)
    .sort()
    .map((key) => {
      const d = Object.getOwnPropertyDescriptor(Object.prototype, key)!;
      return `${key}:${typeof d.value}:${String(d.writable)}:${String(d.enumerable)}`;
    })
    .join('|');
}

describeBackends('the issue cases', () => {
  it('a recurrent layer of 100000 units fails fast with an error naming units', () => {
    for (const create of [
      () => new L.LSTM({ units: 100000 }),
      () => new L.GRU({ units: 100000 }),
      () => new L.SimpleRNN({ units: 100000 }),
    ]) {
      const started = performance.now();
      const error = expectRecurError(() => create().apply(ones([1, 2, 3])), 'units');
      expect(error).toBeInstanceOf(ValueError);
      expect(error.message).toMatch(/recurrent_kernel \[100000, \d+\] has at most 268435456/);
      expect(performance.now() - started).toBeLessThan(1000);
    }
    // The largest sizes within the limit are still accepted (their weights are not built here).
    expect(new L.LSTM({ units: 8192 }).units).toBe(8192);
    expectRecurError(() => new L.Dense({ units: 2 ** 24 + 1 }), 'units');
    expectRecurError(() => new L.Dense({ units: 2 ** 20 }).build([null, 2 ** 10]), 'units');
    expectRecurError(() => new L.Embedding({ inputDim: 2 ** 24, outputDim: 64 }), 'inputDim');
  });

  it('an Embedding refuses ids that are not integers in [0, inputDim), naming the inputs', () => {
    const embedding = new L.Embedding({ inputDim: 5, outputDim: 2 });
    for (const id of [Number.NaN, 1.5, -1, 5, Number.POSITIVE_INFINITY]) {
      const error = expectRecurError(
        () => embedding.apply(tensor([[0, id]], undefined, { dtype: 'float64' })),
        'inputs of integer indices in [0, 5)',
      );
      expect(error.message).toContain('at flat position 1');
    }
    expectRecurError(
      () => embedding.apply(tensor([[7]], undefined, { dtype: 'int32' })),
      'indices in [0, 5)',
    );
    // Integer-valued float ids still work, as in Keras.
    expect((embedding.apply(tensor([[4, 0]])) as ReturnType<typeof ones>).shape).toEqual([1, 2, 2]);
  });

  it('Bidirectional follows the inner layer: returnSequences is kept, not dropped', () => {
    const sequences = new L.Bidirectional({
      layer: new L.LSTM({ units: 3, returnSequences: true }),
    });
    expect((sequences.apply(ones([2, 5, 4])) as ReturnType<typeof ones>).shape).toEqual([2, 5, 6]);
    const last = new L.Bidirectional({ layer: new L.GRU({ units: 3 }) });
    expect((last.apply(ones([2, 5, 4])) as ReturnType<typeof ones>).shape).toEqual([2, 6]);
    const serialized = new L.Bidirectional({
      layer: { className: 'SimpleRNN', config: { units: 3, returnSequences: true } },
    });
    expect(serialized.forwardLayer.returnSequences).toBe(true);
    expect(serialized.backwardLayer.returnSequences).toBe(true);
    // A misspelt inner option would be lost in the copies: refused when the wrapper takes it.
    expectRecurError(
      () =>
        new L.Bidirectional({
          layer: new L.LSTM({ units: 3, return_sequences: true } as unknown as L.LSTMConfig),
        }),
      'return_sequences (did you mean returnSequences?)',
    );
    expectRecurError(
      () =>
        new L.Bidirectional({
          layer: { className: 'LSTM', config: { units: 3, return_sequences: true } },
        }),
      'return_sequences',
    );
    // Keras' Bidirectional has no returnSequences of its own: refused, naming it.
    const wrapperLevel = new L.Bidirectional({
      layer: new L.LSTM({ units: 3 }),
      returnSequences: true,
    } as unknown as L.BidirectionalConfig);
    expectRecurError(() => wrapperLevel.apply(ones([2, 5, 4])), 'unknown option returnSequences');
  });

  it('every boolean option must be a boolean: goBackwards "false" is refused', () => {
    for (const value of ['false', 'true', 0, 1, null]) {
      for (const create of [
        (goBackwards: unknown) => new L.LSTM({ units: 2, goBackwards } as never),
        (goBackwards: unknown) => new L.GRU({ units: 2, goBackwards } as never),
        (goBackwards: unknown) => new L.SimpleRNN({ units: 2, goBackwards } as never),
      ]) {
        const error = expectRecurError(() => create(value), 'goBackwards true or false');
        expect(error).toBeInstanceOf(ValueError);
      }
    }
    for (const option of ['returnSequences', 'returnState', 'stateful', 'useBias', 'unroll']) {
      expectRecurError(() => new L.LSTM({ units: 2, [option]: 'false' } as never), option);
    }
    expectRecurError(() => new L.Dense({ units: 2, useBias: 'no' } as never), 'useBias');
    expectRecurError(
      () => new L.Embedding({ inputDim: 3, outputDim: 2, maskZero: 1 } as never),
      'maskZero',
    );
    expectRecurError(
      () => new L.Dropout({ rate: 0.5 }).apply(ones([2]), { training: 'yes' } as never),
      'training',
    );
    const lstm = new L.LSTM({ units: 2 });
    expect(lstm.goBackwards).toBe(false);
    expect(() => (lstm.trainable = 'no' as never)).toThrow(ValueError);
  });

  it('registries never resolve names through the prototype chain, and list the valid names', () => {
    const before = prototypeSnapshot();
    for (const name of RESERVED) {
      expectRecurError(() => L.getActivation(name), /expected one of linear, relu, sigmoid/);
      expectRecurError(() => new L.Dense({ units: 2, activation: name }), 'activation');
      expectRecurError(
        () => new L.LSTM({ units: 2, recurrentActivation: name }),
        'recurrentActivation',
      );
      expectRecurError(() => L.getInitializer(name), /one of Zeros, Ones, Constant/);
      expectRecurError(
        () => new L.Dense({ units: 2, kernelInitializer: { className: name, config: {} } }),
        /dense.*kernelInitializer: expected one of Zeros/,
      );
      expectRecurError(() => L.getRegularizer(name), /one of 'l1', 'l2', 'l1l2'/);
      expectRecurError(
        () => L.deserializeLayer({ className: name, config: {} }),
        /a registered layer class \(Activation, Bidirectional, Dense/,
      );
    }
    // Reserved keys inside configs (as JSON.parse creates them) are refused too, never followed.
    const parsed = JSON.parse('{"units": 2, "__proto__": {"polluted": true}}');
    const dense = L.deserializeLayer({ className: 'Dense', config: parsed });
    expectRecurError(() => dense.apply(ones([1, 3])), 'unknown option __proto__');
    expectRecurError(
      () => L.getInitializer({ className: 'Zeros', config: JSON.parse('{"__proto__": {"a": 1}}') }),
      '__proto__',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(prototypeSnapshot()).toBe(before);
  });

  it('apply and build check ranks, built sizes, masks and initial states, naming them', () => {
    const dense = new L.Dense({ units: 2 });
    dense.apply(ones([4, 3]));
    expect(expectRecurError(() => dense.apply(ones([4, 5])), 'inputs')).toBeInstanceOf(ShapeError);
    expectRecurError(() => dense.apply(ones([4])), 'inputs of rank >= 2');
    expectRecurError(() => dense.apply([ones([4, 3])]), 'inputs a single tensor');
    expectRecurError(() => new L.Dense({ units: 2 }).build([null, -3]), 'inputShape');
    expectRecurError(() => new L.LSTM({ units: 2 }).build([2, 3]), 'inputShape of rank 3');
    const lstm = new L.LSTM({ units: 2 });
    expectRecurError(() => lstm.apply(ones([2, 3, 4]), { mask: ones([2, 4]) }), 'mask');
    expectRecurError(
      () => lstm.apply(ones([2, 3, 4]), { initialState: [zeros([2, 2]), zeros([3, 2])] }),
      'initialState[1]',
    );
    expectRecurError(
      () => new L.Dense({ units: 2 }).apply(ones([1, 2]), { initialState: [ones([1, 2])] }),
      'initialState',
    );
    expectRecurError(
      () => lstm.apply(ones([2, 3, 4]), { traning: true } as never),
      'unknown option traning',
    );
    expectRecurError(
      () => new L.Reshape({ targetShape: [3, 3] }).apply(ones([2, 4])),
      'targetShape',
    );
    expectRecurError(
      () =>
        new L.GRU({ units: 2 }).apply(ones([2, 3, 4]), {
          mask: tensor([
            [1, 0.5, 0],
            [1, 1, 1],
          ]),
        }),
      'mask of 0 (padding) and 1',
    );
    expectRecurError(
      () => new L.SimpleRNN({ units: 2 }).apply(ones([0, 3, 4])),
      'inputs of at least one sequence',
    );
  });

  it('int32 inputs are cast where a layer computes with floats; empty batches keep working', () => {
    const shape = (y: unknown) => (y as ReturnType<typeof ones>).shape;
    const dense = new L.Dense({ units: 2 }).apply(ones([2, 3], { dtype: 'int32' }));
    expect((dense as ReturnType<typeof ones>).dtype).toBe('float32');
    expect(shape(new L.Flatten().apply(ones([0, 3, 4])))).toEqual([0, 12]);
    expect(shape(new L.Reshape({ targetShape: [2, -1] }).apply(ones([0, 4])))).toEqual([0, 2, 2]);
    expect(shape(new L.Dense({ units: 2 }).apply(ones([0, 3])))).toEqual([0, 2]);
  });
});
