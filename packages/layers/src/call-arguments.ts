import { Tensor, ValueError } from '@recur/tensor';
import { booleanOption, isPlainObject, rejectUnknownOptions } from './arguments.js';
import { describeValue } from '@recur/tensor';
import type { CallOptions } from './layer.js';
import { LayerBuffers } from './layer-buffers.js';
import { SymbolicTensor } from './symbolic-tensor.js';

const CALL_OPTIONS = ['training', 'mask', 'initialState', 'buffers'];

/**
 * The options of `layer.apply(inputs, options)`, checked: an object with only `training` (a
 * boolean: `'yes'` would silently turn dropout on), `mask` (a tensor or null) and `initialState`
 * (a list of tensors, or of symbolic tensors, or null) and `buffers` (a LayerBuffers or null).
 * O(number of options and states).
 *
 * @example
 * ```ts
 * import { checkCallOptions } from './call-arguments.js';
 * checkCallOptions('lstm', { training: true }); // { training: true }
 * ```
 */
export function checkCallOptions(layer: string, options: unknown): CallOptions {
  if (options === undefined) return {};
  if (!isPlainObject(options))
    throw new ValueError(
      layer,
      'options an object { training, mask, initialState, buffers }',
      describeValue(options),
    );
  rejectUnknownOptions(layer, Object.keys(options), CALL_OPTIONS);
  const { training, mask, initialState, buffers } = options;
  booleanOption(layer, 'training', training, false);
  if (buffers !== undefined && buffers !== null && !(buffers instanceof LayerBuffers))
    throw new ValueError(layer, 'buffers a LayerBuffers or null', describeValue(buffers));
  if (mask !== undefined && mask !== null && !(mask instanceof Tensor))
    throw new ValueError(layer, 'mask a Tensor or null', describeValue(mask));
  if (initialState !== undefined && initialState !== null) {
    const symbolic = Array.isArray(initialState) && initialState[0] instanceof SymbolicTensor;
    const Kind = symbolic ? SymbolicTensor : Tensor;
    if (
      !Array.isArray(initialState) ||
      initialState.length === 0 ||
      !initialState.every((state) => state instanceof Kind)
    )
      throw new ValueError(
        layer,
        'initialState a non-empty list of tensors (or of symbolic tensors), or null',
        describeValue(initialState),
      );
  }
  return options as CallOptions;
}

/**
 * The eager inputs of `apply` as a list: a tensor, or a non-empty list of tensors.
 *
 * @example
 * ```ts
 * import { layerInputs } from './call-arguments.js';
 * import { ones } from '@recur/tensor';
 * layerInputs('dense', ones([2, 3])).length; // 1
 * ```
 */
export function layerInputs(layer: string, inputs: unknown): Tensor[] {
  if (inputs instanceof Tensor) return [inputs];
  if (Array.isArray(inputs) && inputs.length > 0 && inputs.every((x) => x instanceof Tensor))
    return inputs;
  throw new ValueError(
    layer,
    'inputs a Tensor, a non-empty list of tensors, or symbolic tensors',
    describeValue(inputs),
  );
}
