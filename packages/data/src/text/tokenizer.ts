import { type Tensor, ValueError } from '@recur/tensor';
import {
  checkBoolean,
  checkIndexSequences,
  checkInteger,
  checkOneOf,
  checkOptions,
  describeValue,
} from '../internal/arguments.js';
import { parseJSON } from '../internal/parse-json.js';
import { type BagOfWordsMode, bagOfWords } from './bag-of-words.js';
import { DEFAULT_FILTERS, textToWordSequence } from './text-to-word-sequence.js';

/** Options of {@link Tokenizer} (Keras' arguments, camelCased, with its defaults). */
export interface TokenizerOptions {
  /** Tokens are words (default) or single characters. */
  level?: 'word' | 'char';
  /** Keep only indices below this in sequences (the most frequent `numWords - 1` tokens). */
  numWords?: number;
  /** A token for every unknown word; it gets index 1. Without it, unknown words are dropped. */
  oovToken?: string;
  /** Lowercase texts first (default true). */
  lower?: boolean;
  /** Characters removed before splitting words (default Keras' punctuation, tab and newline). */
  filters?: string;
  /** The separator between words (default ' '). */
  split?: string;
}

/** The serialised form of a {@link Tokenizer}. */
export interface TokenizerJSON {
  className: 'Tokenizer';
  config: Required<Omit<TokenizerOptions, 'numWords' | 'oovToken'>> & {
    numWords: number | null;
    oovToken: string | null;
  };
  documentCount: number;
  /** Token counts in first-appearance order. */
  wordCounts: [string, number][];
  /** Per token, the number of texts it occurs in. */
  wordDocs: [string, number][];
}

/** A text to tokenize, or one already split into tokens (used as is, lowercased if `lower`). */
export type TokenizerText = string | readonly string[];

/**
 * Maps words (or characters) to integer indices as Keras' Tokenizer. `fitOnTexts` counts tokens;
 * indices go by decreasing count, ties by first appearance, starting at 1: index 0 is reserved for
 * padding, and the `oovToken`, when given, takes index 1. With `numWords`, sequences keep only
 * indices below it. Words are found as in {@link textToWordSequence}; at the character level each
 * character (code point) is a token and `filters` does not apply, as in Keras.
 *
 * Two differences from Keras: at the character level `sequencesToTexts` joins tokens without a
 * separator (Keras puts a space between characters), so decoding gives back the text; and an
 * `oovToken` that also occurs in the texts keeps index 1.
 *
 * @example
 * ```ts
 * import { Tokenizer } from '@recur/data';
 * const tokenizer = new Tokenizer({ oovToken: '<unk>' });
 * tokenizer.fitOnTexts(['the cat sat', 'the dog']);
 * tokenizer.wordIndex.get('the'); // 2 (1 is '<unk>')
 * tokenizer.textsToSequences(['the bird sat']); // [[2, 1, 4]]
 * tokenizer.sequencesToTexts([[2, 3]]); // ['the cat']
 * ```
 */
export class Tokenizer {
  readonly level: 'word' | 'char';
  readonly numWords: number | null;
  readonly oovToken: string | null;
  readonly lower: boolean;
  readonly filters: string;
  readonly split: string;
  /** The number of texts seen by `fitOnTexts`. */
  documentCount = 0;
  private readonly counts = new Map<string, number>();
  private readonly docs = new Map<string, number>();
  private index = new Map<string, number>();
  private words = new Map<number, string>();

  constructor(options: TokenizerOptions = {}) {
    const op = 'Tokenizer';
    const o = checkOptions(
      op,
      'options',
      options,
      ['level', 'numWords', 'oovToken', 'lower', 'filters', 'split'],
      ['numWords', 'oovToken'],
    );
    this.level = checkOneOf(op, 'level', o.level ?? 'word', ['word', 'char']);
    this.numWords =
      o.numWords === undefined || o.numWords === null
        ? null
        : checkInteger(op, 'numWords', o.numWords, 1);
    this.oovToken = o.oovToken ?? null;
    this.lower = checkBoolean(op, 'lower', o.lower, true);
    this.filters = o.filters ?? DEFAULT_FILTERS;
    this.split = o.split ?? ' ';
    if (this.oovToken !== null && (typeof this.oovToken !== 'string' || this.oovToken === ''))
      throw new ValueError(op, 'oovToken to be a non-empty string', describeValue(this.oovToken));
    if (typeof this.filters !== 'string')
      throw new ValueError(op, 'filters to be a string', describeValue(this.filters));
    if (typeof this.split !== 'string' || this.split === '')
      throw new ValueError(op, 'split to be a non-empty string', describeValue(this.split));
  }

  /** Token -> index (1-based; the oovToken, if any, is 1). */
  get wordIndex(): ReadonlyMap<string, number> {
    return this.index;
  }
  /** Index -> token. */
  get indexWord(): ReadonlyMap<number, string> {
    return this.words;
  }
  /** Token -> number of occurrences, in first-appearance order. */
  get wordCounts(): ReadonlyMap<string, number> {
    return this.counts;
  }
  /** Token -> number of texts it occurs in. */
  get wordDocs(): ReadonlyMap<string, number> {
    return this.docs;
  }
  /** Index -> number of texts its token occurs in (for tf-idf). */
  get indexDocs(): ReadonlyMap<number, number> {
    return new Map([...this.docs].map(([word, count]) => [this.index.get(word) as number, count]));
  }
  /**
   * The number of indices sequences can hold, padding included: `numWords` if set (and smaller),
   * else the vocabulary size + 1. Use it as an Embedding's input dimension.
   */
  get vocabularySize(): number {
    const all = this.index.size + 1;
    return this.numWords === null ? all : Math.min(this.numWords, all);
  }

  /** Counts the tokens of `texts` (added to earlier calls) and rebuilds the indices. */
  fitOnTexts(texts: Iterable<TokenizerText>): this {
    for (const text of checkTexts('Tokenizer.fitOnTexts', texts)) {
      this.documentCount++;
      const tokens = this.tokenize(text);
      for (const token of tokens) this.counts.set(token, (this.counts.get(token) ?? 0) + 1);
      for (const token of new Set(tokens)) this.docs.set(token, (this.docs.get(token) ?? 0) + 1);
    }
    this.rebuildIndex();
    return this;
  }

  /**
   * Texts as index sequences. Unknown tokens, and tokens at or above `numWords`, become the
   * oovToken's index, or are dropped without one.
   */
  textsToSequences(texts: Iterable<TokenizerText>): number[][] {
    const oovIndex = this.oovToken === null ? undefined : this.index.get(this.oovToken);
    return checkTexts('Tokenizer.textsToSequences', texts).map((text) => {
      const sequence: number[] = [];
      for (const token of this.tokenize(text)) {
        const index = this.index.get(token);
        if (index !== undefined && (this.numWords === null || index < this.numWords))
          sequence.push(index);
        else if (oovIndex !== undefined) sequence.push(oovIndex);
      }
      return sequence;
    });
  }

  /**
   * Index sequences back to texts: words joined by a space, characters joined without one. Unknown
   * indices (0 included) and indices at or above `numWords` become the oovToken, or are dropped.
   */
  sequencesToTexts(sequences: Iterable<ArrayLike<number>>): string[] {
    const list = checkIndexSequences(
      'Tokenizer.sequencesToTexts',
      'sequences',
      isIterable(sequences) && typeof sequences !== 'string' ? Array.from(sequences) : sequences,
    );
    const oov = this.oovToken !== null && this.index.has(this.oovToken) ? this.oovToken : undefined;
    const separator = this.level === 'char' ? '' : ' ';
    return list.map((sequence) => {
      const tokens: string[] = [];
      for (let t = 0; t < sequence.length; t++) {
        const index = sequence[t];
        const token = this.words.get(index);
        if (token !== undefined && (this.numWords === null || index < this.numWords))
          tokens.push(token);
        else if (oov !== undefined) tokens.push(oov);
      }
      return tokens.join(separator);
    });
  }

  /**
   * Index sequences as a bag-of-words matrix (see {@link bagOfWords}) of `numWords` columns (or
   * vocabulary size + 1); 'tfidf' uses the document frequencies seen by `fitOnTexts`.
   */
  sequencesToMatrix(
    sequences: readonly ArrayLike<number>[],
    mode: BagOfWordsMode = 'binary',
  ): Tensor {
    const op = 'Tokenizer.sequencesToMatrix';
    checkOneOf(op, 'mode', mode, ['binary', 'count', 'freq', 'tfidf']);
    if (this.numWords === null && this.index.size === 0)
      throw new ValueError(op, 'numWords, or a tokenizer fitted on some texts', 'neither');
    if (mode === 'tfidf' && this.documentCount === 0)
      throw new ValueError(
        op,
        'a tokenizer fitted on some texts for tfidf',
        'an unfitted tokenizer',
      );
    const columns = this.numWords ?? this.index.size + 1;
    return bagOfWords(sequences, columns, {
      mode,
      ...(mode === 'tfidf'
        ? { documentCount: this.documentCount, documentFrequencies: this.indexDocs }
        : {}),
    });
  }

  /** `sequencesToMatrix(textsToSequences(texts), mode)`. */
  textsToMatrix(texts: Iterable<TokenizerText>, mode: BagOfWordsMode = 'binary'): Tensor {
    return this.sequencesToMatrix(this.textsToSequences(texts), mode);
  }

  /** The settings and counts as plain JSON data (the indices follow from the counts). */
  toJSON(): TokenizerJSON {
    return {
      className: 'Tokenizer',
      config: {
        level: this.level,
        numWords: this.numWords,
        oovToken: this.oovToken,
        lower: this.lower,
        filters: this.filters,
        split: this.split,
      },
      documentCount: this.documentCount,
      wordCounts: [...this.counts],
      wordDocs: [...this.docs],
    };
  }

  /**
   * Restores a tokenizer written by `toJSON` (an object or its JSON text).
   *
   * @example
   * ```ts
   * import { Tokenizer } from '@recur/data';
   * const tokenizer = new Tokenizer().fitOnTexts(['a b b']);
   * const copy = Tokenizer.fromJSON(JSON.stringify(tokenizer));
   * copy.wordIndex.get('b'); // 1
   * ```
   */
  static fromJSON(json: TokenizerJSON | string): Tokenizer {
    const op = 'Tokenizer.fromJSON';
    const parsed = parseJSON(op, json) as TokenizerJSON;
    if (
      parsed === null ||
      typeof parsed !== 'object' ||
      parsed.className !== 'Tokenizer' ||
      parsed.config === null ||
      typeof parsed.config !== 'object'
    )
      throw new ValueError(op, 'json written by Tokenizer.toJSON', describeValue(parsed));
    for (const key of ['wordCounts', 'wordDocs'] as const) {
      const entries: unknown = parsed[key];
      const valid =
        Array.isArray(entries) &&
        entries.every(
          (entry) =>
            Array.isArray(entry) &&
            entry.length === 2 &&
            typeof entry[0] === 'string' &&
            Number.isSafeInteger(entry[1]) &&
            entry[1] >= 1,
        );
      if (!valid)
        throw new ValueError(
          op,
          `json.${key} to be [token, positive count] pairs`,
          describeValue(entries),
        );
    }
    const { numWords, oovToken, ...rest } = parsed.config;
    const tokenizer = new Tokenizer({
      ...rest,
      numWords: numWords ?? undefined,
      oovToken: oovToken ?? undefined,
    });
    tokenizer.documentCount = checkInteger(op, 'json.documentCount', parsed.documentCount, 0);
    for (const [word, count] of parsed.wordCounts) tokenizer.counts.set(word, count);
    for (const [word, count] of parsed.wordDocs) tokenizer.docs.set(word, count);
    tokenizer.rebuildIndex();
    return tokenizer;
  }

  private tokenize(text: TokenizerText): string[] {
    if (typeof text !== 'string')
      return text.map((token) => (this.lower ? token.toLowerCase() : token));
    if (this.level === 'char') return Array.from(this.lower ? text.toLowerCase() : text);
    return textToWordSequence(text, {
      filters: this.filters,
      lower: this.lower,
      split: this.split,
    });
  }

  private rebuildIndex(): void {
    // Array.prototype.sort is stable: equal counts keep first-appearance order, as in Python.
    const byCount = [...this.counts].sort((a, b) => b[1] - a[1]).map(([word]) => word);
    const vocabulary =
      this.oovToken === null
        ? byCount
        : [this.oovToken, ...byCount.filter((w) => w !== this.oovToken)];
    this.index = new Map(vocabulary.map((word, i) => [word, i + 1]));
    this.words = new Map(vocabulary.map((word, i) => [i + 1, word]));
  }
}

function checkTexts(op: string, texts: Iterable<TokenizerText>): TokenizerText[] {
  if (typeof texts === 'string' || texts === null || typeof texts?.[Symbol.iterator] !== 'function')
    throw new ValueError(op, 'an array of texts', describeValue(texts));
  const list = Array.from(texts);
  list.forEach((text, i) => {
    if (
      typeof text !== 'string' &&
      !(Array.isArray(text) && text.every((token) => typeof token === 'string'))
    )
      throw new ValueError(
        op,
        'texts as strings or arrays of string tokens',
        `${describeValue(text)} at ${i}`,
      );
  });
  return list;
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    value !== null &&
    value !== undefined &&
    typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function'
  );
}
