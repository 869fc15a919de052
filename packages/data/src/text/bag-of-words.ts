import { allocate, checkAllocation, Tensor, ValueError } from '@recur/tensor';
import {
  checkIndexSequences,
  checkInteger,
  checkOneOf,
  checkOptions,
  describeValue,
} from '../internal/arguments.js';

/** How {@link bagOfWords} fills a cell. */
export type BagOfWordsMode = 'binary' | 'count' | 'freq' | 'tfidf';

/** Options of {@link bagOfWords}. */
export interface BagOfWordsOptions {
  /** 'binary' (default), 'count', 'freq' or 'tfidf'. */
  mode?: BagOfWordsMode;
  /**
   * For 'tfidf': the number of documents the frequencies come from. Give it with
   * `documentFrequencies` (a Tokenizer passes its own); without both, the sequences themselves are
   * the corpus.
   */
  documentCount?: number;
  /** For 'tfidf': in how many documents each index occurs. */
  documentFrequencies?: ReadonlyMap<number, number>;
}

const modes: readonly BagOfWordsMode[] = ['binary', 'count', 'freq', 'tfidf'];

/**
 * One row per sequence of token indices, one column per index below `vocabSize`, as Keras'
 * `Tokenizer.sequences_to_matrix`: 'binary' puts 1 where an index occurs, 'count' the number of
 * occurrences c, 'freq' c / (sequence length), and 'tfidf' `(1 + ln c) * ln(1 + N / (1 + df))`
 * with N documents of which df contain the index. Indices at or above `vocabSize` are skipped (but
 * still count in the 'freq' length, as in Keras). Returns a float32 `[sequences, vocabSize]`
 * tensor.
 *
 * @example
 * ```ts
 * import { bagOfWords } from '@recur/data';
 * bagOfWords([[1, 2, 2], [3]], 4, { mode: 'count' }).toArray(); // [[0, 1, 2, 0], [0, 0, 0, 1]]
 * ```
 */
export function bagOfWords(
  sequences: readonly ArrayLike<number>[],
  vocabSize: number,
  options: BagOfWordsOptions = {},
): Tensor {
  const op = 'bagOfWords';
  checkIndexSequences(op, 'sequences', sequences);
  checkInteger(op, 'vocabSize', vocabSize, 1);
  const o = checkOptions(op, 'options', options, ['mode', 'documentCount', 'documentFrequencies']);
  const mode = checkOneOf(op, 'mode', o.mode ?? 'binary', modes);
  let documentCount =
    o.documentCount === undefined
      ? undefined
      : checkInteger(op, 'documentCount', o.documentCount, 1);
  let documentFrequencies = o.documentFrequencies;
  if (documentFrequencies !== undefined) {
    if (!(documentFrequencies instanceof Map))
      throw new ValueError(
        op,
        'documentFrequencies to be a Map from index to document count',
        describeValue(documentFrequencies),
      );
    for (const [index, count] of documentFrequencies)
      if (!Number.isSafeInteger(index) || index < 0 || !Number.isSafeInteger(count) || count < 0)
        throw new ValueError(
          op,
          'documentFrequencies to map non-negative integer indices to non-negative counts',
          `${describeValue(index)} => ${describeValue(count)}`,
        );
  }
  if (mode === 'tfidf') {
    if ((documentCount === undefined) !== (documentFrequencies === undefined))
      throw new ValueError(
        op,
        'documentCount and documentFrequencies together, or neither',
        'only one of them',
      );
    if (documentCount === undefined) {
      // Document frequencies of the sequences themselves, as Keras' fit_on_sequences gathers them.
      documentCount = sequences.length;
      const frequencies = new Map<number, number>();
      for (const sequence of sequences)
        for (const index of new Set<number>(Array.from(sequence)))
          frequencies.set(index, (frequencies.get(index) ?? 0) + 1);
      documentFrequencies = frequencies;
    }
    if (!(documentCount > 0))
      throw new ValueError(
        op,
        'a positive documentCount for tfidf (fit on some data first)',
        describeValue(documentCount),
      );
  }

  const out = allocate(
    'float32',
    checkAllocation(op, 'vocabSize', [sequences.length, vocabSize], 'float32'),
  );
  sequences.forEach((sequence, i) => {
    const counts = new Map<number, number>();
    for (let t = 0; t < sequence.length; t++)
      if (sequence[t] < vocabSize) counts.set(sequence[t], (counts.get(sequence[t]) ?? 0) + 1);
    for (const [j, c] of counts) {
      let value: number;
      if (mode === 'count') value = c;
      else if (mode === 'freq') value = c / sequence.length;
      else if (mode === 'binary') value = 1;
      else {
        // Weighting scheme 2 of Wikipedia's tf-idf article, as Keras: log-scaled tf, smoothed idf.
        const df = documentFrequencies!.get(j) ?? 0;
        value = (1 + Math.log(c)) * Math.log(1 + documentCount! / (1 + df));
      }
      out[i * vocabSize + j] = value;
    }
  });
  return new Tensor(out, [sequences.length, vocabSize]);
}
