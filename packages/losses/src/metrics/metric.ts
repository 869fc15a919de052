import type { Tensor } from '@recur/tensor';
import type { SerializedObject } from '../loss.js';

/** Whether larger values are better (`'up'`: accuracies) or smaller (`'down'`: errors, losses). */
export type MetricDirection = 'up' | 'down';

/**
 * Base class of the stateful metrics, like `keras.metrics.Metric`: `updateState` folds in a
 * batch, `result` reads the value over everything since the last `resetState`. Metrics never
 * record gradients (they run under `noGrad`).
 *
 * @example
 * ```ts
 * import { Metric } from '@recur/losses';
 * import type { Tensor } from '@recur/tensor';
 * class MaxPrediction extends Metric {
 *   readonly className = 'MaxPrediction';
 *   private best = Number.NEGATIVE_INFINITY;
 *   constructor() {
 *     super('max_prediction', 'up');
 *   }
 *   updateState(_yTrue: Tensor, yPred: Tensor): void {
 *     for (const v of yPred.data) this.best = Math.max(this.best, v);
 *   }
 *   result(): number {
 *     return this.best;
 *   }
 *   resetState(): void {
 *     this.best = Number.NEGATIVE_INFINITY;
 *   }
 * }
 * ```
 */
export abstract class Metric {
  /** Name of the class in serialised configs. */
  abstract readonly className: string;
  /** Name in logs (settable: `getMetric('acc')` names its metric `'acc'`, as Keras does). */
  name: string;
  /** Which way is better, for callbacks with `mode: 'auto'` (EarlyStopping, checkpoints). */
  readonly direction: MetricDirection;

  constructor(name: string, direction: MetricDirection) {
    this.name = name;
    this.direction = direction;
  }

  /** Accumulates one batch; `sampleWeight` is `[batch]` or matches the per-sample values. */
  abstract updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void;
  /** The metric over every batch since the last reset (0 before any update, as Keras). */
  abstract result(): number;
  /** Forgets every batch seen. */
  abstract resetState(): void;

  /** `{ className, config }` with the name and the metric's own options. */
  getConfig(): SerializedObject {
    return { className: this.className, config: { name: this.name } };
  }
}
