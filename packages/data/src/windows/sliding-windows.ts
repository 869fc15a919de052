import {
  allocate,
  checkAllocation,
  formatShape,
  ShapeError,
  Tensor,
  ValueError,
} from '@recur/tensor';
import { checkInteger, checkOptions, describeValue } from '../internal/arguments.js';
import { type TensorInput, toTensor } from '../internal/to-tensor.js';

/** Options of {@link slidingWindows}. */
export interface SlidingWindowsOptions {
  /** Past timesteps per input window (n in X_t = f(X_{t-1}, ..., X_{t-n})). */
  window: number;
  /** Future timesteps to predict after each window (default 1). */
  horizon?: number;
  /** Period between the starts of successive windows (default 1). */
  stride?: number;
  /** Feature columns to predict, by position (default: every column). */
  targetColumns?: readonly number[];
}

/** Inputs and targets made by {@link slidingWindows}. */
export interface Windows {
  /** `[n, window, features]`. */
  x: Tensor;
  /** `[n, targets]` when horizon is 1, else `[n, horizon, targets]`. */
  y: Tensor;
}

const op = 'slidingWindows';

/**
 * Turns a series into supervised pairs for multi-step, multivariate forecasting: window i covers
 * timesteps `[i * stride, i * stride + window)` and its targets are the `horizon` timesteps right
 * after it, restricted to `targetColumns`. The series is `[time]` (one feature) or
 * `[time, features]`; there are `floor((time - window - horizon) / stride) + 1` windows, none when
 * the series is shorter than `window + horizon`.
 *
 * With `horizon` 1 the horizon axis is dropped, so `y` is `[n, targets]` and matches a
 * `Dense(targets)` head directly; with a longer horizon `y` is `[n, horizon, targets]` (reshape to
 * `[n, horizon * targets]` for a Dense head, or use a sequence output). Arrays become float32
 * tensors; a tensor keeps its dtype.
 *
 * @example
 * ```ts
 * import { slidingWindows } from '@recur/data';
 * const { x, y } = slidingWindows([1, 2, 3, 4, 5, 6], { window: 3 });
 * x.shape; // [3, 3, 1]: [1, 2, 3], [2, 3, 4], [3, 4, 5]
 * y.toArray(); // [[4], [5], [6]]
 * ```
 */
export function slidingWindows(series: TensorInput, options: SlidingWindowsOptions): Windows {
  const values = toTensor(op, 'series', series);
  if (values.rank !== 1 && values.rank !== 2)
    throw new ShapeError(
      op,
      'a series of shape [time] or [time, features]',
      `shape ${formatShape(values.shape)}`,
    );
  const o = checkOptions(op, 'options', options, ['window', 'horizon', 'stride', 'targetColumns']);
  const window = checkInteger(op, 'window', o.window, 1);
  const horizon = checkInteger(op, 'horizon', o.horizon ?? 1, 1);
  const stride = checkInteger(op, 'stride', o.stride ?? 1, 1);
  const time = values.shape[0];
  const features = values.rank === 2 ? values.shape[1] : 1;
  const targetColumns = o.targetColumns ?? Array.from({ length: features }, (_, j) => j);
  if (!Array.isArray(targetColumns) || targetColumns.length === 0)
    throw new ValueError(
      op,
      'targetColumns to be a non-empty array of column positions',
      describeValue(targetColumns),
    );
  for (const column of targetColumns)
    if (!Number.isInteger(column) || column < 0 || column >= features)
      throw new ValueError(op, `targetColumns in [0, ${features})`, describeValue(column));

  const count = time >= window + horizon ? Math.floor((time - window - horizon) / stride) + 1 : 0;
  const targets = targetColumns.length;
  const x = allocate(
    values.dtype,
    checkAllocation(op, 'window', [count, window, features], values.dtype),
  );
  const y = allocate(
    values.dtype,
    checkAllocation(op, 'horizon', [count, horizon, targets], values.dtype),
  );
  for (let i = 0; i < count; i++) {
    const start = i * stride;
    x.set(
      values.data.subarray(start * features, (start + window) * features),
      i * window * features,
    );
    for (let h = 0; h < horizon; h++) {
      const row = start + window + h;
      for (let c = 0; c < targets; c++)
        y[(i * horizon + h) * targets + c] = values.data[row * features + targetColumns[c]];
    }
  }
  return {
    x: new Tensor(x, [count, window, features]),
    y: new Tensor(y, horizon === 1 ? [count, targets] : [count, horizon, targets]),
  };
}
