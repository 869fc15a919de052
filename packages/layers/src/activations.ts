import * as t from '@recur/tensor';
import type { RecurrentActivation, Tensor } from '@recur/tensor';
import { ValueError } from '@recur/tensor';
import { describeValue } from '@recur/tensor';

export type ActivationFunction = (x: Tensor) => Tensor;

/** Activation names accepted by layers (Keras snake_case names are accepted too). */
export type ActivationName =
  | 'linear'
  | 'relu'
  | 'sigmoid'
  | 'tanh'
  | 'softmax'
  | 'logSoftmax'
  | 'elu'
  | 'selu'
  | 'gelu'
  | 'swish'
  | 'silu'
  | 'softplus'
  | 'softsign'
  | 'hardSigmoid'
  | 'leakyRelu'
  | 'exponential';

// A Map, so that a name such as 'constructor' or 'toString' finds nothing instead of a property
// of Object.prototype.
const functions: ReadonlyMap<ActivationName, ActivationFunction> = new Map<
  ActivationName,
  ActivationFunction
>([
  ['linear', (x) => x],
  ['relu', t.relu],
  ['sigmoid', t.sigmoid],
  ['tanh', t.tanh],
  ['softmax', (x) => t.softmax(x)],
  ['logSoftmax', (x) => t.logSoftmax(x)],
  ['elu', (x) => t.elu(x)],
  ['selu', t.selu],
  ['gelu', t.gelu],
  ['swish', t.swish],
  ['silu', t.swish],
  ['softplus', t.softplus],
  ['softsign', t.softsign],
  ['hardSigmoid', t.hardSigmoid],
  ['leakyRelu', (x) => t.leakyRelu(x)],
  ['exponential', t.exp],
]);

/** `hard_sigmoid` -> `hardSigmoid`; absent, null or `None` -> `linear`; anything else: undefined. */
function lookUp(name: unknown): ActivationName | undefined {
  if (name === null || name === undefined || name === 'None') return 'linear';
  if (typeof name !== 'string') return undefined;
  const camel = name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as ActivationName;
  return functions.has(camel) ? camel : undefined;
}

/**
 * The canonical name of an activation (`hard_sigmoid` -> `hardSigmoid`; `None`/null ->
 * `linear`), or a ValueError listing the valid names.
 *
 * @example
 * ```ts
 * import { normalizeActivationName } from './activations.js';
 * normalizeActivationName('leaky_relu'); // 'leakyRelu'
 * ```
 */
export function normalizeActivationName(name: unknown): ActivationName {
  const found = lookUp(name);
  if (found === undefined)
    throw new ValueError(
      'activation',
      `one of ${[...functions.keys()].join(', ')}`,
      describeValue(name),
    );
  return found;
}

/**
 * The activation function for a Keras name.
 *
 * @example
 * ```ts
 * import { getActivation } from '@recur/layers';
 * import { tensor } from '@recur/tensor';
 * getActivation('relu')(tensor([-1, 2])).toArray(); // [0, 2]
 * ```
 */
export function getActivation(name: string | null | undefined): ActivationFunction {
  return functions.get(normalizeActivationName(name))!;
}

const RECURRENT: readonly RecurrentActivation[] = [
  'tanh',
  'sigmoid',
  'hardSigmoid',
  'relu',
  'linear',
];

/**
 * The activations the fused recurrent kernels implement; a ValueError naming the layer and the
 * argument otherwise.
 *
 * @example
 * ```ts
 * import { recurrentActivationName } from './activations.js';
 * recurrentActivationName('lstm', 'recurrentActivation', 'hard_sigmoid'); // 'hardSigmoid'
 * ```
 */
export function recurrentActivationName(
  layer: string,
  argument: string,
  name: unknown,
): RecurrentActivation {
  const found = lookUp(name);
  if (found === undefined || !(RECURRENT as readonly string[]).includes(found)) {
    throw new ValueError(
      layer,
      `${argument} one of ${RECURRENT.join(', ')} (the fused kernels' set)`,
      describeValue(name),
    );
  }
  return found as RecurrentActivation;
}
