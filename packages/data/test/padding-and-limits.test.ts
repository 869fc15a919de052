// The specific defects the bad-input campaign found in @recur/data: padSequences converting NaN to
// 0 and 2^31 to -2^31 and returning where Keras' pad_sequences raises, detached buffers read as
// empty data, size arguments that tried to allocate gigabytes, and options of the wrong type taken
// as truthy.
import {
  bagOfWords,
  collate,
  Dataset,
  nextTokenWindows,
  oneHotSequences,
  padSequences,
  StandardScaler,
  slidingWindows,
  Tokenizer,
  toCategorical,
  trainTestSplit,
} from '@recur/data';
import { ones, ValueError } from '@recur/tensor';
import { captureError, describeBackends, expectRecurError, badTensorValues } from '@recur/testing';
import { expect, it } from 'vitest';
const { detach } = badTensorValues;

function detachedArray(values: number[]): Float32Array {
  const array = Float32Array.from(values);
  structuredClone(array.buffer, { transfer: [array.buffer] });
  return array;
}

describeBackends('padSequences follows Keras pad_sequences', () => {
  it('refuses NaN for int32 output instead of storing 0', () => {
    const error = expectRecurError(() => padSequences([[1, Number.NaN]]), 'sequences');
    expect(error).toBeInstanceOf(ValueError);
    expect(error.message).toBe(
      "padSequences: expected sequences to hold int32 values for int32 output (integers in [-2147483648, 2147483647]; use dtype 'float32' otherwise), received NaN at position 1 of sequence 0",
    );
  });

  it('refuses 2^31 instead of wrapping it to -2^31, and other values an int32 cannot hold', () => {
    expect(captureError(() => padSequences([[2 ** 31]])).message).toContain(
      'received 2147483648 at position 0 of sequence 0',
    );
    for (const bad of [-(2 ** 31) - 1, 1.5, Number.POSITIVE_INFINITY, 3e9])
      expectRecurError(() => padSequences([[1], [2, bad]]), 'sequences');
    expect(padSequences([[2 ** 31 - 1, -(2 ** 31)]]).toArray()).toEqual([
      [2 ** 31 - 1, -(2 ** 31)],
    ]);
    // float32 output keeps them as NumPy does for a float dtype.
    expect(padSequences([[1.5, Number.NaN]], { dtype: 'float32' }).data[0]).toBe(1.5);
  });

  it('refuses a padding value an int32 cannot hold', () => {
    for (const bad of [Number.NaN, 0.5, 2 ** 31])
      expectRecurError(() => padSequences([[1]], { value: bad }), 'value');
  });

  it('refuses what Keras refuses: no list of sequences, a non-sequence entry, an empty list without maxlen', () => {
    expectRecurError(() => padSequences(5 as unknown as number[][]), 'sequences');
    expectRecurError(() => padSequences([[1], 2] as unknown as number[][]), 'sequences');
    expectRecurError(() => padSequences([[1, 'a' as unknown as number]]), 'sequences');
    expectRecurError(() => padSequences([]), 'maxlen');
    expect(padSequences([], { maxlen: 2 }).shape).toEqual([0, 2]);
    expect(padSequences([[], []]).shape).toEqual([2, 0]);
    expectRecurError(() => padSequences([[1]], { padding: 'middle' as 'pre' }), 'padding');
    expectRecurError(() => padSequences([[1]], { truncating: 'both' as 'pre' }), 'truncating');
    expectRecurError(() => padSequences([[1]], { maxlen: 0 }), 'maxlen');
    expectRecurError(() => padSequences([[1]], { maxlen: 2.5 }), 'maxlen');
    // maxlen: null is Keras' None.
    expect(padSequences([[1], [2, 3]], { maxlen: null as unknown as number }).shape).toEqual([
      2, 2,
    ]);
  });

  it('refuses a detached typed array rather than padding it as an empty sequence', () => {
    expectRecurError(() => padSequences([detachedArray([1, 2])]), 'sequences');
  });
});

describeBackends('data utilities refuse detached buffers and huge sizes', () => {
  it('detached typed arrays and tensors', () => {
    expectRecurError(() => slidingWindows(detachedArray([1, 2, 3]), { window: 1 }), 'series');
    expectRecurError(() => slidingWindows(detach(ones([4])), { window: 1 }), 'series');
    expectRecurError(() => new StandardScaler().fit(detach(ones([4, 2]))), 'x');
    expectRecurError(() => trainTestSplit([[1, 2, 3, 4], detachedArray([1, 2, 3, 4])]), 'arrays');
    expectRecurError(() => Dataset.fromTensors(detach(ones([3, 2]))), 'x');
    expectRecurError(() => collate([detach(ones([2])), ones([2])]), 'element');
    expectRecurError(() => bagOfWords([detachedArray([1])], 3), 'sequences');
    expectRecurError(() => oneHotSequences(detach(ones([2, 2])), 3), 'sequences');
  });

  it('sizes beyond the allocation limit are refused at once, naming the argument', () => {
    const started = performance.now();
    expectRecurError(() => padSequences([[1]], { maxlen: 2 ** 40 }), 'maxlen');
    expectRecurError(() => bagOfWords([[1], [2]], 2 ** 40), 'vocabSize');
    expectRecurError(() => oneHotSequences([[1, 2]], 2 ** 40), 'vocabSize');
    expectRecurError(() => toCategorical([0], 2 ** 40), 'numClasses');
    expectRecurError(() => toCategorical([0, 1e12]), 'labels');
    expectRecurError(() => nextTokenWindows(new Array(200_000).fill('a'), 100_000), 'window');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('options of the wrong type are refused, not taken as truthy', () => {
    expectRecurError(
      () => new StandardScaler({ withMean: 'false' as unknown as boolean }),
      'withMean',
    );
    expectRecurError(() => new Tokenizer({ lower: 'no' as unknown as boolean }), 'lower');
    expectRecurError(
      () => trainTestSplit([[1, 2, 3, 4]], { shuffle: 'false' as unknown as boolean }),
      'shuffle',
    );
    expectRecurError(
      () => Dataset.fromItems([1]).batch(1, { dropRemainder: 1 as unknown as boolean }),
      'dropRemainder',
    );
    expect(
      captureError(() => slidingWindows([1, 2, 3], { window: 1, horizn: 2 } as { window: number }))
        .message,
    ).toBe(
      "slidingWindows: expected options with only the keys window, horizon, stride, targetColumns, received the unknown key 'horizn'",
    );
  });
});
