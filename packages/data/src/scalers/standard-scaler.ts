import { checkBoolean, checkOptions } from '../internal/arguments.js';
import { FeatureScaler, parseScalerJSON, type ScalerJSON, scaleOrOne } from './feature-scaler.js';

/** Options of {@link StandardScaler}. */
export interface StandardScalerOptions {
  /** Subtract the mean (default true). */
  withMean?: boolean;
  /** Divide by the standard deviation (default true). */
  withStd?: boolean;
}

/**
 * Standardises each feature (last axis) as scikit-learn's StandardScaler:
 * `transform(x) = (x - mean) / scale` with `scale` the population standard deviation (divided by
 * n, not n - 1). A constant feature gets scale 1, so it maps to 0 rather than NaN.
 *
 * @example
 * ```ts
 * import { StandardScaler } from '@recur/data';
 * const scaler = new StandardScaler();
 * scaler.fitTransform([1, 2, 3, 4]).toArray(); // [-1.342, -0.447, 0.447, 1.342] (approximately)
 * scaler.mean; // [2.5]
 * scaler.variance; // [1.25]
 * ```
 */
export class StandardScaler extends FeatureScaler {
  protected readonly className = 'StandardScaler';
  protected readonly stateKeys = ['mean', 'variance', 'scale'];
  readonly withMean: boolean;
  readonly withStd: boolean;
  private stats: { mean: number[]; variance: number[]; scale: number[] } | null = null;

  constructor(options: StandardScalerOptions = {}) {
    super();
    const op = 'StandardScaler';
    const o = checkOptions(op, 'options', options, ['withMean', 'withStd']);
    this.withMean = checkBoolean(op, 'withMean', o.withMean, true);
    this.withStd = checkBoolean(op, 'withStd', o.withStd, true);
  }

  /** Per-feature mean seen by `fit`. */
  get mean(): readonly number[] {
    return this.fitted('StandardScaler.mean', this.stats).mean;
  }
  /** Per-feature population variance seen by `fit`. */
  get variance(): readonly number[] {
    return this.fitted('StandardScaler.variance', this.stats).variance;
  }
  /** Per-feature divisor: the standard deviation, 1 for constant features (or without withStd). */
  get scale(): readonly number[] {
    return this.fitted('StandardScaler.scale', this.stats).scale;
  }

  /** Restores a scaler written by `toJSON` (an object or its JSON text). */
  static fromJSON(json: ScalerJSON | string): StandardScaler {
    const parsed = parseScalerJSON('StandardScaler', json);
    return new StandardScaler(parsed.config as StandardScalerOptions).load(parsed);
  }

  protected fitColumns(columns: Float64Array[]): void {
    const mean: number[] = [];
    const variance: number[] = [];
    const scale: number[] = [];
    for (const column of columns) {
      let min = column[0];
      let max = column[0];
      let sum = 0;
      for (const value of column) {
        sum += value;
        if (value < min) min = value;
        if (value > max) max = value;
      }
      const isConstant = min === max;
      // A constant feature's mean is its value exactly; sum / n can be off in the last bit.
      const average = isConstant ? min : sum / column.length;
      // Two passes (mean, then squared deviations) avoid the cancellation of E[x^2] - E[x]^2.
      let squares = 0;
      for (const value of column) squares += (value - average) ** 2;
      const populationVariance = isConstant ? 0 : squares / column.length;
      mean.push(average);
      variance.push(populationVariance);
      scale.push(this.withStd ? scaleOrOne(Math.sqrt(populationVariance), isConstant) : 1);
    }
    this.stats = { mean, variance, scale };
  }

  protected forward(value: number, feature: number): number {
    const { mean, scale } = this.stats!;
    return (this.withMean ? value - mean[feature] : value) / scale[feature];
  }

  protected backward(value: number, feature: number): number {
    const { mean, scale } = this.stats!;
    const unscaled = value * scale[feature];
    return this.withMean ? unscaled + mean[feature] : unscaled;
  }

  protected config(): Record<string, unknown> {
    return { withMean: this.withMean, withStd: this.withStd };
  }

  protected state(): Record<string, number[]> {
    const { mean, variance, scale } = this.stats!;
    return { mean, variance, scale };
  }

  protected restore(state: Record<string, number[]>): void {
    const { mean, variance, scale } = state;
    this.stats = { mean, variance, scale };
  }
}
