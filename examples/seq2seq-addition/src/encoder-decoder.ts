import { Dense, Embedding, input, LSTM, Model, type SymbolicTensor } from 'recurjs';
import { answerSteps, queryLength } from './encode-problems.js';
import { vocabulary } from './vocabulary.js';

export interface EncoderDecoderOptions {
  digits: number;
  /** LSTM units of the encoder and of the decoder (the states pass from one to the other). */
  units: number;
  /** Embedding width of the characters. */
  embeddingDim?: number;
}

/** The trained model and the pieces greedy decoding runs one step at a time. */
export interface EncoderDecoder {
  /** `[queries, decoderInputs] -> P(next character)` `[n, steps, vocabulary]`, for training. */
  model: Model;
  /** `queries -> [h, c]`: the encoder's final states (the same layers as `model`). */
  encoder: Model;
  decoderEmbedding: Embedding;
  decoder: LSTM;
  /** Dense softmax over the vocabulary, applied at every decoder step. */
  head: Dense;
}

/**
 * The encoder-decoder of Sutskever et al. (2014), built with the functional API. The encoder
 * LSTM reads the query and keeps only its final states `[h, c]` (`returnState`); they are the
 * decoder LSTM's `initialState`, the one channel through which the query reaches the answer.
 * The decoder reads the answer so far and predicts the next character at every step.
 */
export function buildEncoderDecoder(options: EncoderDecoderOptions): EncoderDecoder {
  const embeddingDim = options.embeddingDim ?? 16;
  const queries = input({ shape: [queryLength(options.digits)], dtype: 'int32', name: 'query' });
  const answerSoFar = input({
    shape: [answerSteps(options.digits)],
    dtype: 'int32',
    name: 'answer_so_far',
  });

  const queryEmbedding = new Embedding({
    inputDim: vocabulary.size,
    outputDim: embeddingDim,
    name: 'query_embedding',
  });
  const encoderLstm = new LSTM({ units: options.units, returnState: true, name: 'encoder' });
  const [, h, c] = encoderLstm.apply(
    queryEmbedding.apply(queries) as SymbolicTensor,
  ) as SymbolicTensor[];

  const decoderEmbedding = new Embedding({
    inputDim: vocabulary.size,
    outputDim: embeddingDim,
    maskZero: true,
    name: 'answer_embedding',
  });
  const decoder = new LSTM({ units: options.units, returnSequences: true, name: 'decoder' });
  const head = new Dense({ units: vocabulary.size, activation: 'softmax', name: 'next_character' });
  const decoded = decoder.apply(decoderEmbedding.apply(answerSoFar) as SymbolicTensor, {
    initialState: [h, c],
  }) as SymbolicTensor;
  const probabilities = head.apply(decoded) as SymbolicTensor;

  return {
    model: new Model({ inputs: [queries, answerSoFar], outputs: probabilities, name: 'seq2seq' }),
    encoder: new Model({ inputs: queries, outputs: [h, c], name: 'encoder' }),
    decoderEmbedding,
    decoder,
    head,
  };
}
