import { ValueError } from '@recur/tensor';
import { Callback, type CallbackModel, type Logs, type TrainingParams } from './callback.js';

/**
 * The callbacks of one training run, called in order: every hook awaits each callback's hook
 * before the next callback's. Each call hands all callbacks the same copy of the logs, so an
 * entry a callback adds (ReduceLROnPlateau's `learning_rate`) reaches the callbacks after it
 * without touching the caller's object; the copy is returned. Keras appends History and then
 * the progress bar after the user's callbacks, which is what lets them see such entries.
 *
 * @example
 * ```ts
 * import { CallbackList, History, type CallbackModel } from '@recur/models';
 * declare const model: CallbackModel;
 * const history = new History();
 * const callbacks = new CallbackList([history]);
 * callbacks.setModel(model);
 * callbacks.setParams({ epochs: 1, steps: 10, verbose: 0, metrics: ['loss'] });
 * await callbacks.onTrainBegin();
 * await callbacks.onEpochEnd(0, { loss: 0.25 });
 * console.log(history.history.loss); // [0.25]
 * ```
 */
export class CallbackList {
  readonly callbacks: Callback[] = [];
  model: CallbackModel | null = null;
  params: TrainingParams | null = null;

  constructor(callbacks: readonly Callback[] = []) {
    if (!Array.isArray(callbacks))
      throw new ValueError('CallbackList', 'an array of Callback instances', typeof callbacks);
    for (const callback of callbacks) this.append(callback);
  }

  /** Adds a callback at the end (after the model and params were set, it receives them too). */
  append(callback: Callback): void {
    if (!(callback instanceof Callback))
      throw new ValueError(
        'CallbackList',
        'Callback instances (subclasses of Callback)',
        callback === null ? 'null' : typeof callback,
      );
    if (this.model !== null) callback.setModel(this.model);
    if (this.params !== null) callback.setParams(this.params);
    this.callbacks.push(callback);
  }

  setModel(model: CallbackModel): void {
    this.model = model;
    for (const callback of this.callbacks) callback.setModel(model);
  }

  setParams(params: TrainingParams): void {
    this.params = params;
    for (const callback of this.callbacks) callback.setParams(params);
  }

  async onTrainBegin(logs: Logs = {}): Promise<Logs> {
    const shared = { ...logs };
    for (const callback of this.callbacks) await callback.onTrainBegin(shared);
    return shared;
  }

  async onTrainEnd(logs: Logs = {}): Promise<Logs> {
    const shared = { ...logs };
    for (const callback of this.callbacks) await callback.onTrainEnd(shared);
    return shared;
  }

  async onEpochBegin(epoch: number, logs: Logs = {}): Promise<Logs> {
    const shared = { ...logs };
    for (const callback of this.callbacks) await callback.onEpochBegin(epoch, shared);
    return shared;
  }

  async onEpochEnd(epoch: number, logs: Logs = {}): Promise<Logs> {
    const shared = { ...logs };
    for (const callback of this.callbacks) await callback.onEpochEnd(epoch, shared);
    return shared;
  }

  async onBatchBegin(batch: number, logs: Logs = {}): Promise<Logs> {
    const shared = { ...logs };
    for (const callback of this.callbacks) await callback.onBatchBegin(batch, shared);
    return shared;
  }

  async onBatchEnd(batch: number, logs: Logs = {}): Promise<Logs> {
    const shared = { ...logs };
    for (const callback of this.callbacks) await callback.onBatchEnd(batch, shared);
    return shared;
  }
}
