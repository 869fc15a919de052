import { ValueError } from '@recur/tensor';
import { describeValue, isPlainObject } from './validation.js';
import {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  Huber,
  KLDivergence,
  LogCosh,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredError,
  SparseCategoricalCrossentropy,
} from './loss-classes.js';
import { Loss, type LossFunction, LossFunctionWrapper, type SerializedObject } from './loss.js';

// biome-ignore lint/suspicious/noExplicitAny: each class takes its own config type
type LossClass = new (config?: any) => Loss;

// Maps, so that 'constructor', 'toString' or '__proto__' finds nothing instead of a property of
// Object.prototype.
const CLASSES: ReadonlyMap<string, LossClass> = new Map<string, LossClass>([
  ['MeanSquaredError', MeanSquaredError],
  ['MeanAbsoluteError', MeanAbsoluteError],
  ['MeanAbsolutePercentageError', MeanAbsolutePercentageError],
  ['Huber', Huber],
  ['LogCosh', LogCosh],
  ['KLDivergence', KLDivergence],
  ['BinaryCrossentropy', BinaryCrossentropy],
  ['CategoricalCrossentropy', CategoricalCrossentropy],
  ['SparseCategoricalCrossentropy', SparseCategoricalCrossentropy],
]);

// Keras function names and aliases (keras.losses.get), plus the camelCase function names of this
// package; each resolves to its loss class.
const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    mean_squared_error: 'MeanSquaredError',
    mse: 'MeanSquaredError',
    MSE: 'MeanSquaredError',
    meanSquaredError: 'MeanSquaredError',
    mean_absolute_error: 'MeanAbsoluteError',
    mae: 'MeanAbsoluteError',
    MAE: 'MeanAbsoluteError',
    meanAbsoluteError: 'MeanAbsoluteError',
    mean_absolute_percentage_error: 'MeanAbsolutePercentageError',
    mape: 'MeanAbsolutePercentageError',
    MAPE: 'MeanAbsolutePercentageError',
    meanAbsolutePercentageError: 'MeanAbsolutePercentageError',
    huber: 'Huber',
    huber_loss: 'Huber',
    log_cosh: 'LogCosh',
    logcosh: 'LogCosh',
    logCosh: 'LogCosh',
    kl_divergence: 'KLDivergence',
    kullback_leibler_divergence: 'KLDivergence',
    kld: 'KLDivergence',
    KLD: 'KLDivergence',
    klDivergence: 'KLDivergence',
    kullbackLeiblerDivergence: 'KLDivergence',
    binary_crossentropy: 'BinaryCrossentropy',
    bce: 'BinaryCrossentropy',
    BCE: 'BinaryCrossentropy',
    binaryCrossentropy: 'BinaryCrossentropy',
    categorical_crossentropy: 'CategoricalCrossentropy',
    categoricalCrossentropy: 'CategoricalCrossentropy',
    sparse_categorical_crossentropy: 'SparseCategoricalCrossentropy',
    sparseCategoricalCrossentropy: 'SparseCategoricalCrossentropy',
  }),
);

/**
 * The names {@link getLoss} understands: Keras class names (`'MeanSquaredError'`), Keras function
 * names and aliases (`'mean_squared_error'`, `'mse'`, `'kld'`, `'kullback_leibler_divergence'`,
 * ...) and this package's camelCase function names (`'meanSquaredError'`, ...).
 *
 * @example
 * ```ts
 * import { lossNames } from '@recur/losses';
 * console.log(lossNames().includes('categorical_crossentropy')); // true
 * ```
 */
export function lossNames(): string[] {
  return [...CLASSES.keys(), ...ALIASES.keys()];
}

/** Anything {@link getLoss} turns into a {@link Loss}. */
export type LossIdentifier = string | Loss | LossFunction | SerializedObject;

/**
 * Resolves a loss: a name (see {@link lossNames}), a {@link Loss} (returned as is), a function
 * `(yTrue, yPred) => per-sample values` (wrapped in {@link LossFunctionWrapper}), or a serialised
 * `{ className, config }`. Always returns a `Loss` object, so a model can call `compute`. As in
 * Keras' `compile`, a loss resolved from a function name or alias is named after the string
 * given (`getLoss('mse').name === 'mse'`); a class name keeps the Keras default name.
 *
 * @example
 * ```ts
 * import { getLoss } from '@recur/losses';
 * getLoss('categorical_crossentropy').className; // 'CategoricalCrossentropy'
 * getLoss('kld').name; // 'kld'
 * getLoss({ className: 'SparseCategoricalCrossentropy', config: { fromLogits: true } });
 * ```
 */
export function getLoss(identifier: LossIdentifier): Loss {
  if (identifier instanceof Loss) return identifier;
  if (typeof identifier === 'function') return new LossFunctionWrapper(identifier);
  if (typeof identifier === 'string') {
    const create = CLASSES.get(identifier);
    if (create) return new create();
    const alias = ALIASES.get(identifier);
    if (alias !== undefined) return new (CLASSES.get(alias) as LossClass)({ name: identifier });
    throw new ValueError(
      'getLoss',
      `a loss name among ${lossNames().join(', ')}`,
      describeValue(identifier),
    );
  }
  if (isPlainObject(identifier) && 'className' in identifier)
    return lossFromConfig(identifier as unknown as SerializedObject);
  throw new ValueError(
    'getLoss',
    'a loss name, a Loss, a function (yTrue, yPred) => Tensor, or { className, config }',
    describeValue(identifier),
  );
}

/**
 * Rebuilds a loss from {@link Loss.getConfig}'s output. The class name may also be a Keras
 * function name or alias (`'mse'`). A {@link LossFunctionWrapper} cannot be rebuilt (its function
 * is code, not data): pass the function itself to {@link getLoss} instead. The class refuses
 * options it does not take.
 *
 * @example
 * ```ts
 * import { BinaryCrossentropy, lossFromConfig } from '@recur/losses';
 * const copy = lossFromConfig(new BinaryCrossentropy({ fromLogits: true }).getConfig());
 * ```
 */
export function lossFromConfig(serialized: SerializedObject): Loss {
  if (!isPlainObject(serialized))
    throw new ValueError('lossFromConfig', '{ className, config }', describeValue(serialized));
  const { className } = serialized;
  const name = typeof className === 'string' ? (ALIASES.get(className) ?? className) : undefined;
  const create = name === undefined ? undefined : CLASSES.get(name);
  if (create === undefined) {
    throw new ValueError(
      'lossFromConfig',
      `a className among ${lossNames().join(', ')}`,
      describeValue(className),
    );
  }
  return new create(serialized.config ?? {});
}
