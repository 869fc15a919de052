import {
  allocate,
  checkTensor,
  isDetached,
  randomFor,
  ShapeError,
  Tensor,
  ValueError,
} from '@recur/tensor';
import { checkBoolean, checkNumber, checkOptions, describeValue } from '../internal/arguments.js';
import { rowSize } from '../internal/to-tensor.js';

/** Anything {@link trainTestSplit} can split along its first axis. */
export type Splittable =
  | Tensor
  | readonly unknown[]
  | Float32Array
  | Float64Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | Int8Array
  | Int16Array;

/** Options of {@link trainTestSplit} (scikit-learn's arguments, camelCased). */
export interface TrainTestSplitOptions {
  /**
   * The test part: a fraction in (0, 1) of the samples (rounded up) or a number of samples.
   * Default 0.25, or what `trainSize` leaves.
   */
  testSize?: number;
  /** The train part, as `testSize`. Default: what `testSize` leaves. */
  trainSize?: number;
  /**
   * Shuffle before splitting (default true, as scikit-learn). Use false for time series: the test
   * part is then the last samples, so no future leaks into training.
   */
  shuffle?: boolean;
  /** Seed for the shuffle. */
  seed?: number;
}

/** A part of a split array: a tensor stays a tensor, an array an array, a typed array its type. */
export type SplitPart<A> = A extends Tensor ? Tensor : A extends readonly (infer E)[] ? E[] : A;

/** The train and test parts, each in the order the arrays were given. */
export interface TrainTestSplit<T extends readonly Splittable[]> {
  train: { -readonly [K in keyof T]: SplitPart<T[K]> };
  test: { -readonly [K in keyof T]: SplitPart<T[K]> };
}

const op = 'trainTestSplit';

/**
 * Splits arrays, typed arrays or tensors (along the first axis) into train and test parts with the
 * same rows for every array, as scikit-learn's `train_test_split`: shuffled (seeded) by default,
 * or in order with `shuffle: false`, where the test part is the last samples, which is what a time
 * series needs. The shuffled order comes from the library's generator, not NumPy's.
 *
 * @example
 * ```ts
 * import { trainTestSplit } from '@recur/data';
 * const series = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
 * const ordered = trainTestSplit([series], { testSize: 0.2, shuffle: false });
 * const [past, future] = [ordered.train[0], ordered.test[0]];
 * // past: [1, ..., 8], future: [9, 10]
 * const { train: [xTrain, yTrain] } = trainTestSplit([series, series], { seed: 1 });
 * // 7 shuffled samples (ceil(0.25 * 10) = 3 go to the test part), the same rows in both
 * ```
 */
export function trainTestSplit<const T extends readonly Splittable[]>(
  arrays: T,
  options: TrainTestSplitOptions = {},
): TrainTestSplit<T> {
  if (!Array.isArray(arrays) || arrays.length === 0)
    throw new ValueError(op, 'a non-empty array of the arrays to split', describeValue(arrays));
  const o = checkOptions(op, 'options', options, ['testSize', 'trainSize', 'shuffle', 'seed']);
  const shuffle = checkBoolean(op, 'shuffle', o.shuffle, true);
  if (o.seed !== undefined) checkNumber(op, 'seed', o.seed);
  const lengths = arrays.map((array, i) => lengthOf(array, i));
  const count = lengths[0];
  lengths.forEach((length, i) => {
    if (length !== count)
      throw new ShapeError(
        op,
        `arrays with ${count} samples (as the first)`,
        `${length} samples in array ${i}`,
      );
  });
  const { trainCount, testCount } = partSizes(count, o);
  const order = Array.from({ length: count }, (_, i) => i);
  if (shuffle) randomFor(o.seed, op).shuffle(order);
  const trainRows = order.slice(0, trainCount);
  const testRows = order.slice(trainCount, trainCount + testCount);
  return {
    train: arrays.map((array) => pick(array, trainRows)) as TrainTestSplit<T>['train'],
    test: arrays.map((array) => pick(array, testRows)) as TrainTestSplit<T>['test'],
  };
}

function lengthOf(array: Splittable, index: number): number {
  if (array instanceof Tensor) {
    checkTensor(op, `arrays[${index}]`, array);
    if (array.rank === 0)
      throw new ShapeError(op, 'tensors with a first axis', `a scalar at array ${index}`);
    return array.shape[0];
  }
  if (Array.isArray(array)) return array.length;
  if (ArrayBuffer.isView(array) && !(array instanceof DataView) && !isDetached(array))
    return (array as ArrayLike<unknown>).length;
  throw new ValueError(
    op,
    'arrays to hold arrays, typed arrays (with live buffers) or tensors',
    `${describeValue(array)} at array ${index}`,
  );
}

// scikit-learn's rule: a fraction rounds the test part up and the train part down.
function partSizes(
  count: number,
  options: TrainTestSplitOptions,
): { trainCount: number; testCount: number } {
  const size = (value: number | undefined, name: string, roundUp: boolean): number | undefined => {
    if (value === undefined) return undefined;
    if (typeof value === 'number' && value > 0 && value < 1)
      return roundUp ? Math.ceil(value * count) : Math.floor(value * count);
    if (Number.isInteger(value) && value >= 1 && value <= count) return value;
    throw new ValueError(
      op,
      `${name} as a fraction in (0, 1) or a count in [1, ${count}]`,
      describeValue(value),
    );
  };
  let testCount = size(options.testSize, 'testSize', true);
  let trainCount = size(options.trainSize, 'trainSize', false);
  if (testCount === undefined && trainCount === undefined) testCount = Math.ceil(0.25 * count);
  testCount ??= count - trainCount!;
  trainCount ??= count - testCount;
  if (trainCount + testCount > count)
    throw new ValueError(
      op,
      `trainSize + testSize at most the ${count} samples`,
      `${trainCount} + ${testCount}`,
    );
  if (trainCount === 0 || testCount === 0)
    throw new ValueError(
      op,
      'sizes that leave at least one sample in each part',
      `${trainCount} train and ${testCount} test samples of ${count}`,
    );
  return { trainCount, testCount };
}

function pick(array: Splittable, rows: readonly number[]): Splittable {
  if (array instanceof Tensor) {
    const width = rowSize(array.shape);
    const out = allocate(array.dtype, rows.length * width);
    rows.forEach((row, i) => {
      out.set(array.data.subarray(row * width, (row + 1) * width), i * width);
    });
    return new Tensor(out, [rows.length, ...array.shape.slice(1)]);
  }
  if (Array.isArray(array)) return rows.map((row) => array[row]);
  const typed = array as Float64Array;
  const out = new (typed.constructor as new (length: number) => Float64Array)(rows.length);
  rows.forEach((row, i) => {
    out[i] = typed[row];
  });
  return out;
}
