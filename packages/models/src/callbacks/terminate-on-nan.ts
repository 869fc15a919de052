import { Callback, type Logs } from './callback.js';
import { requireModel } from './option-checks.js';

/**
 * Stops training (gracefully: `model.stopTraining = true`, so the current epoch ends and every
 * callback's `onTrainEnd` runs) at the first batch whose `loss` is NaN or infinite, and prints
 * `Batch <n>: Invalid loss, terminating training` like Keras.
 *
 * @example
 * ```ts
 * import { TerminateOnNaN } from '@recur/models';
 * // await model.fit(x, y, { epochs: 10, callbacks: [new TerminateOnNaN()] });
 * ```
 */
export class TerminateOnNaN extends Callback {
  override onBatchEnd(batch: number, logs: Logs): void {
    const loss = logs.loss;
    if (loss === undefined || Number.isFinite(loss)) return;
    console.log(`Batch ${batch}: Invalid loss, terminating training`);
    requireModel('TerminateOnNaN', this.model).stopTraining = true;
  }
}
