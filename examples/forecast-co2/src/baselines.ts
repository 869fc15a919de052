// The baselines the LSTM is measured against, on the same held-out months.

/** Seasonal naive: the value twelve months earlier. */
export function seasonalNaive(series: readonly number[], from: number): number[] {
  return series.slice(from).map((_, i) => series[from + i - 12]);
}

/**
 * Least squares on `[1, t, t^2, month one-hot (11)]` fitted to `series[0, from)`, evaluated at
 * every month from `from` on: a quadratic trend plus a fixed seasonal profile. Solved by the
 * normal equations in float64 (14 unknowns, well conditioned after scaling t to [0, 1]).
 */
export function trendAndSeasonality(
  series: readonly number[],
  from: number,
  months: readonly number[],
  total = series.length,
): number[] {
  const features = (t: number) => {
    const s = t / total;
    const row = [1, s, s * s];
    for (let m = 1; m < 12; m++) row.push(months[t] === m ? 1 : 0);
    return row;
  };
  const k = 14;
  const normal = Array.from({ length: k }, () => new Float64Array(k + 1));
  for (let t = 0; t < from; t++) {
    const row = features(t);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) normal[i][j] += row[i] * row[j];
      normal[i][k] += row[i] * series[t];
    }
  }
  // Gaussian elimination with partial pivoting.
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++)
      if (Math.abs(normal[r][c]) > Math.abs(normal[pivot][c])) pivot = r;
    [normal[c], normal[pivot]] = [normal[pivot], normal[c]];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const factor = normal[r][c] / normal[c][c];
      for (let j = c; j <= k; j++) normal[r][j] -= factor * normal[c][j];
    }
  }
  const coefficients = normal.map((row, i) => row[k] / row[i]);
  const predictions: number[] = [];
  for (let t = from; t < total; t++) {
    const row = features(t);
    predictions.push(row.reduce((sum, value, i) => sum + value * coefficients[i], 0));
  }
  return predictions;
}

export function rmse(actual: readonly number[], predicted: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += (actual[i] - predicted[i]) ** 2;
  return Math.sqrt(sum / actual.length);
}
