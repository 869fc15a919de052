// The forecasts that need no training, on the same held-out forecast origins as the models.

/**
 * Seasonal naive: every month of the coming year is predicted to equal the same month a year
 * earlier, `level[origin + h - 12]` for `h = 1..horizon` (at most 12, so it is always observed).
 * It ignores the trend, so it lags the rising series by about one year's growth.
 */
export function seasonalNaive(level: readonly number[], origin: number, horizon: number): number[] {
  return Array.from({ length: horizon }, (_, h) => level[origin + h + 1 - 12]);
}

/**
 * Seasonal naive with drift: last year's pattern shifted up by the recent annual growth, measured
 * as the mean of the last 12 months minus the mean of the 12 before (two yearly means, so the
 * seasonal cycle and most of the month-to-month noise cancel). Uses the same 24 months a model
 * window sees.
 */
export function seasonalNaiveWithDrift(
  level: readonly number[],
  origin: number,
  horizon: number,
): number[] {
  const yearMean = (end: number) => {
    let sum = 0;
    for (let t = end - 11; t <= end; t++) sum += level[t];
    return sum / 12;
  };
  const growth = yearMean(origin) - yearMean(origin - 12);
  return seasonalNaive(level, origin, horizon).map((value) => value + growth);
}
