import { ValueError } from '@recur/tensor';
import { checkBoolean, checkOptions, describeValue } from '../internal/arguments.js';

/** Keras' default `filters`: punctuation, tab and newline, each replaced by the split string. */
export const DEFAULT_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n';

/** Options of {@link textToWordSequence}. */
export interface WordSequenceOptions {
  /** Characters replaced by `split` before splitting (default {@link DEFAULT_FILTERS}). */
  filters?: string;
  /** Lowercase first (default true). */
  lower?: boolean;
  /** The separator between words (default ' '). */
  split?: string;
}

/**
 * Splits a text into words as Keras' `text_to_word_sequence`: lowercase, replace every filter
 * character with the separator, split on the separator, drop empty pieces.
 *
 * @example
 * ```ts
 * import { textToWordSequence } from '@recur/data';
 * textToWordSequence('Hello, World!  Bye.'); // ['hello', 'world', 'bye']
 * ```
 */
export function textToWordSequence(text: string, options: WordSequenceOptions = {}): string[] {
  const op = 'textToWordSequence';
  if (typeof text !== 'string')
    throw new ValueError(op, 'text to be a string', describeValue(text));
  const o = checkOptions(op, 'options', options, ['filters', 'lower', 'split']);
  const filterText = o.filters ?? DEFAULT_FILTERS;
  if (typeof filterText !== 'string')
    throw new ValueError(op, 'filters to be a string', describeValue(filterText));
  const filters = new Set(filterText);
  const split = o.split ?? ' ';
  if (typeof split !== 'string' || split.length === 0)
    throw new ValueError(op, 'split to be a non-empty string', describeValue(split));
  const lowered = checkBoolean(op, 'lower', o.lower, true) ? text.toLowerCase() : text;
  let replaced = '';
  // for...of walks code points, as Python's str.translate does.
  for (const character of lowered) replaced += filters.has(character) ? split : character;
  return replaced.split(split).filter((word) => word.length > 0);
}
