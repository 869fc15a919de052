import { ValueError } from '@recur/tensor';
import type { CallbackModel } from './callback.js';

/** How a received value reads in an error message (short; never throws, even on cycles). */
export function show(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'symbol') return value.toString();
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  text ??=
    typeof value === 'object' && value !== null
      ? (value.constructor?.name ?? 'an object')
      : String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Throws on option names the callback does not take, which catches Keras' snake_case spellings
 * (`min_delta` for `minDelta`) that would otherwise be ignored silently.
 *
 * @example
 * ```ts
 * checkKeys('EarlyStopping', { patience: 2 }, ['monitor', 'patience']);
 * ```
 */
export function checkKeys(op: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new ValueError(op, 'an options object', show(options));
  const unknown = Object.keys(options).filter((key) => !allowed.includes(key));
  if (unknown.length > 0)
    throw new ValueError(op, `options among ${allowed.join(', ')}`, unknown.join(', '));
}

/**
 * Throws unless `value` is a finite number, returning it.
 *
 * @example
 * ```ts
 * checkFinite('EarlyStopping', 'minDelta', 0.01); // 0.01
 * ```
 */
export function checkFinite(op: string, label: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ValueError(op, `${label} a finite number`, show(value));
  return value;
}

/**
 * Throws unless `value` is an integer >= 0, returning it.
 *
 * @example
 * ```ts
 * checkNonNegativeInteger('EarlyStopping', 'patience', 3); // 3
 * ```
 */
export function checkNonNegativeInteger(op: string, label: string, value: unknown): number {
  // Safe integers only: 1e300 is an integer to JavaScript, and an epoch count of it never ends.
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new ValueError(op, `${label} an integer >= 0`, show(value));
  return value;
}

/**
 * Throws unless `value` is an integer > 0, returning it.
 *
 * @example
 * ```ts
 * checkPositiveInteger('ModelCheckpoint', 'saveFreq', 100); // 100
 * ```
 */
export function checkPositiveInteger(op: string, label: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)
    throw new ValueError(op, `${label} an integer > 0`, show(value));
  return value;
}

/**
 * Throws unless `value` is a boolean, returning it.
 *
 * @example
 * ```ts
 * checkBoolean('CSVLogger', 'append', true); // true
 * ```
 */
export function checkBoolean(op: string, label: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ValueError(op, `${label} true or false`, show(value));
  return value;
}

/**
 * Throws unless `value` is a non-empty string, returning it.
 *
 * @example
 * ```ts
 * checkString('EarlyStopping', 'monitor', 'val_loss'); // 'val_loss'
 * ```
 */
export function checkString(op: string, label: string, value: unknown): string {
  if (typeof value !== 'string' || value === '')
    throw new ValueError(op, `${label} a non-empty string`, show(value));
  return value;
}

/**
 * Throws unless `value` is one of `choices`, returning it.
 *
 * @example
 * ```ts
 * checkChoice('EarlyStopping', 'mode', 'max', ['auto', 'min', 'max']); // 'max'
 * ```
 */
export function checkChoice<T extends string | number>(
  op: string,
  label: string,
  value: unknown,
  choices: readonly T[],
): T {
  if (!choices.includes(value as T))
    throw new ValueError(op, `${label} one of ${choices.map(show).join(', ')}`, show(value));
  return value as T;
}

/**
 * Throws unless `value` is a function.
 *
 * @example
 * ```ts
 * checkFunction('LearningRateScheduler', 'schedule', (epoch: number) => 0.1 / (epoch + 1));
 * ```
 */
export function checkFunction(op: string, label: string, value: unknown): void {
  if (typeof value !== 'function') throw new ValueError(op, `${label} a function`, show(value));
}

/**
 * The callback's model, or a typed error when `setModel` was never called.
 *
 * @example
 * ```ts
 * // inside a callback hook:
 * // requireModel('EarlyStopping', this.model).stopTraining = true;
 * ```
 */
export function requireModel(op: string, model: CallbackModel | null): CallbackModel {
  if (model === null)
    throw new ValueError(op, 'a model set with setModel() before training', 'none');
  return model;
}
