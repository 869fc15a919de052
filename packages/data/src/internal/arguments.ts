import { describeValue, isDetached, ValueError } from '@recur/tensor';

// The generic checks live in @recur/tensor so both packages refuse a bad argument with the same
// error and wording; they are re-exported here for the data modules.
export {
  checkBoolean,
  checkInteger,
  checkNumber,
  checkOneOf,
  checkOptions,
  describeValue,
} from '@recur/tensor';

/** @internal Whether a value is an array or a typed array of numbers (a sequence of values). */
export function isSequence(value: unknown): value is ArrayLike<number> {
  return (
    Array.isArray(value) ||
    (ArrayBuffer.isView(value) &&
      !(value instanceof DataView) &&
      !(value instanceof BigInt64Array) &&
      !(value instanceof BigUint64Array))
  );
}

/**
 * @internal Checks an array of sequences (arrays or typed arrays) and returns it. A typed array
 * whose buffer was detached is refused: it would read as an empty sequence.
 */
export function checkSequences(op: string, name: string, sequences: unknown): ArrayLike<number>[] {
  if (!Array.isArray(sequences))
    throw new ValueError(op, `${name} to be an array of sequences`, describeValue(sequences));
  for (let i = 0; i < sequences.length; i++) {
    const sequence = sequences[i];
    if (!isSequence(sequence) || (ArrayBuffer.isView(sequence) && isDetached(sequence)))
      throw new ValueError(
        op,
        `each of ${name} to be an array or typed array of numbers`,
        `${describeValue(sequence)} at ${i}`,
      );
  }
  return sequences;
}

/**
 * @internal {@link checkSequences} for token indices: every entry a non-negative integer (an index
 * of 1.5 or -1 names no token).
 */
export function checkIndexSequences(
  op: string,
  name: string,
  sequences: unknown,
): ArrayLike<number>[] {
  const checked = checkSequences(op, name, sequences);
  checked.forEach((sequence, i) => {
    for (let t = 0; t < sequence.length; t++)
      if (!Number.isSafeInteger(sequence[t]) || sequence[t] < 0)
        throw new ValueError(
          op,
          `${name} to hold non-negative integer indices`,
          `${describeValue(sequence[t])} in sequence ${i}`,
        );
  });
  return checked;
}
