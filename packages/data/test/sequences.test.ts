import {
  bagOfWords,
  nextTokenWindows,
  oneHotSequences,
  padSequences,
  toCategorical,
} from '@recur/data';
import { oneHot, ShapeError, tensor, ValueError } from '@recur/tensor';
import { expectClose } from '@recur/testing';
import { describe, expect, it } from 'vitest';
import { thrown } from './helpers.js';

const sequences = [[1], [2, 3], [4, 5, 6]];

describe("padSequences (Keras pad_sequences' documented examples)", () => {
  it('pads at the start by default, to the longest sequence, as int32', () => {
    const padded = padSequences(sequences);
    expect(padded.dtype).toBe('int32');
    expect(padded.toArray()).toEqual([
      [0, 0, 1],
      [0, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('pads with a value, or at the end', () => {
    expect(padSequences(sequences, { value: -1 }).toArray()).toEqual([
      [-1, -1, 1],
      [-1, 2, 3],
      [4, 5, 6],
    ]);
    expect(padSequences(sequences, { padding: 'post' }).toArray()).toEqual([
      [1, 0, 0],
      [2, 3, 0],
      [4, 5, 6],
    ]);
  });

  it('truncates at the start by default, or at the end', () => {
    expect(padSequences(sequences, { maxlen: 2 }).toArray()).toEqual([
      [0, 1],
      [2, 3],
      [5, 6],
    ]);
    expect(padSequences(sequences, { maxlen: 2, truncating: 'post' }).toArray()).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    expect(
      padSequences(sequences, { maxlen: 2, truncating: 'post', padding: 'post' }).toArray(),
    ).toEqual([
      [1, 0],
      [2, 3],
      [4, 5],
    ]);
  });

  it('handles empty sequences, a longer maxlen and float32 output', () => {
    expect(padSequences([[], [7]], { maxlen: 3 }).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 7],
    ]);
    const floats = padSequences([[0.5], [1.5, 2.5]], { dtype: 'float32', value: -0.5 });
    expect(floats.toArray()).toEqual([
      [-0.5, 0.5],
      [1.5, 2.5],
    ]);
    // Keras takes the longest of no sequences (np.max of an empty list) and fails; so does this.
    expect(thrown(() => padSequences([])).message).toContain('maxlen for an empty list');
    expect(padSequences([], { maxlen: 3 }).shape).toEqual([0, 3]);
  });

  it('rejects unknown padding, negative maxlen and a fractional int32 value', () => {
    const padding = thrown(() => padSequences(sequences, { padding: 'middle' as 'pre' }));
    expect(padding).toBeInstanceOf(ValueError);
    expect(padding.message).toContain("padding to be one of 'pre', 'post', received 'middle'");
    expect(thrown(() => padSequences(sequences, { maxlen: -1 })).message).toContain('maxlen');
    expect(thrown(() => padSequences(sequences, { value: 0.5 })).message).toContain('integer');
    expect(thrown(() => padSequences([[1, 'a' as unknown as number]]))).toBeInstanceOf(ValueError);
  });
});

describe("toCategorical (Keras to_categorical's documented example)", () => {
  it('turns [0, 1, 2, 3] with 4 classes into the identity', () => {
    const categorical = toCategorical([0, 1, 2, 3], 4);
    expect(categorical.dtype).toBe('float32');
    expect(categorical.toArray()).toEqual([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
  });

  it('infers the class count, replaces a trailing axis of 1 and keeps other axes', () => {
    expect(toCategorical([[2], [0]]).toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(toCategorical(tensor([[1, 0]], undefined, { dtype: 'int32' }), 2).toArray()).toEqual([
      [
        [0, 1],
        [1, 0],
      ],
    ]);
  });

  it('rejects labels outside [0, numClasses) and non-integers', () => {
    const high = thrown(() => toCategorical([0, 3], 3));
    expect(high).toBeInstanceOf(ValueError);
    expect(high.message).toBe(
      'toCategorical: expected labels in [0, 3), received 3 at flat position 1',
    );
    expect(thrown(() => toCategorical([-1]))).toBeInstanceOf(ValueError);
    expect(thrown(() => toCategorical([0.5]))).toBeInstanceOf(ValueError);
  });
});

describe('oneHotSequences', () => {
  it('gives a float32 [n, T, vocab] tensor matching the tensor oneHot op', () => {
    const encoded = oneHotSequences(
      [
        [1, 2],
        [0, 1],
      ],
      3,
    );
    expect(encoded.shape).toEqual([2, 2, 3]);
    expect(encoded.dtype).toBe('float32');
    expect(encoded.toArray()).toEqual([
      [
        [0, 1, 0],
        [0, 0, 1],
      ],
      [
        [1, 0, 0],
        [0, 1, 0],
      ],
    ]);
    const indices = tensor([[3, 0, 1]], undefined, { dtype: 'int32' });
    expect(oneHotSequences(indices, 4).toArray()).toEqual(oneHot(indices, 4).toArray());
  });

  it('asks for padding when sequences differ in length, and checks indices', () => {
    const ragged = thrown(() => oneHotSequences([[1, 2], [1]], 3));
    expect(ragged).toBeInstanceOf(ShapeError);
    expect(ragged.message).toContain('padSequences');
    const outside = thrown(() => oneHotSequences([[1, 3]], 3));
    expect(outside).toBeInstanceOf(ValueError);
    expect(outside.message).toContain('indices in [0, 3), received 3 at [0, 1]');
  });
});

describe('bagOfWords (Keras Tokenizer.sequences_to_matrix)', () => {
  const docs = [[1, 1, 2, 7], [2, 3], []];

  it("fills 'binary', 'count' and 'freq' cells, skipping indices >= vocabSize", () => {
    expect(bagOfWords(docs, 4).toArray()).toEqual([
      [0, 1, 1, 0],
      [0, 0, 1, 1],
      [0, 0, 0, 0],
    ]);
    expect(bagOfWords(docs, 4, { mode: 'count' }).toArray()).toEqual([
      [0, 2, 1, 0],
      [0, 0, 1, 1],
      [0, 0, 0, 0],
    ]);
    // The skipped index 7 still counts in the length, as in Keras.
    expectClose(bagOfWords(docs, 4, { mode: 'freq' }), [
      [0, 2 / 4, 1 / 4, 0],
      [0, 0, 1 / 2, 1 / 2],
      [0, 0, 0, 0],
    ]);
  });

  it("computes 'tfidf' as (1 + ln c) * ln(1 + N / (1 + df))", () => {
    const idf = (documents: number, df: number) => Math.log(1 + documents / (1 + df));
    // Without statistics the sequences are the corpus: 3 documents; index 2 is in two of them.
    expectClose(bagOfWords(docs, 4, { mode: 'tfidf' }), [
      [0, (1 + Math.log(2)) * idf(3, 1), idf(3, 2), 0],
      [0, 0, idf(3, 2), idf(3, 1)],
      [0, 0, 0, 0],
    ]);
    const given = bagOfWords([[1]], 2, {
      mode: 'tfidf',
      documentCount: 10,
      documentFrequencies: new Map([[1, 4]]),
    });
    expectClose(given, [[0, idf(10, 4)]]);
  });

  it('rejects an unknown mode, half the tf-idf statistics and negative indices', () => {
    expect(thrown(() => bagOfWords(docs, 4, { mode: 'sum' as 'count' })).message).toContain(
      "mode to be one of 'binary', 'count', 'freq', 'tfidf'",
    );
    expect(thrown(() => bagOfWords(docs, 4, { mode: 'tfidf', documentCount: 3 }))).toBeInstanceOf(
      ValueError,
    );
    expect(thrown(() => bagOfWords([[-1]], 4))).toBeInstanceOf(ValueError);
    expect(thrown(() => bagOfWords(docs, 0)).message).toContain('vocabSize');
  });
});

describe('nextTokenWindows', () => {
  it("reproduces the seed's seven-row table", () => {
    const words = 'Mary had a little lamb whose fleece was white as snow'.split(' ');
    const { inputs, targets } = nextTokenWindows(words, 4);
    const table = inputs.map((input, i) => [input, targets[i]]);
    expect(table).toEqual([
      [['Mary', 'had', 'a', 'little'], 'lamb'],
      [['had', 'a', 'little', 'lamb'], 'whose'],
      [['a', 'little', 'lamb', 'whose'], 'fleece'],
      [['little', 'lamb', 'whose', 'fleece'], 'was'],
      [['lamb', 'whose', 'fleece', 'was'], 'white'],
      [['whose', 'fleece', 'was', 'white'], 'as'],
      [['fleece', 'was', 'white', 'as'], 'snow'],
    ]);
  });

  it('works on characters and indices, and is empty when the window covers everything', () => {
    expect(nextTokenWindows('abcd', 2)).toEqual({
      inputs: [
        ['a', 'b'],
        ['b', 'c'],
      ],
      targets: ['c', 'd'],
    });
    expect(nextTokenWindows([5, 6, 7], 3)).toEqual({ inputs: [], targets: [] });
  });

  it('rejects window <= 0', () => {
    const error = thrown(() => nextTokenWindows(['a', 'b'], 0));
    expect(error).toBeInstanceOf(ValueError);
    expect(error.message).toBe(
      'nextTokenWindows: expected window to be a positive integer, received 0',
    );
  });
});
