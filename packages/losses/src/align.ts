import {
  cast,
  DTypeError,
  expandDims,
  formatShape,
  reshape,
  ShapeError,
  squeeze,
  type Tensor,
  ValueError,
} from '@recur/tensor';
import { checkTensor, describeValue } from './validation.js';

/**
 * Keras' `squeeze_or_expand_to_same_rank`: when the ranks differ by exactly one and the longer
 * tensor ends in a length-1 axis, that axis is squeezed away (or, when the shorter one has rank 1,
 * the shorter one gets a trailing axis instead). Anything else is returned unchanged.
 *
 * @example
 * ```ts
 * import { squeezeOrExpandToSameRank } from '@recur/losses';
 * import { zeros } from '@recur/tensor';
 * const [a, b] = squeezeOrExpandToSameRank(zeros([4, 1]), zeros([4]));
 * console.log(a.shape, b.shape); // [4, 1] [4, 1]
 * ```
 */
export function squeezeOrExpandToSameRank(
  first: Tensor,
  second: Tensor,
  expandRank1 = true,
): [Tensor, Tensor] {
  const firstRank = first.rank;
  const secondRank = second.rank;
  if (firstRank === secondRank) return [first, second];
  if (firstRank === secondRank + 1 && first.shape[firstRank - 1] === 1) {
    if (secondRank === 1 && expandRank1) second = expandDims(second, -1);
    else first = squeeze(first, -1);
  }
  if (secondRank === firstRank + 1 && second.shape[secondRank - 1] === 1) {
    if (firstRank === 1 && expandRank1) first = expandDims(first, -1);
    else second = squeeze(second, -1);
  }
  return [first, second];
}

/**
 * Throws unless `yTrue` and `yPred` are tensors and `yPred` holds floats (predictions carry
 * gradients).
 *
 * @example
 * ```ts
 * import { checkTargetsAndPredictions } from './align.js';
 * import { zeros } from '@recur/tensor';
 * checkTargetsAndPredictions('meanSquaredError', zeros([2, 1]), zeros([2, 1]));
 * ```
 */
export function checkTargetsAndPredictions(op: string, yTrue: unknown, yPred: unknown): void {
  checkTensor(op, 'yTrue', yTrue);
  if (checkTensor(op, 'yPred', yPred).dtype === 'int32')
    throw new DTypeError(op, 'yPred float32 or float64 predictions', 'int32 predictions');
}

/**
 * `yTrue` and `yPred` for an element-wise loss or metric: targets cast to the predictions' dtype,
 * ranks aligned the Keras way, then the shapes must agree. (Keras would broadcast mismatched
 * shapes; a silent broadcast of `[batch]` targets against `[batch, units]` predictions is a
 * classic bug, so it is an error here.)
 */
export function alignTargets(op: string, yTrue: Tensor, yPred: Tensor): [Tensor, Tensor] {
  checkTargetsAndPredictions(op, yTrue, yPred);
  if (yPred.rank < 1) throw new ShapeError(op, 'yPred of rank >= 1 (a batch axis)', 'a scalar');
  const [target, prediction] = squeezeOrExpandToSameRank(cast(yTrue, yPred.dtype), yPred);
  if (!sameShape(target.shape, prediction.shape)) {
    throw new ShapeError(
      op,
      `yTrue of the same shape as yPred ${formatShape(yPred.shape)}`,
      formatShape(yTrue.shape),
    );
  }
  return [target, prediction];
}

/**
 * The shape of integer labels for predictions `[...batch, classes]`: Keras accepts `[...batch]`
 * or `[...batch, 1]` (the trailing 1 is squeezed away).
 */
export function sparseLabelShape(op: string, yTrue: Tensor, yPred: Tensor): number[] {
  checkTargetsAndPredictions(op, yTrue, yPred);
  if (yPred.rank < 1) throw new ShapeError(op, 'yPred of shape [...batch, classes]', 'a scalar');
  const expected = yPred.shape.slice(0, -1);
  let labels = [...yTrue.shape];
  if (yTrue.rank === yPred.rank && labels[labels.length - 1] === 1) labels = labels.slice(0, -1);
  if (!sameShape(labels, expected)) {
    throw new ShapeError(
      op,
      `yTrue integer labels of shape ${formatShape(expected)} or ${formatShape([...expected, 1])} for predictions of shape ${formatShape(yPred.shape)}`,
      formatShape(yTrue.shape),
    );
  }
  return labels;
}

/**
 * A sample weight made to broadcast against `values` (Keras aligns ranks first). Beyond Keras, a
 * weight whose shape is a leading part of the values' shape gets trailing length-1 axes, so
 * per-sample weights `[batch]` apply to every timestep of per-timestep values `[batch, T]`
 * (Keras 3 would broadcast them against the *last* axis instead).
 */
export function alignSampleWeight(
  op: string,
  weight: Tensor,
  values: Tensor,
): { weight: Tensor; values: Tensor } {
  checkTensor(op, 'sampleWeight', weight);
  let [alignedValues, alignedWeight] = squeezeOrExpandToSameRank(
    values,
    cast(weight, values.dtype),
  );
  const rank = alignedValues.rank;
  if (
    alignedWeight.rank < rank &&
    sameShape(alignedWeight.shape, alignedValues.shape.slice(0, alignedWeight.rank))
  ) {
    alignedWeight = reshape(alignedWeight, [
      ...alignedWeight.shape,
      ...new Array<number>(rank - alignedWeight.rank).fill(1),
    ]);
  }
  if (!broadcastsTo(alignedWeight.shape, alignedValues.shape)) {
    throw new ShapeError(
      op,
      `a sample weight of shape ${formatShape(values.shape)}, a leading part of it, or one that broadcasts to it`,
      formatShape(weight.shape),
    );
  }
  return { weight: alignedWeight, values: alignedValues };
}

/** Whether `from` broadcasts to exactly `to` (NumPy rules, `to` unchanged). */
export function broadcastsTo(from: readonly number[], to: readonly number[]): boolean {
  if (from.length > to.length) return false;
  const offset = to.length - from.length;
  return from.every((d, i) => d === 1 || d === to[i + offset]);
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Throws unless the label at flat `position` is an integer and, when `classes` is given, a class
 * in `[0, classes)` (checked above the backends, once per label: a NaN or 1.5 label would
 * otherwise read or match some class silently).
 *
 * @example
 * ```ts
 * import { checkLabel } from './align.js';
 * checkLabel('sparseCategoricalCrossentropy', 2, 0, 3); // fine
 * ```
 */
export function checkLabel(
  op: string,
  label: number,
  position: number,
  classes: number | null,
  ignoreClass: number | null = null,
): void {
  if (!Number.isInteger(label) || (classes !== null && (label < 0 || label >= classes)))
    throw new ValueError(
      op,
      `yTrue integer labels${classes === null ? '' : ` in [0, ${classes})`}${ignoreClass === null ? '' : ` or ignoreClass ${ignoreClass}`}`,
      `${describeValue(label)} at flat position ${position}`,
    );
}

/** A possibly negative axis resolved against `rank` (ValueError when out of range). */
export function resolveAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank)
    throw new ValueError(op, `axis in [${-rank}, ${rank - 1}]`, describeValue(axis));
  return axis < 0 ? axis + rank : axis;
}
