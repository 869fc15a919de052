// Count-based baselines the LSTM is measured against, on the same held-out characters.

/**
 * Cross-entropy in bits per character of an order-`order` character n-gram model (order 1: the
 * character frequencies alone; order 3: the next character given the previous two) fitted by
 * counting `train` and scored on `test`. Add-`alpha` smoothing over `vocabularySize` characters
 * keeps unseen continuations possible:
 * `p(c | context) = (count(context, c) + alpha) / (count(context) + alpha * vocabularySize)`.
 * The first `order - 1` test characters have no full context and are not scored.
 */
export function ngramBitsPerCharacter(
  train: Int32Array,
  test: Int32Array,
  order: number,
  vocabularySize: number,
  alpha = 0.1,
): number {
  // A context of order - 1 ids, as a base-vocabularySize number (fits: 66^2 is small).
  const contextKey = (ids: Int32Array, end: number) => {
    let key = 0;
    for (let i = end - order + 1; i < end; i++) key = key * vocabularySize + ids[i];
    return key;
  };
  const pairCounts = new Map<number, number>();
  const contextCounts = new Map<number, number>();
  for (let t = order - 1; t < train.length; t++) {
    const context = contextKey(train, t);
    const pair = context * vocabularySize + train[t];
    pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + 1);
    contextCounts.set(context, (contextCounts.get(context) ?? 0) + 1);
  }
  let bits = 0;
  for (let t = order - 1; t < test.length; t++) {
    const context = contextKey(test, t);
    const pair = pairCounts.get(context * vocabularySize + test[t]) ?? 0;
    const total = contextCounts.get(context) ?? 0;
    bits -= Math.log2((pair + alpha) / (total + alpha * vocabularySize));
  }
  return bits / (test.length - order + 1);
}
