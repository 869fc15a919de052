import { noGrad, type Tensor, ValueError } from '@recur/tensor';
import {
  checkName,
  checkOptions,
  checkTensor,
  describeValue,
  optionalTensor,
  orDefault,
} from '../validation.js';
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
    const op = 'MeanMetricWrapper';
    if (typeof fn !== 'function')
      throw new ValueError(op, 'fn a function (yTrue, yPred) => Tensor', describeValue(fn));
    const given = checkOptions(op, options, ['name', 'direction']);
    const direction = orDefault(given.direction, 'down');
    if (direction !== 'up' && direction !== 'down')
      throw new ValueError(op, "direction 'up' or 'down'", describeValue(direction));
    super(checkName(op, 'name', given.name ?? (fn.name || 'mean_metric')), direction);
    this.fn = fn;
  }

  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void {
    const op = `${this.name}.updateState`;
    checkTensor(op, 'yTrue', yTrue);
    checkTensor(op, 'yPred', yPred);
    const weight = optionalTensor(op, 'sampleWeight', sampleWeight);
    noGrad(() =>
      this.mean.updateState(
        checkTensor(op, "the metric function's result", this.fn(yTrue, yPred)),
        weight,
      ),
    );
  }

  result(): number {
    return this.mean.result();
  }

  resetState(): void {
    this.mean.resetState();
  }
}
