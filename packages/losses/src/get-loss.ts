import { ValueError } from '@recur/tensor';
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

interface LossEntry {
  create: LossClass;
  /** Option names besides `name` and `reduction`. */
  options: readonly string[];
}

const CLASSES: Record<string, LossEntry> = {
  MeanSquaredError: { create: MeanSquaredError, options: [] },
  MeanAbsoluteError: { create: MeanAbsoluteError, options: [] },
  MeanAbsolutePercentageError: { create: MeanAbsolutePercentageError, options: [] },
  Huber: { create: Huber, options: ['delta'] },
  LogCosh: { create: LogCosh, options: [] },
  KLDivergence: { create: KLDivergence, options: [] },
  BinaryCrossentropy: {
    create: BinaryCrossentropy,
    options: ['fromLogits', 'labelSmoothing', 'axis'],
  },
  CategoricalCrossentropy: {
    create: CategoricalCrossentropy,
    options: ['fromLogits', 'labelSmoothing', 'axis'],
  },
  SparseCategoricalCrossentropy: {
    create: SparseCategoricalCrossentropy,
    options: ['fromLogits', 'ignoreClass'],
  },
};

// Keras function names and aliases (keras.losses.get), plus the camelCase function names of this
// package; each resolves to its loss class.
const ALIASES: Record<string, string> = {
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
};

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
  return [...Object.keys(CLASSES), ...Object.keys(ALIASES)];
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
    if (Object.hasOwn(CLASSES, identifier)) return new CLASSES[identifier].create();
    if (Object.hasOwn(ALIASES, identifier))
      return new CLASSES[ALIASES[identifier]].create({ name: identifier });
    throw new ValueError(
      'getLoss',
      `a loss name such as 'mse', 'categorical_crossentropy' or 'SparseCategoricalCrossentropy' (see lossNames())`,
      JSON.stringify(identifier),
    );
  }
  if (identifier !== null && typeof identifier === 'object' && 'className' in identifier)
    return lossFromConfig(identifier);
  throw new ValueError(
    'getLoss',
    'a loss name, a Loss, a function (yTrue, yPred) => Tensor, or { className, config }',
    describe(identifier),
  );
}

/**
 * Rebuilds a loss from {@link Loss.getConfig}'s output. The class name may also be a Keras
 * function name or alias (`'mse'`). A {@link LossFunctionWrapper} cannot be rebuilt (its function
 * is code, not data): pass the function itself to {@link getLoss} instead.
 *
 * @example
 * ```ts
 * import { BinaryCrossentropy, lossFromConfig } from '@recur/losses';
 * const copy = lossFromConfig(new BinaryCrossentropy({ fromLogits: true }).getConfig());
 * ```
 */
export function lossFromConfig(serialized: SerializedObject): Loss {
  const { className, config = {} } = serialized;
  const resolved = Object.hasOwn(CLASSES, className) ? className : ALIASES[className];
  if (resolved === undefined || !Object.hasOwn(CLASSES, resolved)) {
    throw new ValueError(
      'lossFromConfig',
      `a className among ${Object.keys(CLASSES).join(', ')}`,
      JSON.stringify(className),
    );
  }
  const entry = CLASSES[resolved];
  const allowed = new Set(['name', 'reduction', ...entry.options]);
  const unknown = Object.keys(config).filter((key) => !allowed.has(key));
  if (unknown.length > 0) {
    throw new ValueError(
      'lossFromConfig',
      `${resolved} options among ${[...allowed].join(', ')}`,
      unknown.join(', '),
    );
  }
  return new entry.create(config);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object with keys ${Object.keys(value).join(', ')}`;
  return `${typeof value} ${String(value)}`;
}
