import {
  broadcastTo,
  formatShape,
  mean,
  mul,
  noGrad,
  ShapeError,
  type Tensor,
  tensor,
  ValueError,
} from '@recur/tensor';
import { broadcastsTo, squeezeOrExpandToSameRank } from '../align.js';
import { checkName, checkTensor, describeValue, optionalTensor } from '../validation.js';

/**
 * A running weighted mean, like `keras.metrics.Mean`: `result = total / count`, where each
 * update adds `sum(samplewise values * weight)` to the total and `sum(weight)` (or the batch size
 * without weights) to the count. Values of rank > 1 are first averaged per sample over their
 * trailing axes (Keras' `reduce_to_samplewise_values`), so per-timestep weights `[batch, T]` give
 * `sum(v * w) / sum(w)` over all timesteps. Accumulates in float64 JavaScript numbers.
 *
 * Models use it to track the loss across batches.
 *
 * @example
 * ```ts
 * import { Mean } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * const m = new Mean();
 * m.updateState(tensor([1, 3, 5, 7]), tensor([1, 1, 0, 0]));
 * m.result(); // 2
 * m.updateState(0.5, 4); // a scalar with a weight: e.g. a batch loss and the batch size
 * ```
 */
export class Mean {
  readonly className = 'Mean';
  name: string;
  private total = 0;
  private count = 0;

  constructor(name = 'mean') {
    this.name = checkName('Mean', 'name', name);
  }

  updateState(values: Tensor | number, sampleWeight?: Tensor | number | null): void {
    const op = 'Mean.updateState';
    if (typeof sampleWeight === 'number' || typeof values === 'number') {
      // A NaN or infinite number would poison the running total for good.
      if (typeof sampleWeight === 'number' && !Number.isFinite(sampleWeight))
        throw new ValueError(op, 'sampleWeight a finite number', describeValue(sampleWeight));
      if (typeof values === 'number' && !Number.isFinite(values))
        throw new ValueError(op, 'values a finite number', describeValue(values));
    }
    if (typeof values === 'number') {
      if (sampleWeight !== undefined && sampleWeight !== null && typeof sampleWeight !== 'number')
        throw new ValueError(
          op,
          'sampleWeight a number for a number value',
          describeValue(sampleWeight),
        );
      const weight = sampleWeight ?? 1;
      this.total += values * weight;
      this.count += weight;
      return;
    }
    checkTensor(op, 'values (a Tensor or a number)', values);
    if (typeof sampleWeight !== 'number') optionalTensor(op, 'sampleWeight', sampleWeight);
    const weight =
      typeof sampleWeight === 'number'
        ? tensor(sampleWeight, [], { dtype: values.dtype })
        : (sampleWeight ?? null);
    const reduced = reduceToSamplewiseValues(values, weight);
    this.total += sumOf(reduced.values);
    this.count +=
      reduced.weight !== null
        ? sumOf(reduced.weight)
        : reduced.values.rank >= 1
          ? reduced.values.shape[0]
          : 1;
  }

  /** `total / count`, or 0 before anything was counted (Keras' divide_no_nan). */
  result(): number {
    return this.count === 0 ? 0 : this.total / this.count;
  }

  resetState(): void {
    this.total = 0;
    this.count = 0;
  }
}

/**
 * Keras' `reduce_to_samplewise_values` with `mean`: values reduced to the weight's rank, weighted,
 * then averaged to one value per sample (the weight likewise).
 */
export function reduceToSamplewiseValues(
  values: Tensor,
  sampleWeight: Tensor | null,
): { values: Tensor; weight: Tensor | null } {
  return noGrad(() => {
    let weight = sampleWeight;
    if (weight !== null) {
      [values, weight] = squeezeOrExpandToSameRank(values, weight.cast(values.dtype));
      if (values.rank > weight.rank) values = mean(values, trailingAxes(weight.rank, values.rank));
      if (!broadcastsTo(weight.shape, values.shape))
        throw new ShapeError(
          'Mean.updateState',
          `sampleWeight that broadcasts to the per-sample values ${formatShape(values.shape)}`,
          formatShape(sampleWeight!.shape),
        );
      weight = broadcastTo(weight, values.shape);
      values = mul(values, weight);
      if (weight.rank > 1) weight = mean(weight, trailingAxes(1, weight.rank));
    }
    if (values.rank > 1) values = mean(values, trailingAxes(1, values.rank));
    return { values, weight };
  });
}

function trailingAxes(from: number, rank: number): number[] {
  return Array.from({ length: rank - from }, (_, i) => from + i);
}

function sumOf(x: Tensor): number {
  let total = 0;
  for (let i = 0; i < x.data.length; i++) total += x.data[i];
  return total;
}
