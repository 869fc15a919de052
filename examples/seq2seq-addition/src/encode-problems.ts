import { type Tensor, tensor } from 'recurjs';
import type { AdditionProblem } from './addition-problems.js';
import { vocabulary } from './vocabulary.js';

/** The tensors of a batch of problems (int32 token ids). */
export interface EncodedProblems {
  /** `[n, 2 * digits + 1]`: the query padded with spaces to full width, then reversed. */
  queries: Tensor;
  /** `[n, digits + 2]`: start marker, the answer's characters, then padding (teacher forcing). */
  decoderInputs: Tensor;
  /** `[n, digits + 2]`: the answer's characters, the end marker, then padding. */
  decoderTargets: Tensor;
}

/** Query length: two terms of `digits` digits and the plus sign. */
export const queryLength = (digits: number) => 2 * digits + 1;
/** Decoder steps: the longest answer has `digits + 1` digits, plus the start or end marker. */
export const answerSteps = (digits: number) => digits + 2;

/**
 * Problems as token ids for the encoder-decoder. The decoder's input is its target shifted right
 * by one step behind the start marker, so at step t it reads the true character t - 1 (teacher
 * forcing). Padding is id 0 in both, at the same steps, so the decoder Embedding's mask
 * (`maskZero`) also takes the padded targets out of the loss. Queries are reversed, as Keras'
 * addition_rnn does (a trick from Sutskever et al., 2014, who found reversed inputs easier for
 * an encoder-decoder to learn).
 */
export function encodeProblems(
  problems: readonly AdditionProblem[],
  digits: number,
): EncodedProblems {
  const width = queryLength(digits);
  const steps = answerSteps(digits);
  const queries = new Int32Array(problems.length * width);
  const decoderInputs = new Int32Array(problems.length * steps);
  const decoderTargets = new Int32Array(problems.length * steps);
  problems.forEach(({ a, b }, i) => {
    const query = vocabulary.encode(`${a}+${b}`.padEnd(width, ' ')).reverse();
    queries.set(query, i * width);
    const answer = vocabulary.encode(String(a + b));
    decoderInputs.set([vocabulary.start, ...answer], i * steps);
    decoderTargets.set([...answer, vocabulary.end], i * steps);
  });
  const ids = (data: Int32Array, columns: number) =>
    tensor(data, [problems.length, columns], { dtype: 'int32' });
  return {
    queries: ids(queries, width),
    decoderInputs: ids(decoderInputs, steps),
    decoderTargets: ids(decoderTargets, steps),
  };
}
