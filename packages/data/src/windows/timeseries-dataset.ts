import {
  allocate,
  checkAllocation,
  formatShape,
  randomFor,
  ShapeError,
  Tensor,
  ValueError,
} from '@recur/tensor';
import { type Example, Dataset } from '../dataset/dataset.js';
import { checkBoolean, checkInteger, checkNumber, checkOptions } from '../internal/arguments.js';
import { rowSize, type TensorInput, toTensor } from '../internal/to-tensor.js';

/** Options of {@link timeseriesDataset} (Keras' arguments, camelCased, with its defaults). */
export interface TimeseriesDatasetOptions {
  /** Timesteps per window. */
  sequenceLength: number;
  /** Period between the starts of successive windows (default 1). */
  sequenceStride?: number;
  /** Period between successive timesteps inside a window (default 1). */
  samplingRate?: number;
  /** Windows per batch (default 128); null yields single windows. */
  batchSize?: number | null;
  /** Draw windows in random order rather than chronologically (default false). */
  shuffle?: boolean;
  /** Seed for the shuffle. */
  seed?: number;
  /** Timesteps before this index are not used (default 0). */
  startIndex?: number;
  /** Timesteps from this index on are not used (default: the data length). */
  endIndex?: number;
}

const op = 'timeseriesDataset';

/**
 * Sliding windows over a time series, as Keras' `timeseries_dataset_from_array`: the window with
 * relative start `p` (p = 0, sequenceStride, 2 * sequenceStride, ...) holds the timesteps
 * `startIndex + p + k * samplingRate` for k < sequenceLength, and windows are made while the last
 * timestep stays before `endIndex`. The target of a window is `targets[startIndex + p]`: the target
 * of the window that *starts* at that index (so for next-step prediction pass `data.slice(0, -n)`
 * and `targets = data.slice(n)`). With targets the dataset yields `{ x, y }`, without (null) `{ x }`
 * ({@link Example}); `x` is `[batch, sequenceLength, ...features]` and `y` is
 * `[batch, ...targetShape]`. A series too short for one window gives an empty dataset.
 *
 * Arrays become float32 tensors (an Int32Array stays int32); tensors keep their dtype. With
 * `shuffle`, every pass draws a new order of the windows (reproducible with `seed`); the orders are
 * not NumPy's, so they differ from Keras' for the same seed. Unlike Keras, `endIndex` may equal the
 * data length, and strides or rates at least as long as the data give at most one window rather
 * than an error; targets shorter than `startIndex` plus the windows limit the number of windows
 * (Keras fails while iterating).
 *
 * @example
 * ```ts
 * import { timeseriesDataset } from '@recur/data';
 * import type { Tensor } from '@recur/tensor';
 * const series = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
 * // Three steps in, the next step out.
 * const data = timeseriesDataset(series.slice(0, -3), series.slice(3), {
 *   sequenceLength: 3,
 *   batchSize: 2,
 * });
 * const [first] = await data.toArray();
 * (first.x as Tensor).toArray(); // [[0, 1, 2], [1, 2, 3]]
 * (first.y as Tensor).toArray(); // [3, 4]
 * ```
 */
export function timeseriesDataset(
  data: TensorInput,
  targets: TensorInput | null,
  options: TimeseriesDatasetOptions,
): Dataset<Example> {
  const series = toTensor(op, 'data', data);
  if (series.rank < 1)
    throw new ShapeError(
      op,
      'data with a time axis (rank >= 1)',
      `shape ${formatShape(series.shape)}`,
    );
  const length = series.shape[0];
  const o = checkOptions(
    op,
    'options',
    options,
    [
      'sequenceLength',
      'sequenceStride',
      'samplingRate',
      'batchSize',
      'shuffle',
      'seed',
      'startIndex',
      'endIndex',
    ],
    ['batchSize'],
  );
  const sequenceLength = checkInteger(op, 'sequenceLength', o.sequenceLength, 1);
  const sequenceStride = checkInteger(op, 'sequenceStride', o.sequenceStride ?? 1, 1);
  const samplingRate = checkInteger(op, 'samplingRate', o.samplingRate ?? 1, 1);
  const batchSize =
    o.batchSize === null ? null : checkInteger(op, 'batchSize', o.batchSize ?? 128, 1);
  const shuffle = checkBoolean(op, 'shuffle', o.shuffle, false);
  if (o.seed !== undefined) checkNumber(op, 'seed', o.seed);
  const startIndex = checkInteger(op, 'startIndex', o.startIndex ?? 0, 0);
  if (startIndex > 0 && startIndex >= length)
    throw new ValueError(
      op,
      `startIndex lower than the data length (${length})`,
      String(startIndex),
    );
  let endIndex = length;
  if (o.endIndex !== undefined) {
    endIndex = checkInteger(op, 'endIndex', o.endIndex, 1);
    if (endIndex <= startIndex || endIndex > length)
      throw new ValueError(
        op,
        `endIndex in (startIndex, data length] = (${startIndex}, ${length}]`,
        String(endIndex),
      );
  }
  const labels = targets === null ? null : toTensor(op, 'targets', targets);
  if (labels !== null && labels.rank < 1)
    throw new ShapeError(
      op,
      'targets with a time axis (rank >= 1)',
      `shape ${formatShape(labels.shape)}`,
    );

  // The last window starts at the last p with p + (sequenceLength - 1) * samplingRate inside
  // [startIndex, endIndex); each window also needs its target.
  let windowCount = endIndex - startIndex - (sequenceLength - 1) * samplingRate;
  if (labels !== null) windowCount = Math.min(windowCount, labels.shape[0] - startIndex);
  const starts: number[] = [];
  for (let p = 0; p < windowCount; p += sequenceStride) starts.push(startIndex + p);

  const random = shuffle ? randomFor(o.seed, op) : null;
  const step = batchSize ?? 1;
  // The largest batch is allocated while iterating; a size beyond the limit is refused here.
  if (starts.length > 0)
    checkAllocation(
      op,
      'batchSize and sequenceLength',
      [Math.min(step, starts.length), sequenceLength, ...series.shape.slice(1)],
      series.dtype,
    );
  const size = batchSize === null ? starts.length : Math.ceil(starts.length / batchSize);
  return Dataset.fromGenerator(
    function* () {
      const order = Int32Array.from(starts);
      random?.shuffle(order);
      for (let first = 0; first < order.length; first += step) {
        const batch = order.subarray(first, first + step);
        const x = gatherWindows(series, batch, sequenceLength, samplingRate);
        const example: Example = { x: batchSize === null ? squeezeFirst(x) : x };
        if (labels !== null) {
          const y = gatherRows(labels, batch);
          example.y = batchSize === null ? squeezeFirst(y) : y;
        }
        yield example;
      }
    },
    { size },
  );
}

// [windows, sequenceLength, ...features]: timestep k of window w is row start_w + k * samplingRate.
function gatherWindows(series: Tensor, starts: Int32Array, length: number, rate: number): Tensor {
  const width = rowSize(series.shape);
  const out = allocate(series.dtype, starts.length * length * width);
  for (let w = 0; w < starts.length; w++)
    for (let k = 0; k < length; k++) {
      const row = starts[w] + k * rate;
      out.set(series.data.subarray(row * width, (row + 1) * width), (w * length + k) * width);
    }
  return new Tensor(out, [starts.length, length, ...series.shape.slice(1)]);
}

function gatherRows(source: Tensor, rows: Int32Array): Tensor {
  const width = rowSize(source.shape);
  const out = allocate(source.dtype, rows.length * width);
  rows.forEach((row, i) => {
    out.set(source.data.subarray(row * width, (row + 1) * width), i * width);
  });
  return new Tensor(out, [rows.length, ...source.shape.slice(1)]);
}

function squeezeFirst(t: Tensor): Tensor {
  return new Tensor(t.data, t.shape.slice(1));
}
