import { allocate, Tensor, ValueError } from '@recur/tensor';
import { checkInteger, checkOneOf, describeValue, isSequence } from '../internal/arguments.js';

/** Options of {@link padSequences} (Keras' arguments and defaults). */
export interface PadSequencesOptions {
  /** The output length (default: the longest sequence). */
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

/**
 * Pads (or truncates) sequences to one length as Keras' `pad_sequences`, giving a
 * `[sequences, maxlen]` tensor, int32 by default. Sequences shorter than `maxlen` get `value` at
 * the start ('pre') or the end ('post'); longer ones lose their start ('pre') or end ('post').
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
  if (!Array.isArray(sequences))
    throw new ValueError(op, 'an array of sequences', describeValue(sequences));
  sequences.forEach((sequence, i) => {
    if (!isSequence(sequence))
      throw new ValueError(
        op,
        'each sequence to be an array of numbers',
        `${describeValue(sequence)} at ${i}`,
      );
    for (let t = 0; t < sequence.length; t++)
      if (typeof sequence[t] !== 'number')
        throw new ValueError(
          op,
          'numbers in the sequences',
          `${describeValue(sequence[t])} in sequence ${i}`,
        );
  });
  const padding = checkOneOf(op, 'padding', options.padding ?? 'pre', ['pre', 'post']);
  const truncating = checkOneOf(op, 'truncating', options.truncating ?? 'pre', ['pre', 'post']);
  const dtype = checkOneOf(op, 'dtype', options.dtype ?? 'int32', ['int32', 'float32']);
  const value = options.value ?? 0;
  if (
    typeof value !== 'number' ||
    (dtype === 'int32' ? !Number.isInteger(value) : Number.isNaN(value))
  )
    throw new ValueError(
      op,
      `value to be ${dtype === 'int32' ? 'an integer for int32' : 'a number'}`,
      describeValue(value),
    );
  const maxlen =
    options.maxlen === undefined
      ? sequences.reduce((longest, sequence) => Math.max(longest, sequence.length), 0)
      : checkInteger(op, 'maxlen', options.maxlen, 0);

  const out = allocate(dtype, sequences.length * maxlen).fill(value);
  sequences.forEach((sequence, i) => {
    const kept = Math.min(sequence.length, maxlen);
    const from = truncating === 'pre' ? sequence.length - kept : 0;
    const to = padding === 'pre' ? maxlen - kept : 0;
    for (let t = 0; t < kept; t++) out[i * maxlen + to + t] = sequence[from + t];
  });
  return new Tensor(out, [sequences.length, maxlen]);
}
