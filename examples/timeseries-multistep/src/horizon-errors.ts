/** Root mean squared errors of a set of multi-step forecasts, per step ahead and pooled. */
export interface HorizonErrors {
  /** `byHorizon[h - 1]`: the RMSE of the forecasts made `h` steps ahead. */
  byHorizon: number[];
  /** The RMSE over the first quarter of the steps (the first 3 of 12). */
  firstQuarter: number;
  /** The RMSE over every step of every forecast. */
  overall: number;
}

/**
 * RMSE per horizon of forecasts `predicted[origin][h]` against `actual[origin][h]` (one row per
 * forecast origin, one column per step ahead), and pooled over the first quarter of the steps and
 * over all of them.
 */
export function horizonErrors(
  actual: readonly (readonly number[])[],
  predicted: readonly (readonly number[])[],
): HorizonErrors {
  const horizon = actual[0].length;
  const meanSquared = new Array<number>(horizon).fill(0);
  for (let origin = 0; origin < actual.length; origin++)
    for (let h = 0; h < horizon; h++)
      meanSquared[h] += (actual[origin][h] - predicted[origin][h]) ** 2 / actual.length;
  // Every horizon has the same number of forecasts, so pooling averages the mean squares.
  const pooled = (steps: number) =>
    Math.sqrt(meanSquared.slice(0, steps).reduce((sum, value) => sum + value, 0) / steps);
  return {
    byHorizon: meanSquared.map(Math.sqrt),
    firstQuarter: pooled(Math.max(1, Math.round(horizon / 4))),
    overall: pooled(horizon),
  };
}
