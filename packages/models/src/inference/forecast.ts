import { noGrad, type Tensor, tensor, ValueError } from '@recur/tensor';
import type { Model } from '../model.js';

export interface ForecastOptions {
  /** Input steps per prediction (default: the model's input length). */
  window?: number;
  /**
   * Builds the next input row from a prediction (for models that predict only some features, e.g.
   * the target without its calendar features). Default: the prediction is the whole row.
   */
  nextRow?: (prediction: number[], step: number, previousRow: number[]) => number[];
}

/**
 * Recursive multi-step forecast: predicts one step from the last `window` rows, appends the
 * prediction as the next row, and repeats `steps` times. `history` is `[time]` (univariate) or
 * `[time][features]`; the model maps `[1, window, features]` to one step.
 *
 * @example
 * ```ts
 * // const next24 = forecast(model, scaledSeries, 24); // 24 months ahead, one at a time
 * ```
 */
export function forecast(
  model: Model,
  history: readonly number[] | readonly (readonly number[])[] | Tensor,
  steps: number,
  options: ForecastOptions = {},
): number[][] {
  const rows: number[][] = Array.isArray(history)
    ? (history as (number | readonly number[])[]).map((row) =>
        typeof row === 'number' ? [row] : [...row],
      )
    : tensorRows(history as Tensor);
  if (rows.length === 0)
    throw new ValueError('forecast', 'a non-empty history', 'an empty history');
  const features = rows[0].length;
  const inputSteps = model.inputShapes[0]?.[1];
  const window = options.window ?? (typeof inputSteps === 'number' ? inputSteps : rows.length);
  if (rows.length < window)
    throw new ValueError(
      'forecast',
      `a history of at least ${window} steps (the window)`,
      `${rows.length}`,
    );
  const predictions: number[][] = [];
  noGrad(() => {
    for (let step = 0; step < steps; step++) {
      const context = rows.slice(rows.length - window);
      const input = tensor(context.flat(), [1, window, features]);
      const output = model.predictOnBatch(input);
      const prediction = Array.from((Array.isArray(output) ? output[0] : output).data);
      const next = options.nextRow
        ? options.nextRow(prediction, step, rows[rows.length - 1])
        : prediction;
      if (next.length !== features)
        throw new ValueError(
          'forecast',
          `a next row of ${features} features (use nextRow to build it)`,
          `${next.length}`,
        );
      predictions.push(prediction);
      rows.push(next);
    }
  });
  return predictions;
}

function tensorRows(history: Tensor): number[][] {
  const matrix = history.rank === 1 ? history.reshape([history.size, 1]) : history;
  if (matrix.rank !== 2)
    throw new ValueError(
      'forecast',
      'a history of shape [time] or [time, features]',
      `[${history.shape}]`,
    );
  const [time, features] = matrix.shape;
  return Array.from({ length: time }, (_, t) =>
    Array.from(matrix.data.subarray(t * features, (t + 1) * features)),
  );
}
