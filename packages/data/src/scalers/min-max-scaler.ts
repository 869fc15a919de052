import { ValueError } from '@recur/tensor';
import { describeValue } from '../internal/arguments.js';
import { FeatureScaler, parseScalerJSON, type ScalerJSON, scaleOrOne } from './feature-scaler.js';

/**
 * Scales each feature (last axis) to `featureRange` as scikit-learn's MinMaxScaler:
 * `scale = (rangeMax - rangeMin) / (dataMax - dataMin)`, `min = rangeMin - dataMin * scale`,
 * `transform(x) = x * scale + min`. A constant feature gets scale 1 (so it maps to `rangeMin`), not
 * NaN.
 *
 * @example
 * ```ts
 * import { MinMaxScaler } from '@recur/data';
 * const scaler = new MinMaxScaler([-1, 1]);
 * scaler.fitTransform([[0, 5], [5, 5], [10, 5]]).toArray(); // [[-1, -1], [0, -1], [1, -1]]
 * scaler.inverseTransform([[1, -1]]).toArray(); // [[10, 5]]
 * const copy = MinMaxScaler.fromJSON(JSON.stringify(scaler));
 * ```
 */
export class MinMaxScaler extends FeatureScaler {
  protected readonly className = 'MinMaxScaler';
  protected readonly stateKeys = ['dataMin', 'dataMax', 'scale', 'min'];
  readonly featureRange: readonly [number, number];
  private stats: { dataMin: number[]; dataMax: number[]; scale: number[]; min: number[] } | null =
    null;

  constructor(featureRange: readonly [number, number] = [0, 1]) {
    super();
    const [low, high] = (Array.isArray(featureRange) ? featureRange : []) as number[];
    if (
      !Array.isArray(featureRange) ||
      featureRange.length !== 2 ||
      !Number.isFinite(low) ||
      !Number.isFinite(high) ||
      low >= high
    )
      throw new ValueError(
        'MinMaxScaler',
        'featureRange [min, max] with finite min < max',
        describeValue(featureRange),
      );
    this.featureRange = [low, high];
  }

  /** Per-feature minimum seen by `fit`. */
  get dataMin(): readonly number[] {
    return this.fitted('MinMaxScaler.dataMin', this.stats).dataMin;
  }
  /** Per-feature maximum seen by `fit`. */
  get dataMax(): readonly number[] {
    return this.fitted('MinMaxScaler.dataMax', this.stats).dataMax;
  }
  /** Per-feature `dataMax - dataMin`. */
  get dataRange(): readonly number[] {
    const { dataMin, dataMax } = this.fitted('MinMaxScaler.dataRange', this.stats);
    return dataMax.map((max, j) => max - dataMin[j]);
  }
  /** Per-feature multiplier. */
  get scale(): readonly number[] {
    return this.fitted('MinMaxScaler.scale', this.stats).scale;
  }
  /** Per-feature offset added after scaling. */
  get min(): readonly number[] {
    return this.fitted('MinMaxScaler.min', this.stats).min;
  }

  /** Restores a scaler written by `toJSON` (an object or its JSON text). */
  static fromJSON(json: ScalerJSON | string): MinMaxScaler {
    const parsed = parseScalerJSON('MinMaxScaler', json);
    return new MinMaxScaler(parsed.config.featureRange as [number, number]).load(parsed);
  }

  protected fitColumns(columns: Float64Array[]): void {
    const [low, high] = this.featureRange;
    const dataMin = columns.map((column) => column.reduce((a, b) => Math.min(a, b)));
    const dataMax = columns.map((column) => column.reduce((a, b) => Math.max(a, b)));
    const scale = dataMin.map(
      (min, j) => (high - low) / scaleOrOne(dataMax[j] - min, dataMax[j] === min),
    );
    const min = dataMin.map((value, j) => low - value * scale[j]);
    this.stats = { dataMin, dataMax, scale, min };
  }

  protected forward(value: number, feature: number): number {
    const { scale, min } = this.stats!;
    return value * scale[feature] + min[feature];
  }

  protected backward(value: number, feature: number): number {
    const { scale, min } = this.stats!;
    return (value - min[feature]) / scale[feature];
  }

  protected config(): Record<string, unknown> {
    return { featureRange: [...this.featureRange] };
  }

  protected state(): Record<string, number[]> {
    const { dataMin, dataMax, scale, min } = this.stats!;
    return { dataMin, dataMax, scale, min };
  }

  protected restore(state: Record<string, number[]>): void {
    const { dataMin, dataMax, scale, min } = state;
    this.stats = { dataMin, dataMax, scale, min };
  }
}
