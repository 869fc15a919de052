/**
 * `recurjs`: recurrent neural networks for Node.js. Installs every `@recur/*` package (the native
 * addon included) and re-exports them, so one import gives tensors, layers, losses, optimizers,
 * data utilities and models.
 *
 * @example
 * ```ts
 * import { Dense, LSTM, Sequential } from 'recurjs';
 * const model = new Sequential([new LSTM({ units: 32, inputShape: [24, 1] }), new Dense({ units: 1 })]);
 * model.compile({ optimizer: 'adam', loss: 'mse' });
 * ```
 *
 * @module recurjs
 * @packageDocumentation
 */

export * from '@recur/data';
export * from '@recur/layers';
export type { SerializedObject } from '@recur/losses';
export * from '@recur/losses';
export * from '@recur/models';
export * from '@recur/optim';
// Names more than one package exports: the same shapes, taken from one place.
export type { FloatArray } from '@recur/tensor';
export * from '@recur/tensor';
export { info, type NativeInfo } from './info.js';
