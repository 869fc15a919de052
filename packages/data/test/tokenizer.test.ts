import { DEFAULT_FILTERS, Tokenizer, textToWordSequence } from '@recur/data';
import { ValueError } from '@recur/tensor';
import { expectClose } from '@recur/testing';
import { describe, expect, it } from 'vitest';
import { thrown } from './helpers.js';

const texts = ['The cat sat on the mat.', 'The dog ate my homework!'];

describe('textToWordSequence (Keras text_to_word_sequence)', () => {
  it('lowercases, replaces the default filters with spaces, and drops empty words', () => {
    expect(textToWordSequence('The quick, brown fox.\tJumps!')).toEqual([
      'the',
      'quick',
      'brown',
      'fox',
      'jumps',
    ]);
    expect(textToWordSequence("don't  stop", { lower: false })).toEqual(["don't", 'stop']);
    expect(textToWordSequence('a-b', { filters: '' })).toEqual(['a-b']);
    expect(textToWordSequence('a|b|c', { split: '|' })).toEqual(['a', 'b', 'c']);
    expect(DEFAULT_FILTERS).toBe('!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n');
  });
});

describe('Tokenizer (Keras semantics)', () => {
  it('indexes words by decreasing count, ties by first appearance, from 1', () => {
    const tokenizer = new Tokenizer().fitOnTexts(texts);
    expect([...tokenizer.wordIndex]).toEqual([
      ['the', 1],
      ['cat', 2],
      ['sat', 3],
      ['on', 4],
      ['mat', 5],
      ['dog', 6],
      ['ate', 7],
      ['my', 8],
      ['homework', 9],
    ]);
    expect(tokenizer.indexWord.get(1)).toBe('the');
    expect(tokenizer.wordCounts.get('the')).toBe(3);
    expect(tokenizer.wordDocs.get('the')).toBe(2);
    expect(tokenizer.documentCount).toBe(2);
    expect(tokenizer.vocabularySize).toBe(10);
    const ties = new Tokenizer().fitOnTexts(['b a', 'a b c']);
    expect([...ties.wordIndex.keys()]).toEqual(['b', 'a', 'c']);
  });

  it('accumulates counts over several fits', () => {
    const tokenizer = new Tokenizer().fitOnTexts(['x y']).fitOnTexts(['y']);
    expect([...tokenizer.wordIndex.keys()]).toEqual(['y', 'x']);
    expect(tokenizer.documentCount).toBe(2);
  });

  it('converts texts to sequences and back, dropping unknown words without an oovToken', () => {
    const tokenizer = new Tokenizer().fitOnTexts(texts);
    expect(tokenizer.textsToSequences(['The mat ate a bird'])).toEqual([[1, 5, 7]]);
    expect(tokenizer.sequencesToTexts([[1, 5, 7]])).toEqual(['the mat ate']);
    expect(tokenizer.sequencesToTexts([[0, 1, 42]])).toEqual(['the']);
  });

  it('gives the oovToken index 1 and uses it for unknown words', () => {
    const tokenizer = new Tokenizer({ oovToken: '<OOV>' }).fitOnTexts(texts);
    expect(tokenizer.wordIndex.get('<OOV>')).toBe(1);
    expect(tokenizer.wordIndex.get('the')).toBe(2);
    expect(tokenizer.textsToSequences(['the bird sat'])).toEqual([[2, 1, 4]]);
    expect(tokenizer.sequencesToTexts([[2, 99, 4]])).toEqual(['the <OOV> sat']);
  });

  it('keeps only indices below numWords', () => {
    const plain = new Tokenizer({ numWords: 5 }).fitOnTexts(texts);
    // the=1, sat=3, on=4 are kept; dog=6 and mat=5 are not below 5.
    expect(plain.textsToSequences(['the dog sat on the mat'])).toEqual([[1, 3, 4, 1]]);
    expect(plain.vocabularySize).toBe(5);
    expect(plain.sequencesToTexts([[1, 5, 3]])).toEqual(['the sat']);
    const withOov = new Tokenizer({ numWords: 4, oovToken: '?' }).fitOnTexts(texts);
    // '?'=1, the=2, cat=3 are kept; everything else becomes '?'.
    expect(withOov.textsToSequences(['the cat sat'])).toEqual([[2, 3, 1]]);
    expect(withOov.sequencesToTexts([[2, 3, 4]])).toEqual(['the cat ?']);
  });

  it('works on characters, without filters, and decodes without separators', () => {
    const tokenizer = new Tokenizer({ level: 'char' }).fitOnTexts(['Hello!']);
    expect([...tokenizer.wordIndex]).toEqual([
      ['l', 1],
      ['h', 2],
      ['e', 3],
      ['o', 4],
      ['!', 5],
    ]);
    const [sequence] = tokenizer.textsToSequences(['hole!']);
    expect(sequence).toEqual([2, 4, 1, 3, 5]);
    expect(tokenizer.sequencesToTexts([sequence])).toEqual(['hole!']);
  });

  it('accepts texts already split into tokens, and keeps case with lower: false', () => {
    const tokenizer = new Tokenizer({ lower: false }).fitOnTexts([['New', 'York'], 'new York']);
    expect([...tokenizer.wordIndex.keys()]).toEqual(['York', 'New', 'new']);
  });

  it('round-trips through JSON with the same indices and behaviour', () => {
    const tokenizer = new Tokenizer({ numWords: 6, oovToken: '<unk>' }).fitOnTexts(texts);
    const copy = Tokenizer.fromJSON(JSON.stringify(tokenizer));
    expect([...copy.wordIndex]).toEqual([...tokenizer.wordIndex]);
    expect(copy.numWords).toBe(6);
    expect(copy.oovToken).toBe('<unk>');
    expect(copy.textsToSequences(['the dog and the cat'])).toEqual(
      tokenizer.textsToSequences(['the dog and the cat']),
    );
    expect(copy.textsToMatrix(texts, 'tfidf').toArray()).toEqual(
      tokenizer.textsToMatrix(texts, 'tfidf').toArray(),
    );
    expect(thrown(() => Tokenizer.fromJSON('{"className":"Other"}'))).toBeInstanceOf(ValueError);
  });

  it('builds matrices with the tf-idf statistics of its corpus', () => {
    const tokenizer = new Tokenizer().fitOnTexts(['a a b', 'b c']);
    // a=1 (2 times, 1 doc), b=2 (2 times, 2 docs), c=3; 2 documents.
    const matrix = tokenizer.textsToMatrix(['a a b'], 'tfidf');
    expect(matrix.shape).toEqual([1, 4]);
    const idf = (df: number) => Math.log(1 + 2 / (1 + df));
    expectClose(matrix, [[0, (1 + Math.log(2)) * idf(1), idf(2), 0]]);
    expect(tokenizer.textsToMatrix(['c c a'], 'count').toArray()).toEqual([[0, 1, 0, 2]]);
    expect(thrown(() => new Tokenizer().sequencesToMatrix([[1]]))).toBeInstanceOf(ValueError);
  });

  it('rejects bad options and inputs', () => {
    expect(thrown(() => new Tokenizer({ numWords: 0 })).message).toContain('numWords');
    expect(thrown(() => new Tokenizer({ level: 'byte' as 'char' })).message).toContain(
      "level to be one of 'word', 'char'",
    );
    expect(thrown(() => new Tokenizer().fitOnTexts('just a string'))).toBeInstanceOf(ValueError);
    expect(thrown(() => new Tokenizer().fitOnTexts([42 as unknown as string])).message).toContain(
      '42 at 0',
    );
  });
});
