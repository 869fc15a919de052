import { ValueError } from '@recur/tensor';
import { checkBoolean, checkOptions, describeValue } from '../internal/arguments.js';
import { FeatureScaler, parseScalerJSON, type ScalerJSON, scaleOrOne } from './feature-scaler.js';

/** Options of {@link RobustScaler}. */
export interface RobustScalerOptions {
  /** Subtract the median (default true). */
  withCentering?: boolean;
  /** Divide by the interquantile range (default true). */
  withScaling?: boolean;
  /** The quantiles, in percent, whose difference is the scale (default [25, 75]). */
  quantileRange?: readonly [number, number];
}

/**
 * Scales each feature (last axis) with statistics that outliers barely move, as scikit-learn's
 * RobustScaler: `transform(x) = (x - median) / (q[high] - q[low])`, quantiles by linear
 * interpolation between order statistics (NumPy's default). A zero range gets scale 1.
 *
 * @example
 * ```ts
 * import { RobustScaler } from '@recur/data';
 * const scaler = new RobustScaler();
 * scaler.fitTransform([1, 2, 3, 4, 100]).toArray(); // [-1, -0.5, 0, 0.5, 48.5]
 * scaler.center; // [3]
 * scaler.scale; // [2]
 * ```
 */
export class RobustScaler extends FeatureScaler {
  protected readonly className = 'RobustScaler';
  protected readonly stateKeys = ['center', 'scale'];
  readonly withCentering: boolean;
  readonly withScaling: boolean;
  readonly quantileRange: readonly [number, number];
  private stats: { center: number[]; scale: number[] } | null = null;

  constructor(options: RobustScalerOptions = {}) {
    super();
    const op = 'RobustScaler';
    const o = checkOptions(op, 'options', options, [
      'withCentering',
      'withScaling',
      'quantileRange',
    ]);
    this.withCentering = checkBoolean(op, 'withCentering', o.withCentering, true);
    this.withScaling = checkBoolean(op, 'withScaling', o.withScaling, true);
    const range = o.quantileRange ?? [25, 75];
    const [low, high] = (Array.isArray(range) ? range : []) as number[];
    if (
      !Array.isArray(range) ||
      range.length !== 2 ||
      typeof low !== 'number' ||
      typeof high !== 'number' ||
      !(low >= 0 && low <= high && high <= 100)
    )
      throw new ValueError(
        'RobustScaler',
        'quantileRange [low, high] with 0 <= low <= high <= 100',
        describeValue(range),
      );
    this.quantileRange = [low, high];
  }

  /** Per-feature median subtracted (0 without withCentering). */
  get center(): readonly number[] {
    return this.fitted('RobustScaler.center', this.stats).center;
  }
  /** Per-feature divisor: the interquantile range, 1 where it is 0 (or without withScaling). */
  get scale(): readonly number[] {
    return this.fitted('RobustScaler.scale', this.stats).scale;
  }

  /** Restores a scaler written by `toJSON` (an object or its JSON text). */
  static fromJSON(json: ScalerJSON | string): RobustScaler {
    const parsed = parseScalerJSON('RobustScaler', json);
    return new RobustScaler(parsed.config as RobustScalerOptions).load(parsed);
  }

  protected fitColumns(columns: Float64Array[]): void {
    const [low, high] = this.quantileRange;
    const center: number[] = [];
    const scale: number[] = [];
    for (const column of columns) {
      const sorted = Float64Array.from(column).sort();
      center.push(this.withCentering ? percentile(sorted, 50) : 0);
      const range = percentile(sorted, high) - percentile(sorted, low);
      scale.push(this.withScaling ? scaleOrOne(range, false) : 1);
    }
    this.stats = { center, scale };
  }

  protected forward(value: number, feature: number): number {
    const { center, scale } = this.stats!;
    return (value - center[feature]) / scale[feature];
  }

  protected backward(value: number, feature: number): number {
    const { center, scale } = this.stats!;
    return value * scale[feature] + center[feature];
  }

  protected config(): Record<string, unknown> {
    return {
      withCentering: this.withCentering,
      withScaling: this.withScaling,
      quantileRange: [...this.quantileRange],
    };
  }

  protected state(): Record<string, number[]> {
    const { center, scale } = this.stats!;
    return { center, scale };
  }

  protected restore(state: Record<string, number[]>): void {
    const { center, scale } = state;
    this.stats = { center, scale };
  }
}

// NumPy's default 'linear' method: the value at fractional rank q / 100 * (n - 1).
function percentile(sorted: Float64Array, q: number): number {
  const rank = (q / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
}
