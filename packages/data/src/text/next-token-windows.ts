import { checkAllocation, ValueError } from '@recur/tensor';
import { checkInteger, describeValue } from '../internal/arguments.js';

/** Context windows and the token that follows each, from {@link nextTokenWindows}. */
export interface NextTokenWindows<T> {
  /** Row i: `tokens[i .. i + window)`. */
  inputs: T[][];
  /** Row i: `tokens[i + window]`. */
  targets: T[];
}

/**
 * Running windows over a token sequence for next-token prediction: every run of `window`
 * consecutive tokens with the token right after it, one row per start (so `length - window` rows,
 * none when the sequence is not longer than the window). Tokens may be words, characters or
 * indices.
 *
 * @example
 * ```ts
 * import { nextTokenWindows } from '@recur/data';
 * const words = 'Mary had a little lamb whose fleece was white as snow'.split(' ');
 * const { inputs, targets } = nextTokenWindows(words, 4);
 * inputs[0]; // ['Mary', 'had', 'a', 'little']
 * targets[0]; // 'lamb'
 * targets.length; // 7
 * ```
 */
export function nextTokenWindows<T>(
  tokens: readonly T[] | string,
  window: number,
): NextTokenWindows<T> {
  const op = 'nextTokenWindows';
  if (!Array.isArray(tokens) && typeof tokens !== 'string')
    throw new ValueError(
      op,
      'an array of tokens (or a string of characters)',
      describeValue(tokens),
    );
  checkInteger(op, 'window', window, 1);
  const list = (typeof tokens === 'string' ? Array.from(tokens) : tokens) as readonly T[];
  // The windows are plain arrays, but as many slots as a tensor of this shape: held to the same
  // limit (8 bytes a slot) so a long sequence with a long window fails fast instead of exhausting memory.
  checkAllocation(op, 'window', [Math.max(list.length - window, 0), window], 'float64');
  const inputs: T[][] = [];
  const targets: T[] = [];
  for (let start = 0; start + window < list.length; start++) {
    inputs.push(list.slice(start, start + window));
    targets.push(list[start + window]);
  }
  return { inputs, targets };
}
