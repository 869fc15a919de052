import { noGrad, type Tensor } from '@recur/tensor';
import { Mean } from './mean.js';
import { Metric, type MetricDirection } from './metric.js';

/** A stateless metric `(yTrue, yPred) => per-sample values`. */
export type MetricFunction = (yTrue: Tensor, yPred: Tensor) => Tensor;

/** Options of {@link MeanMetricWrapper}. */
export interface MeanMetricWrapperOptions {
  /** Name in logs (default: the function's name). */
  name?: string;
  /** Default `'down'` (an error); pass `'up'` for a score. */
  direction?: MetricDirection;
}

/**
 * The running weighted mean of a per-sample function (Keras' `MeanMetricWrapper`): each batch's
 * values go through {@link Mean}'s Keras accumulation.
 *
 * @example
 * ```ts
 * import { MeanMetricWrapper, meanSquaredError } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * const m = new MeanMetricWrapper(meanSquaredError, { name: 'mse' });
 * m.updateState(tensor([[0], [1]]), tensor([[1], [1]]));
 * m.result(); // 0.5
 * ```
 */
export class MeanMetricWrapper extends Metric {
  readonly className: string = 'MeanMetricWrapper';
  readonly fn: MetricFunction;
  private readonly mean = new Mean();

  constructor(fn: MetricFunction, options: MeanMetricWrapperOptions = {}) {
    super(options.name ?? (fn.name || 'mean_metric'), options.direction ?? 'down');
    this.fn = fn;
  }

  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void {
    noGrad(() => this.mean.updateState(this.fn(yTrue, yPred), sampleWeight ?? null));
  }

  result(): number {
    return this.mean.result();
  }

  resetState(): void {
    this.mean.resetState();
  }
}
