import { Callback, type Logs } from './callback.js';
import { checkFunction, checkKeys } from './option-checks.js';

/** The hooks a {@link LambdaCallback} may run; each may return a Promise, which is awaited. */
export interface LambdaCallbackHooks {
  onTrainBegin?: (logs: Logs) => void | Promise<void>;
  onTrainEnd?: (logs: Logs) => void | Promise<void>;
  onEpochBegin?: (epoch: number, logs: Logs) => void | Promise<void>;
  onEpochEnd?: (epoch: number, logs: Logs) => void | Promise<void>;
  onBatchBegin?: (batch: number, logs: Logs) => void | Promise<void>;
  onBatchEnd?: (batch: number, logs: Logs) => void | Promise<void>;
}

const HOOKS = [
  'onTrainBegin',
  'onTrainEnd',
  'onEpochBegin',
  'onEpochEnd',
  'onBatchBegin',
  'onBatchEnd',
] as const;

/**
 * A callback from plain functions, for one-off hooks without a class.
 *
 * @example
 * ```ts
 * import { LambdaCallback } from '@recur/models';
 * const printer = new LambdaCallback({
 *   onEpochEnd: (epoch, logs) => console.log(`epoch ${epoch + 1}: loss ${logs.loss}`),
 * });
 * // await model.fit(x, y, { epochs: 5, callbacks: [printer] });
 * ```
 */
export class LambdaCallback extends Callback {
  readonly hooks: Readonly<LambdaCallbackHooks>;

  constructor(hooks: LambdaCallbackHooks = {}) {
    super();
    checkKeys('LambdaCallback', hooks, HOOKS);
    for (const name of HOOKS)
      if (hooks[name] !== undefined) checkFunction('LambdaCallback', name, hooks[name]);
    this.hooks = { ...hooks };
  }

  override onTrainBegin(logs: Logs): void | Promise<void> {
    return this.hooks.onTrainBegin?.(logs);
  }
  override onTrainEnd(logs: Logs): void | Promise<void> {
    return this.hooks.onTrainEnd?.(logs);
  }
  override onEpochBegin(epoch: number, logs: Logs): void | Promise<void> {
    return this.hooks.onEpochBegin?.(epoch, logs);
  }
  override onEpochEnd(epoch: number, logs: Logs): void | Promise<void> {
    return this.hooks.onEpochEnd?.(epoch, logs);
  }
  override onBatchBegin(batch: number, logs: Logs): void | Promise<void> {
    return this.hooks.onBatchBegin?.(batch, logs);
  }
  override onBatchEnd(batch: number, logs: Logs): void | Promise<void> {
    return this.hooks.onBatchEnd?.(batch, logs);
  }
}
