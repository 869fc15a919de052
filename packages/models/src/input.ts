import { InputLayer, type Shape, type SymbolicTensor } from '@recur/layers';
import type { DType } from '@recur/tensor';

export interface InputOptions {
  /** The shape of one sample (without the batch axis); `null` for an unknown length (time steps). */
  shape: Shape;
  /** float32 (default), or int32 for token ids. */
  dtype?: DType;
  name?: string;
  /** A fixed batch size (stateful layers need one). */
  batchSize?: number;
}

/**
 * A symbolic model input for the functional API: apply layers to it, then build
 * `new Model({ inputs, outputs })`.
 *
 * @example
 * ```ts
 * import { Dense, LSTM } from '@recur/layers';
 * import { input, Model } from '@recur/models';
 * const x = input({ shape: [null, 3] }); // any number of steps, 3 features
 * const y = new Dense({ units: 1 }).apply(new LSTM({ units: 16 }).apply(x));
 * const model = new Model({ inputs: x, outputs: y });
 * ```
 */
export function input(options: InputOptions): SymbolicTensor {
  const layer = new InputLayer({
    name: options.name,
    inputShape: options.shape,
    batchSize: options.batchSize,
    inputDtype: options.dtype,
  });
  return layer.output;
}
