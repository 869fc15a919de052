import * as t from '@recur/tensor';
import type { RecurrentActivation, Tensor } from '@recur/tensor';
import { ValueError } from '@recur/tensor';

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

const functions: Record<ActivationName, ActivationFunction> = {
  linear: (x) => x,
  relu: t.relu,
  sigmoid: t.sigmoid,
  tanh: t.tanh,
  softmax: (x) => t.softmax(x),
  logSoftmax: (x) => t.logSoftmax(x),
  elu: (x) => t.elu(x),
  selu: t.selu,
  gelu: t.gelu,
  swish: t.swish,
  silu: t.swish,
  softplus: t.softplus,
  softsign: t.softsign,
  hardSigmoid: t.hardSigmoid,
  leakyRelu: (x) => t.leakyRelu(x),
  exponential: t.exp,
};

/** `hard_sigmoid` -> `hardSigmoid`; `None`/null -> `linear`. */
export function normalizeActivationName(name: string | null | undefined): ActivationName {
  if (name === null || name === undefined || name === 'None') return 'linear';
  const camel = name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  if (!(camel in functions)) {
    throw new ValueError(
      'activation',
      `one of ${Object.keys(functions).join(', ')}`,
      JSON.stringify(name),
    );
  }
  return camel as ActivationName;
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
  return functions[normalizeActivationName(name)];
}

const RECURRENT: ReadonlySet<string> = new Set([
  'tanh',
  'sigmoid',
  'hardSigmoid',
  'relu',
  'linear',
]);

/** The activations the fused recurrent kernels implement. */
export function recurrentActivationName(
  layer: string,
  argument: string,
  name: string | null | undefined,
): RecurrentActivation {
  const normalized = normalizeActivationName(name);
  if (!RECURRENT.has(normalized)) {
    throw new ValueError(
      layer,
      `${argument} one of tanh, sigmoid, hardSigmoid, relu, linear (the fused kernels' set)`,
      JSON.stringify(name),
    );
  }
  return normalized as RecurrentActivation;
}
