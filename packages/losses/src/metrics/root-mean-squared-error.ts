import { noGrad, square, sub, type Tensor } from '@recur/tensor';
import { alignTargets } from '../align.js';
import { type MetricConfig, metricName } from './metric-classes.js';
import { Mean } from './mean.js';
import { Metric } from './metric.js';

/**
 * Root mean squared error over everything seen (Keras `RootMeanSquaredError`, strings `'rmse'`,
 * `'root_mean_squared_error'`): `sqrt(weighted mean of the per-sample mean squared errors)`.
 * The square root is taken of the running mean, not averaged per batch.
 *
 * @example
 * ```ts
 * import { RootMeanSquaredError } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * const m = new RootMeanSquaredError();
 * m.updateState(tensor([[0], [0]]), tensor([[3], [4]]));
 * m.result(); // Math.sqrt(12.5)
 * ```
 */
export class RootMeanSquaredError extends Metric {
  readonly className = 'RootMeanSquaredError';
  private readonly mean = new Mean();

  constructor(config: MetricConfig = {}) {
    super(metricName('RootMeanSquaredError', config, [], 'root_mean_squared_error'), 'down');
  }

  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void {
    noGrad(() => {
      const [target, prediction] = alignTargets('RootMeanSquaredError', yTrue, yPred);
      this.mean.updateState(square(sub(prediction, target)), sampleWeight ?? null);
    });
  }

  result(): number {
    return Math.sqrt(this.mean.result());
  }

  resetState(): void {
    this.mean.resetState();
  }
}
