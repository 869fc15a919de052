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

// biome-ignore lint/suspicious/noExplicitAny: each optimizer takes its own config type
type OptimizerClass = new (config?: any) => Optimizer;

// Keras 3 resolves optimizer names case-insensitively ('adam', 'Adam', 'ADAM').
const OPTIMIZERS: Record<string, OptimizerClass> = {
  sgd: SGD,
  rmsprop: RMSprop,
  adam: Adam,
  adamw: AdamW,
  adagrad: Adagrad,
  adadelta: Adadelta,
  adamax: Adamax,
  nadam: Nadam,
};

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
  return Object.keys(OPTIMIZERS);
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
  if (identifier !== null && typeof identifier === 'object' && 'className' in identifier)
    return optimizerFromConfig(identifier);
  throw new ValueError(
    'getOptimizer',
    "an optimizer name such as 'adam', an Optimizer, or { className, config }",
    String(identifier),
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
  const { className, config = {} } = serialized;
  const create = typeof className === 'string' ? OPTIMIZERS[className.toLowerCase()] : undefined;
  if (create === undefined || !Object.hasOwn(OPTIMIZERS, String(className).toLowerCase()))
    throw new ValueError(
      'optimizerFromConfig',
      `an optimizer among ${optimizerNames().join(', ')}`,
      JSON.stringify(className),
    );
  const { learningRate, ...rest } = config as { learningRate?: unknown };
  const resolved =
    learningRate !== null &&
    typeof learningRate === 'object' &&
    !(learningRate instanceof LearningRateSchedule)
      ? scheduleFromConfig(learningRate as SerializedObject)
      : learningRate;
  return new create(resolved === undefined ? rest : { ...rest, learningRate: resolved });
}
