/** The characters of queries and answers; ids 0-2 are taken by padding and the two markers. */
const CHARACTERS = '0123456789+ ';

/**
 * The token ids of the addition problems: 0 is padding (masked by the decoder's Embedding), 1
 * starts an answer (the decoder's first input), 2 ends it (its last target), and the characters
 * `0-9`, `+` and space follow from 3.
 */
export const vocabulary = {
  padding: 0,
  start: 1,
  end: 2,
  size: 3 + CHARACTERS.length,

  /** The ids of a text made of the characters above. */
  encode(text: string): number[] {
    return Array.from(text, (character) => {
      const index = CHARACTERS.indexOf(character);
      if (index < 0) throw new RangeError(`'${character}' is not in the addition vocabulary`);
      return 3 + index;
    });
  },

  /** The text of character ids up to the first end marker (markers and padding are dropped). */
  decode(ids: ArrayLike<number>): string {
    let text = '';
    for (let t = 0; t < ids.length && ids[t] !== vocabulary.end; t++)
      if (ids[t] >= 3) text += CHARACTERS[ids[t] - 3];
    return text;
  },
};
