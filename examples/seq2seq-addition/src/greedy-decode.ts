import { noGrad, type RecurrentState, type Tensor, tensor } from 'recurjs';
import type { EncoderDecoder } from './encoder-decoder.js';
import { vocabulary } from './vocabulary.js';

/**
 * Answers queries one character at a time, all rows at once: the encoder's final states start
 * the decoder, which is fed the start marker and then, at every step, its own most probable
 * character (greedy decoding) through the LSTM's streaming `step()`, so each step costs one
 * LSTM step whatever the length so far. Returns the answers' texts (up to the end marker).
 */
export function greedyDecode(parts: EncoderDecoder, queries: Tensor, maxSteps: number): string[] {
  const rows = queries.shape[0];
  return noGrad(() => {
    const [h, c] = parts.encoder.predict(queries) as Tensor[];
    let state: RecurrentState = { h, c };
    let previous = new Int32Array(rows).fill(vocabulary.start);
    const answers = Array.from({ length: rows }, () => [] as number[]);
    const finished = new Uint8Array(rows);
    for (let t = 0; t < maxSteps && finished.includes(0); t++) {
      const embedded = parts.decoderEmbedding.apply(
        tensor(previous, [rows, 1], { dtype: 'int32' }),
      ) as Tensor;
      const next = parts.decoder.step(embedded, state);
      state = next.state;
      const best = (parts.head.apply(next.output) as Tensor).argMax(-1).data;
      previous = Int32Array.from(best);
      for (let row = 0; row < rows; row++) {
        if (finished[row]) continue;
        if (best[row] === vocabulary.end) finished[row] = 1;
        else answers[row].push(best[row]);
      }
    }
    return answers.map((ids) => vocabulary.decode(ids));
  });
}
