import {
  allocate,
  checkAllocation,
  checkTensor,
  formatShape,
  ShapeError,
  Tensor,
  ValueError,
} from '@recur/tensor';
import { checkInteger, checkSequences, describeValue } from '../internal/arguments.js';

/**
 * Sequences of token indices as one-hot vectors: `[sequences, T]` indices give a float32
 * `[sequences, T, vocabSize]` tensor, the input of a character- or word-level RNN without an
 * Embedding layer. Every index, padding 0 included, sets its column. The sequences must share one
 * length (use {@link padSequences} first).
 *
 * Named `oneHotSequences` so that it does not clash with `@recur/tensor`'s `oneHot` (a tensor op
 * over int32 indices of any shape) where both are re-exported, as in the `recur` package.
 *
 * @example
 * ```ts
 * import { oneHotSequences } from '@recur/data';
 * oneHotSequences([[1, 2], [0, 1]], 3).toArray();
 * // [[[0, 1, 0], [0, 0, 1]], [[1, 0, 0], [0, 1, 0]]]
 * ```
 */
export function oneHotSequences(
  sequences: readonly ArrayLike<number>[] | Tensor,
  vocabSize: number,
): Tensor {
  const op = 'oneHotSequences';
  checkInteger(op, 'vocabSize', vocabSize, 1);
  let rows: ArrayLike<number>[];
  let length: number;
  if (sequences instanceof Tensor) {
    checkTensor(op, 'sequences', sequences);
    if (sequences.rank !== 2)
      throw new ShapeError(
        op,
        'index sequences of shape [sequences, T]',
        `shape ${formatShape(sequences.shape)}`,
      );
    const [count, steps] = sequences.shape;
    rows = Array.from({ length: count }, (_, i) =>
      sequences.data.subarray(i * steps, (i + 1) * steps),
    );
    length = steps;
  } else {
    rows = [...checkSequences(op, 'sequences', sequences)];
    length = rows.length === 0 ? 0 : rows[0].length;
  }
  const out = allocate(
    'float32',
    checkAllocation(op, 'vocabSize', [rows.length, length, vocabSize], 'float32'),
  );
  rows.forEach((row, i) => {
    if (row?.length !== length)
      throw new ShapeError(
        op,
        `sequences of one length (${length}; pad them with padSequences)`,
        `length ${row?.length} at sequence ${i}`,
      );
    for (let t = 0; t < length; t++) {
      const index = row[t];
      if (!Number.isInteger(index) || index < 0 || index >= vocabSize)
        throw new ValueError(
          op,
          `indices in [0, ${vocabSize})`,
          `${describeValue(index)} at [${i}, ${t}]`,
        );
      out[(i * length + t) * vocabSize + index] = 1;
    }
  });
  return new Tensor(out, [rows.length, length, vocabSize]);
}
