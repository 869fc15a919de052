import { ValueError } from '@recur/tensor';
import { Optimizer } from './optimizer.js';
import { Adadelta } from './optimizers/adadelta.js';
import { Adagrad } from './optimizers/adagrad.js';
import { Adam } from './optimizers/adam.js';
import { Adamax } from './optimizers/adamax.js';
import { AdamW } from './optimizers/adamw.js';
import { Nadam } from './optimizers/nadam.js';
import { RMSprop } from './optimizers/rmsprop.js';
import { SGD } from './optimizers/sgd.js';
import type { SerializedObject } from './schedules/learning-rate-schedule.js';
import { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import { scheduleFromConfig } from './schedules/schedule-from-config.js';
import { describeValue, isPlainObject, optionsObject } from './validation.js';

// biome-ignore lint/suspicious/noExplicitAny: each optimizer takes its own config type
type OptimizerClass = new (config?: any) => Optimizer;

// Keras 3 resolves optimizer names case-insensitively ('adam', 'Adam', 'ADAM'). A Map, so that
// 'constructor' or '__proto__' finds nothing rather than a property of Object.prototype.
const OPTIMIZERS: ReadonlyMap<string, OptimizerClass> = new Map<string, OptimizerClass>([
  ['sgd', SGD],
  ['rmsprop', RMSprop],
  ['adam', Adam],
  ['adamw', AdamW],
  ['adagrad', Adagrad],
  ['adadelta', Adadelta],
  ['adamax', Adamax],
  ['nadam', Nadam],
]);

/**
 * The optimizer names {@link getOptimizer} understands (any letter case).
 *
 * @example
 * ```ts
 * import { optimizerNames } from '@recur/optim';
 * optimizerNames(); // ['sgd', 'rmsprop', 'adam', 'adamw', 'adagrad', 'adadelta', 'adamax', 'nadam']
 * ```
 */
export function optimizerNames(): string[] {
  return [...OPTIMIZERS.keys()];
}

/**
 * Resolves an optimizer: a name (`'sgd'`, `'adam'`, `'rmsprop'`, ..., any case; Keras 3
 * defaults), an {@link Optimizer} (returned as is), or a serialised `{ className, config }`.
 *
 * @example
 * ```ts
 * import { getOptimizer } from '@recur/optim';
 * getOptimizer('adam').currentLearningRate(); // 0.001
 * getOptimizer({ className: 'SGD', config: { learningRate: 0.1, momentum: 0.9 } });
 * ```
 */
export function getOptimizer(identifier: string | Optimizer | SerializedObject): Optimizer {
  if (identifier instanceof Optimizer) return identifier;
  if (typeof identifier === 'string')
    return optimizerFromConfig({ className: identifier, config: {} });
  if (isPlainObject(identifier) && 'className' in identifier)
    return optimizerFromConfig(identifier as SerializedObject);
  throw new ValueError(
    'getOptimizer',
    `an optimizer name (one of ${optimizerNames().join(', ')}), an Optimizer, or { className, config }`,
    describeValue(identifier),
  );
}

/**
 * Rebuilds an optimizer from {@link Optimizer.getConfig}'s output (schedules included). The
 * result has no state: restore one with `setState`.
 *
 * @example
 * ```ts
 * import { Adam, optimizerFromConfig } from '@recur/optim';
 * const copy = optimizerFromConfig(new Adam({ learningRate: 0.01, amsgrad: true }).getConfig());
 * ```
 */
export function optimizerFromConfig(serialized: SerializedObject): Optimizer {
  if (!isPlainObject(serialized))
    throw new ValueError('optimizerFromConfig', '{ className, config }', describeValue(serialized));
  const { className } = serialized;
  const create =
    typeof className === 'string' ? OPTIMIZERS.get(className.toLowerCase()) : undefined;
  if (create === undefined)
    throw new ValueError(
      'optimizerFromConfig',
      `an optimizer among ${optimizerNames().join(', ')}`,
      describeValue(className),
    );
  const config = optionsObject(`optimizerFromConfig ${className}`, serialized.config);
  const { learningRate, ...rest } = config;
  const resolved =
    learningRate !== null &&
    typeof learningRate === 'object' &&
    !(learningRate instanceof LearningRateSchedule)
      ? scheduleFromConfig(learningRate as SerializedObject)
      : learningRate;
  return new create(resolved === undefined ? rest : { ...rest, learningRate: resolved });
}
