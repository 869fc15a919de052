import { recurrentActivationName } from '../activations.js';
import { booleanOption, checkWeightSize, positiveInteger, rate, seedOption } from '../arguments.js';
import { type Initializer, initializerOption } from '../initializers/initializer.js';
import type { LayerConfig } from '../layer.js';
import { type Regularizer, regularizerOption } from '../regularizers.js';
import type { Serialized } from '../serialization.js';
import type { RecurrentActivation } from '@recur/tensor';

/** Keras' recurrent-layer arguments (camelCase). */
export interface RecurrentLayerConfig extends LayerConfig {
  units: number;
  /** Default tanh. */
  activation?: string | null;
  /** Default sigmoid (Keras 3; tfjs used hardSigmoid). SimpleRNN has none. */
  recurrentActivation?: string | null;
  useBias?: boolean;
  /** Default glorotUniform. */
  kernelInitializer?: string | Serialized | Initializer;
  /** Default orthogonal. */
  recurrentInitializer?: string | Serialized | Initializer;
  /** Default zeros. */
  biasInitializer?: string | Serialized | Initializer;
  kernelRegularizer?: string | Serialized | Regularizer | null;
  recurrentRegularizer?: string | Serialized | Regularizer | null;
  biasRegularizer?: string | Serialized | Regularizer | null;
  /** Fraction of the inputs dropped (one mask per sequence, during training). */
  dropout?: number;
  /** Fraction of h_{t-1} dropped in the recurrent matmul (one mask per sequence, during training). */
  recurrentDropout?: number;
  /** Return the whole output sequence `[batch, steps, units]` instead of the last output. */
  returnSequences?: boolean;
  /** Also return the final states (`[output, h]` or `[output, h, c]`). */
  returnState?: boolean;
  /** Process the sequence in reverse (the returned sequence is in processing order, as Keras). */
  goBackwards?: boolean;
  /** Carry the final states into the next call (needs a fixed batch size); see resetStates(). */
  stateful?: boolean;
  /** Seed for the dropout masks. */
  seed?: number;
}

/** The shared arguments once checked, as the layer exposes them. */
export interface RecurrentArguments {
  readonly units: number;
  readonly activationName: RecurrentActivation;
  readonly recurrentActivationName: RecurrentActivation;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly recurrentRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  readonly seed?: number;
}

/**
 * Checks the shared arguments in Keras' order, so the first bad one is the one reported.
 * `gateCount` sizes the recurrent kernel `[units, gateCount * units]`, refused here before anything
 * is built (an LSTM(100000) would otherwise initialize a 4 * 10^10-element matrix).
 */
export function readRecurrentConfig(
  name: string,
  option: (key: string) => unknown,
  gateCount: number,
): RecurrentArguments {
  const units = positiveInteger(name, 'units', option('units'));
  checkWeightSize(name, 'units', units, 'recurrent_kernel', [units, gateCount * units]);
  const activation = option('activation');
  const recurrentActivation = option('recurrentActivation');
  const initializer = (key: string, fallback: string) =>
    initializerOption(name, key, option(key), fallback);
  const regularizer = (key: string) => regularizerOption(name, key, option(key));
  const flag = (key: string, fallback: boolean) => booleanOption(name, key, option(key), fallback);
  const given = (key: string) => (option(key) === undefined ? 0 : option(key));
  const config = {
    units,
    activationName: recurrentActivationName(
      name,
      'activation',
      activation === undefined ? 'tanh' : activation,
    ),
    recurrentActivationName: recurrentActivationName(
      name,
      'recurrentActivation',
      recurrentActivation === undefined ? 'sigmoid' : recurrentActivation,
    ),
    useBias: flag('useBias', true),
    kernelInitializer: initializer('kernelInitializer', 'glorotUniform'),
    recurrentInitializer: initializer('recurrentInitializer', 'orthogonal'),
    biasInitializer: initializer('biasInitializer', 'zeros'),
    kernelRegularizer: regularizer('kernelRegularizer'),
    recurrentRegularizer: regularizer('recurrentRegularizer'),
    biasRegularizer: regularizer('biasRegularizer'),
    dropout: rate(name, 'dropout', given('dropout')),
    recurrentDropout: rate(name, 'recurrentDropout', given('recurrentDropout')),
    returnSequences: flag('returnSequences', false),
    returnState: flag('returnState', false),
    goBackwards: flag('goBackwards', false),
    stateful: flag('stateful', false),
  };
  // Keras' `unroll` is checked and ignored: the fused kernels never unroll.
  flag('unroll', false);
  return { ...config, seed: seedOption(name, 'seed', option('seed')) };
}

/** The shared arguments in Keras' key order (a missing seed is null, as Keras writes it). */
export function recurrentConfigEntries(layer: RecurrentArguments): Record<string, unknown> {
  return {
    units: layer.units,
    activation: layer.activationName,
    useBias: layer.useBias,
    kernelInitializer: layer.kernelInitializer.serialize(),
    recurrentInitializer: layer.recurrentInitializer.serialize(),
    biasInitializer: layer.biasInitializer.serialize(),
    kernelRegularizer: layer.kernelRegularizer?.serialize() ?? null,
    recurrentRegularizer: layer.recurrentRegularizer?.serialize() ?? null,
    biasRegularizer: layer.biasRegularizer?.serialize() ?? null,
    dropout: layer.dropout,
    recurrentDropout: layer.recurrentDropout,
    returnSequences: layer.returnSequences,
    returnState: layer.returnState,
    goBackwards: layer.goBackwards,
    stateful: layer.stateful,
    seed: layer.seed ?? null,
  };
}

/** Keras serializes a missing seed as null; constructors take undefined. */
export function withoutNulls<T extends object>(config: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== null)) as T;
}
