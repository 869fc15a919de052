import { broadcastTo, cast, div, mul, noGrad, sum, type Tensor, ValueError } from '@recur/tensor';
import { alignSampleWeight } from './align.js';
import {
  checkOptions,
  checkTensor,
  describeValue,
  optionalTensor,
  orDefault,
} from './validation.js';

/**
 * How {@link Loss.compute} turns per-sample values into the loss (Keras 3 names):
 *
 * - `'sum_over_batch_size'` (default) and `'mean'`: `sum(values * weight) / count(values)`. The
 *   divisor is the number of loss values, NOT the sum of the weights, so a weight of 0 lowers the
 *   mean (exactly Keras 3's `reduce_values`).
 * - `'sum'`: `sum(values * weight)`.
 * - `'mean_with_sample_weight'`: `sum(values * weight) / sum(weight)` (0 when the weights sum
 *   to 0).
 * - `'none'`: the weighted values, unreduced.
 */
export type Reduction = 'sum_over_batch_size' | 'sum' | 'none' | 'mean' | 'mean_with_sample_weight';

const REDUCTIONS: readonly Reduction[] = [
  'sum_over_batch_size',
  'sum',
  'none',
  'mean',
  'mean_with_sample_weight',
];

/** Throws unless `reduction` is one of the {@link Reduction} names. */
export function checkReduction(op: string, reduction: unknown): Reduction {
  if (!REDUCTIONS.includes(reduction as Reduction))
    throw new ValueError(
      op,
      `a reduction among ${REDUCTIONS.map((r) => `'${r}'`).join(', ')}`,
      describeValue(reduction),
    );
  return reduction as Reduction;
}

/** Inputs of {@link reduceWeightedValues}. */
export interface ReduceOptions {
  /** Per-sample (or per-timestep) weights; see {@link Loss.compute}. */
  sampleWeight?: Tensor | null;
  /** 1 where a value counts, 0 where it is padding (Keras' output mask), shaped like `values`. */
  mask?: Tensor | null;
  reduction?: Reduction;
}

/**
 * Keras 3's `reduce_weighted_values`: merges `mask` into the sample weights, multiplies, and
 * reduces. With a mask and `'sum_over_batch_size'`, valid entries get weight `total / valid`, so
 * the result is `sum(values * weight) / count(valid entries)`: padding does not dilute the mean.
 *
 * @example
 * ```ts
 * import { reduceWeightedValues } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * const values = tensor([1, 2, 3, 4]);
 * reduceWeightedValues(values, { sampleWeight: tensor([1, 1, 0, 0]) }).item(); // 0.75
 * reduceWeightedValues(values, { mask: tensor([1, 1, 0, 0]) }).item(); // 1.5
 * ```
 */
export function reduceWeightedValues(values: Tensor, options: ReduceOptions = {}): Tensor {
  const op = 'reduceWeightedValues';
  checkTensor(op, 'values', values);
  const given = checkOptions(op, options, ['sampleWeight', 'mask', 'reduction']);
  const reduction = checkReduction(op, orDefault(given.reduction, 'sum_over_batch_size'));
  let weight = optionalTensor(op, 'sampleWeight', given.sampleWeight);
  const mask = optionalTensor(op, 'mask', given.mask);
  if (mask) weight = mergeMask(weight, mask, values, reduction);
  if (weight !== null) {
    const aligned = alignSampleWeight('sampleWeight', weight, values);
    weight = aligned.weight;
    values = mul(aligned.values, weight);
  }
  return reduceValues(values, weight, reduction);
}

/** Keras' `apply_mask`: the mask becomes (part of) the sample weight. */
function mergeMask(
  weight: Tensor | null,
  mask: Tensor,
  values: Tensor,
  reduction: Reduction,
): Tensor {
  let scaled = cast(mask, values.dtype);
  if (reduction === 'mean' || reduction === 'sum_over_batch_size') {
    // Valid entries get total / valid (0 when nothing is valid: Keras' divide_no_nan), so the
    // later division by the number of entries becomes a division by the number of valid ones.
    const valid = noGrad(() => sum(scaled).item());
    scaled = mul(scaled, valid === 0 ? 0 : scaled.size / valid);
  }
  if (weight === null) return scaled;
  const aligned = alignSampleWeight('sampleWeight', weight, scaled);
  return mul(aligned.weight, aligned.values);
}

function reduceValues(values: Tensor, weight: Tensor | null, reduction: Reduction): Tensor {
  if (reduction === 'none' || values.rank === 0 || (values.rank === 1 && values.shape[0] === 0))
    return values;
  const total = sum(values);
  if (reduction === 'sum') return total;
  let divisor = values.size;
  if (reduction === 'mean_with_sample_weight' && weight !== null) {
    // The weights as broadcast against the values: for same-shape weights this is Keras'
    // sum(sample_weight); for [batch] weights on [batch, T] values each one counts T times.
    divisor = noGrad(() => sum(broadcastTo(weight, values.shape)).item());
  }
  return divisor === 0 ? mul(total, 0) : div(total, divisor);
}
