import { allocate, checkAllocation, isInt32Value, Tensor, ValueError } from '@recur/tensor';
import {
  checkInteger,
  checkOneOf,
  checkOptions,
  checkSequences,
  describeValue,
} from '../internal/arguments.js';

/** Options of {@link padSequences} (Keras' arguments and defaults). */
export interface PadSequencesOptions {
  /** The output length, a positive integer (default: the longest sequence). */
  maxlen?: number;
  /** Pad at the start ('pre', default) or the end ('post'). */
  padding?: 'pre' | 'post';
  /** Cut longer sequences at the start ('pre', default) or the end ('post'). */
  truncating?: 'pre' | 'post';
  /** The padding value (default 0, the index Tokenizer reserves for padding). */
  value?: number;
  /** The output dtype (default 'int32'). */
  dtype?: 'int32' | 'float32';
}

const INT32_TEXT = 'integers in [-2147483648, 2147483647]';

/**
 * Pads (or truncates) sequences to one length as Keras' `pad_sequences`, giving a
 * `[sequences, maxlen]` tensor, int32 by default. Sequences shorter than `maxlen` get `value` at
 * the start ('pre') or the end ('post'); longer ones lose their start ('pre') or end ('post').
 *
 * What Keras refuses is refused here too, with a `ValueError` naming the argument: a list that is
 * not a list of sequences, an empty list without `maxlen` (Keras cannot take the longest of no
 * sequences), and for int32 output any value an int32 cannot hold exactly: NaN, an infinity, a
 * fraction, or beyond [-2^31, 2^31 - 1] (NumPy refuses those when it converts; nothing is
 * truncated or wrapped here). Stricter than Keras: `padding` and `truncating` are checked even
 * when nothing needs padding, `maxlen` must be at least 1 (Keras fails on 0 for the default
 * 'pre' truncation), every value is checked (Keras converts only the kept part), and a sequence
 * must be a flat list of numbers (Keras also pads lists of vectors).
 *
 * @example
 * ```ts
 * import { padSequences } from '@recur/data';
 * padSequences([[1], [2, 3], [4, 5, 6]]).toArray(); // [[0, 0, 1], [0, 2, 3], [4, 5, 6]]
 * padSequences([[1], [2, 3], [4, 5, 6]], { padding: 'post' }).toArray();
 * // [[1, 0, 0], [2, 3, 0], [4, 5, 6]]
 * padSequences([[1], [2, 3], [4, 5, 6]], { maxlen: 2 }).toArray(); // [[0, 1], [2, 3], [5, 6]]
 * ```
 */
export function padSequences(
  sequences: readonly ArrayLike<number>[],
  options: PadSequencesOptions = {},
): Tensor {
  const op = 'padSequences';
  const checked = checkSequences(op, 'sequences', sequences);
  const o = checkOptions(
    op,
    'options',
    options,
    ['maxlen', 'padding', 'truncating', 'value', 'dtype'],
    ['maxlen'],
  );
  const padding = checkOneOf(op, 'padding', o.padding ?? 'pre', ['pre', 'post']);
  const truncating = checkOneOf(op, 'truncating', o.truncating ?? 'pre', ['pre', 'post']);
  const dtype = checkOneOf(op, 'dtype', o.dtype ?? 'int32', ['int32', 'float32']);
  const int32 = dtype === 'int32';
  const value = o.value ?? 0;
  if (typeof value !== 'number' || (int32 ? !isInt32Value(value) : Number.isNaN(value)))
    throw new ValueError(
      op,
      `value to be ${int32 ? `an int32 value (${INT32_TEXT})` : 'a number (not NaN)'}`,
      describeValue(value),
    );
  checked.forEach((sequence, i) => {
    for (let t = 0; t < sequence.length; t++) {
      const entry = sequence[t];
      if (typeof entry !== 'number')
        throw new ValueError(
          op,
          'sequences to hold numbers',
          `${describeValue(entry)} in sequence ${i}`,
        );
      if (int32 && !isInt32Value(entry))
        throw new ValueError(
          op,
          `sequences to hold int32 values for int32 output (${INT32_TEXT}; use dtype 'float32' otherwise)`,
          `${describeValue(entry)} at position ${t} of sequence ${i}`,
        );
    }
  });
  let maxlen: number;
  if (o.maxlen === undefined || o.maxlen === null) {
    if (checked.length === 0)
      throw new ValueError(
        op,
        'maxlen for an empty list of sequences (there is no longest sequence)',
        'no sequences and no maxlen',
      );
    maxlen = checked.reduce((longest, sequence) => Math.max(longest, sequence.length), 0);
  } else maxlen = checkInteger(op, 'maxlen', o.maxlen, 1);

  const out = allocate(dtype, checkAllocation(op, 'maxlen', [checked.length, maxlen], dtype));
  out.fill(value);
  checked.forEach((sequence, i) => {
    const kept = Math.min(sequence.length, maxlen);
    const from = truncating === 'pre' ? sequence.length - kept : 0;
    const to = padding === 'pre' ? maxlen - kept : 0;
    for (let t = 0; t < kept; t++) out[i * maxlen + to + t] = sequence[from + t];
  });
  return new Tensor(out, [checked.length, maxlen]);
}
