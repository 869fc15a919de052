import { Callback, type Logs } from './callback.js';

/**
 * Records the epoch logs: `history[name]` lists each epoch's value and `epoch` the 0-based
 * epochs recorded. `fit` always adds one and returns it, as Keras does. `epoch` restarts at each
 * training run; `history` keeps accumulating if the same instance serves several runs (as in
 * Keras). An entry missing from some epochs' logs has a shorter list.
 *
 * @example
 * ```ts
 * import { History } from '@recur/models';
 * const history = new History();
 * history.onTrainBegin({});
 * history.onEpochEnd(0, { loss: 0.5, val_loss: 0.6 });
 * console.log(history.history.loss); // [0.5]
 * ```
 */
export class History extends Callback {
  history: Record<string, number[]> = {};
  epoch: number[] = [];

  override onTrainBegin(_logs: Logs): void {
    this.epoch = [];
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    this.epoch.push(epoch);
    for (const [name, value] of Object.entries(logs)) {
      this.history[name] ??= [];
      this.history[name].push(value);
    }
  }
}
