import type { Tensor } from '@recur/tensor';

/** Per-batch or per-epoch results: `loss`, metric values, `val_*` entries, and `size`/`batch` where Keras has them. */
export type Logs = Record<string, number>;

/**
 * What callbacks may use of the model being trained. `Model` implements it; tests can use a stub.
 */
export interface CallbackModel {
  /** Set to true to stop training after the current batch. */
  stopTraining: boolean;
  /** The compiled optimizer's learning rate (a number; settable by ReduceLROnPlateau / schedulers). */
  getLearningRate(): number;
  setLearningRate(value: number): void;
  /** Copies of all weights (for restoreBestWeights) and their restoration. */
  getWeights(): Tensor[];
  setWeights(weights: readonly Tensor[]): void;
  /** Saves the model (atomically); `weightsOnly` skips architecture, compile and optimizer state. */
  save(
    path: string,
    options?: { weightsOnly?: boolean; includeOptimizer?: boolean },
  ): Promise<void>;
}

/** Training parameters passed to `setParams` (Keras' `params`). */
export interface TrainingParams {
  epochs: number;
  /** Batches per epoch, when known. */
  steps: number | null;
  verbose: 0 | 1 | 2;
  /** Names of the metrics that will appear in the logs (including `loss` and `val_*`). */
  metrics: string[];
}

/**
 * The base of callbacks, with Keras' hooks. Every hook may be async: the training loop awaits it.
 *
 * @example
 * ```ts
 * import { Callback, type Logs } from '@recur/models';
 * class PrintLoss extends Callback {
 *   override onEpochEnd(epoch: number, logs: Logs) {
 *     console.log(`epoch ${epoch + 1}: loss ${logs.loss}`);
 *   }
 * }
 * ```
 */
export class Callback {
  model: CallbackModel | null = null;
  params: TrainingParams | null = null;
  setModel(model: CallbackModel): void {
    this.model = model;
  }
  setParams(params: TrainingParams): void {
    this.params = params;
  }
  onTrainBegin(_logs: Logs): void | Promise<void> {}
  onTrainEnd(_logs: Logs): void | Promise<void> {}
  onEpochBegin(_epoch: number, _logs: Logs): void | Promise<void> {}
  onEpochEnd(_epoch: number, _logs: Logs): void | Promise<void> {}
  onBatchBegin(_batch: number, _logs: Logs): void | Promise<void> {}
  onBatchEnd(_batch: number, _logs: Logs): void | Promise<void> {}
}
