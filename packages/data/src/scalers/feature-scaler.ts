import { allocate, formatShape, ShapeError, Tensor, ValueError } from '@recur/tensor';
import { describeValue } from '../internal/arguments.js';
import { parseJSON } from '../internal/parse-json.js';
import { type TensorInput, toTensor } from '../internal/to-tensor.js';

/** A scaler as JSON data: its class, its settings and what it learned (null if unfitted). */
export interface ScalerJSON {
  className: string;
  config: Record<string, unknown>;
  state: Record<string, number[] | number> | null;
}

/**
 * What the scalers share: statistics per feature, where features are the last axis (a rank-1
 * input is one feature over time), `fit` / `transform` / `fitTransform` / `inverseTransform`, and
 * JSON round trips. Fitting rejects NaN and infinite values (naming the first one found); transforms
 * let them through. Outputs are float32 (float64 for a float64 tensor). Statistics are computed in
 * float64.
 *
 * @example
 * ```ts
 * import { type FeatureScaler, StandardScaler } from '@recur/data';
 * const scaler: FeatureScaler = new StandardScaler();
 * scaler.fitTransform([[1, 10], [3, 30]]).toArray(); // [[-1, -1], [1, 1]]
 * ```
 */
export abstract class FeatureScaler {
  /** The number of features seen by `fit` (null before). */
  featureCount: number | null = null;
  /** The number of samples (rows) seen by `fit` (null before). */
  samplesSeen: number | null = null;

  /** The class name written by `toJSON`. */
  protected abstract readonly className: string;
  /** The statistics `state()` writes, each one number per feature (checked by `fromJSON`). */
  protected abstract readonly stateKeys: readonly string[];
  /** Learns the statistics from one Float64Array per feature (all finite, at least one row). */
  protected abstract fitColumns(columns: Float64Array[]): void;
  /** Scales one value of feature `feature`. */
  protected abstract forward(value: number, feature: number): number;
  /** Undoes `forward`. */
  protected abstract backward(value: number, feature: number): number;
  /** The constructor settings. */
  protected abstract config(): Record<string, unknown>;
  /** The learned statistics. */
  protected abstract state(): Record<string, number[]>;
  /** Restores the learned statistics. */
  protected abstract restore(state: Record<string, number[]>): void;

  /** Learns the per-feature statistics of `x`. */
  fit(x: TensorInput): this {
    const method = `${this.className}.fit`;
    const input = toTensor(method, 'x', x);
    const features = featuresOf(method, input);
    const rows = features === 0 ? 0 : input.size / features;
    if (rows === 0)
      throw new ValueError(method, 'at least one sample', `shape ${formatShape(input.shape)}`);
    const columns = Array.from({ length: features }, () => new Float64Array(rows));
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < features; j++) {
        const value = input.data[i * features + j];
        if (!Number.isFinite(value))
          throw new ValueError(
            method,
            'finite values (drop or fill missing values before fitting)',
            `${value} at sample ${i}, feature ${j}`,
          );
        columns[j][i] = value;
      }
    this.fitColumns(columns);
    this.featureCount = features;
    this.samplesSeen = rows;
    return this;
  }

  /** Scales `x` with the fitted statistics (same shape). */
  transform(x: TensorInput): Tensor {
    return this.apply(`${this.className}.transform`, x, (value, j) => this.forward(value, j));
  }

  /** `fit(x)` then `transform(x)`. */
  fitTransform(x: TensorInput): Tensor {
    return this.fit(x).transform(x);
  }

  /** Maps scaled values back to the original units (same shape). */
  inverseTransform(x: TensorInput): Tensor {
    return this.apply(`${this.className}.inverseTransform`, x, (value, j) =>
      this.backward(value, j),
    );
  }

  /** The class, settings and fitted statistics as plain JSON data. */
  toJSON(): ScalerJSON {
    return {
      className: this.className,
      config: this.config(),
      state:
        this.featureCount === null
          ? null
          : {
              ...this.state(),
              featureCount: this.featureCount,
              samplesSeen: this.samplesSeen ?? 0,
            },
    };
  }

  /** @internal Restores what `toJSON` wrote (used by the subclasses' `fromJSON`). */
  protected load(json: ScalerJSON): this {
    if (json.state === null) return this;
    const op = `${this.className}.fromJSON`;
    if (typeof json.state !== 'object')
      throw new ValueError(op, 'json.state to be an object or null', describeValue(json.state));
    const { featureCount, samplesSeen, ...arrays } = json.state;
    if (
      !Number.isSafeInteger(featureCount) ||
      (featureCount as number) < 1 ||
      !Number.isSafeInteger(samplesSeen) ||
      (samplesSeen as number) < 1
    )
      throw new ValueError(
        op,
        'json.state with positive integers featureCount and samplesSeen',
        `featureCount ${describeValue(featureCount)}, samplesSeen ${describeValue(samplesSeen)}`,
      );
    for (const key of this.stateKeys) {
      const values = arrays[key];
      if (
        !Array.isArray(values) ||
        values.length !== featureCount ||
        values.some((v) => !Number.isFinite(v))
      )
        throw new ValueError(
          op,
          `json.state.${key} to hold ${featureCount} finite numbers`,
          describeValue(values),
        );
    }
    this.restore(arrays as Record<string, number[]>);
    this.featureCount = featureCount as number;
    this.samplesSeen = samplesSeen as number;
    return this;
  }

  /** A fitted statistic, or an error naming the method when the scaler is unfitted. */
  protected fitted<V>(method: string, value: V | null): V {
    if (value === null || this.featureCount === null)
      throw new ValueError(method, 'a fitted scaler (call fit first)', 'an unfitted scaler');
    return value;
  }

  private apply(
    method: string,
    x: TensorInput,
    map: (value: number, feature: number) => number,
  ): Tensor {
    const input = toTensor(method, 'x', x);
    const expected = this.fitted(method, this.featureCount);
    const features = featuresOf(method, input);
    if (features !== expected)
      throw new ShapeError(
        method,
        `${expected} feature${expected === 1 ? '' : 's'} on the last axis (as fitted)`,
        `shape ${formatShape(input.shape)}`,
      );
    const out = allocate(input.dtype === 'float64' ? 'float64' : 'float32', input.size);
    for (let i = 0; i < input.size; i++) out[i] = map(input.data[i], i % features);
    return new Tensor(out, input.shape);
  }
}

/** @internal Parses `fromJSON` input and checks the class name. */
export function parseScalerJSON(className: string, json: ScalerJSON | string): ScalerJSON {
  const parsed = parseJSON(`${className}.fromJSON`, json) as ScalerJSON;
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    parsed.className !== className ||
    parsed.config === null ||
    typeof parsed.config !== 'object' ||
    parsed.state === undefined
  )
    throw new ValueError(
      `${className}.fromJSON`,
      `JSON written by ${className}.toJSON`,
      parsed !== null && typeof parsed === 'object'
        ? `className ${describeValue(parsed.className)}`
        : describeValue(parsed),
    );
  return parsed;
}

function featuresOf(method: string, input: Tensor): number {
  if (input.rank === 0)
    throw new ShapeError(method, 'samples of shape [n] or [..., features]', 'a scalar');
  return input.rank === 1 ? 1 : input.shape[input.rank - 1];
}

/**
 * @internal Scikit-learn's rule for a zero scale (a constant feature): use 1, so the feature is
 * shifted but not divided by zero. Constant means every value equal, checked exactly rather
 * than through a float tolerance.
 */
export function scaleOrOne(scale: number, isConstant: boolean): number {
  return isConstant || scale === 0 ? 1 : scale;
}
