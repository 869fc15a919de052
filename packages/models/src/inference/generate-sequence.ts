import { oneHot, Random, type Tensor, tensor, ValueError } from '@recur/tensor';
import type { Model } from '../model.js';
import { type SamplingOptions, sampleToken } from './sample-token.js';

export interface GenerateOptions extends SamplingOptions {
  /** How many tokens to generate. */
  length: number;
  /** Seed of the sampler (same seed, same text). */
  seed?: number;
  /** Most recent tokens fed to the model at each step (default: the model's input length, else all). */
  window?: number;
  /** Stop after generating this token. */
  stopToken?: number;
  /** How token ids become model input (default: int32 ids for an Embedding model, else one-hot). */
  encode?: (ids: number[]) => Tensor;
}

/**
 * Autoregressive generation for a language model: feeds the most recent tokens, samples the next
 * one from the model's last-step scores (temperature, top-k, top-p), appends it, and repeats.
 * Works with models that output `[1, vocab]` (the next token) or `[1, steps, vocab]` (every step).
 * Softmax outputs are detected and treated as probabilities.
 *
 * @example
 * ```ts
 * // const ids = generateSequence(model, tokenizer.textsToSequences(['ROMEO:'])[0], { length: 200, temperature: 0.8, topK: 20, seed: 1 });
 * ```
 */
export function generateSequence(
  model: Model,
  prompt: readonly number[],
  options: GenerateOptions,
): number[] {
  if (!Number.isInteger(options.length) || options.length < 0)
    throw new ValueError(
      'generateSequence',
      'a non-negative integer length',
      String(options.length),
    );
  if (prompt.length === 0)
    throw new ValueError('generateSequence', 'a prompt of at least one token', 'an empty prompt');
  const random = new Random(options.seed ?? Math.floor(Math.random() * 2 ** 31));
  const inputSteps = model.inputShapes[0]?.[1];
  const window =
    options.window ?? (typeof inputSteps === 'number' ? inputSteps : Number.POSITIVE_INFINITY);
  const tokens = [...prompt];
  const generated: number[] = [];
  for (let i = 0; i < options.length; i++) {
    const context = tokens.slice(Math.max(0, tokens.length - window));
    const input = options.encode ? options.encode(context) : encodeDefault(model, context);
    const output = model.predictOnBatch(input);
    const scores = lastStepScores(Array.isArray(output) ? output[0] : output);
    const fromLogits = options.fromLogits ?? !looksLikeProbabilities(scores);
    const next = sampleToken(scores, random, { ...options, fromLogits });
    tokens.push(next);
    generated.push(next);
    if (options.stopToken !== undefined && next === options.stopToken) break;
  }
  return generated;
}

function encodeDefault(model: Model, ids: number[]): Tensor {
  const ids32 = tensor(Int32Array.from(ids), [1, ids.length]);
  if (model.inputDtypes[0] === 'int32') return ids32;
  const vocabulary = model.inputShapes[0]?.[2];
  if (typeof vocabulary !== 'number')
    throw new ValueError(
      'generateSequence',
      'an Embedding model, a known one-hot input size, or an encode option',
      'neither',
    );
  return oneHot(ids32, vocabulary);
}

function lastStepScores(output: Tensor): Float64Array {
  const vocabulary = output.shape[output.rank - 1];
  const data = output.data;
  return Float64Array.from(data.subarray(data.length - vocabulary));
}

function looksLikeProbabilities(scores: ArrayLike<number>): boolean {
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] < 0 || scores[i] > 1) return false;
    total += scores[i];
  }
  return Math.abs(total - 1) < 1e-3;
}
