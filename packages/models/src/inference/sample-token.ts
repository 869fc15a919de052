import { type Random, ValueError } from '@recur/tensor';

export interface SamplingOptions {
  /** Softmax temperature: < 1 sharper, > 1 flatter; 0 takes the most likely token (greedy). Default 1. */
  temperature?: number;
  /** Keep only the k most likely tokens. */
  topK?: number;
  /** Keep the smallest set of most likely tokens whose probability reaches p (nucleus sampling). */
  topP?: number;
  /** The scores are logits (default) or probabilities. */
  fromLogits?: boolean;
}

/**
 * Draws a token index from one row of scores with temperature, top-k and top-p filtering.
 *
 * @example
 * ```ts
 * import { sampleToken } from '@recur/models';
 * import { Random } from '@recur/tensor';
 * sampleToken([2.0, 1.0, 0.1], new Random(1), { temperature: 0.7, topK: 2 });
 * ```
 */
export function sampleToken(
  scores: ArrayLike<number>,
  random: Random,
  options: SamplingOptions = {},
): number {
  const { temperature = 1, topK, topP, fromLogits = true } = options;
  if (!(temperature >= 0))
    throw new ValueError('sampleToken', 'temperature >= 0', String(temperature));
  if (topK !== undefined && (!Number.isInteger(topK) || topK < 1))
    throw new ValueError('sampleToken', 'topK a positive integer', String(topK));
  if (topP !== undefined && !(topP > 0 && topP <= 1))
    throw new ValueError('sampleToken', 'topP in (0, 1]', String(topP));
  const n = scores.length;
  const logits = new Float64Array(n);
  for (let i = 0; i < n; i++)
    logits[i] = fromLogits ? scores[i] : Math.log(Math.max(scores[i], 1e-30));
  if (temperature === 0) {
    let best = 0;
    for (let i = 1; i < n; i++) if (logits[i] > logits[best]) best = i;
    return best;
  }
  // Softmax of logits / temperature, shifted by the maximum.
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[i] / temperature);
  const probabilities = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    probabilities[i] = Math.exp(logits[i] / temperature - max);
    total += probabilities[i];
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => probabilities[b] - probabilities[a],
  );
  let keep = topK === undefined ? n : Math.min(topK, n);
  if (topP !== undefined) {
    let mass = 0;
    for (let rank = 0; rank < keep; rank++) {
      mass += probabilities[order[rank]] / total;
      if (mass >= topP) {
        keep = rank + 1;
        break;
      }
    }
  }
  let kept = 0;
  for (let rank = 0; rank < keep; rank++) kept += probabilities[order[rank]];
  let threshold = random.uniform() * kept;
  for (let rank = 0; rank < keep; rank++) {
    threshold -= probabilities[order[rank]];
    if (threshold <= 0) return order[rank];
  }
  return order[keep - 1];
}
