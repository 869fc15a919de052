/**
 * `@recur/optim`: optimizers with Keras 3 update rules and defaults (SGD, RMSprop, Adam, AdamW,
 * Adagrad, Adadelta, Adamax, Nadam), gradient clipping, decoupled weight decay, learning-rate
 * schedules, configs and checkpointable state.
 *
 * @module @recur/optim
 * @packageDocumentation
 */
export {
  type FloatArray,
  Optimizer,
  type OptimizerConfig,
  type OptimizerState,
} from './optimizer.js';
export { SGD, type SGDConfig } from './optimizers/sgd.js';
export { RMSprop, type RMSpropConfig } from './optimizers/rmsprop.js';
export { Adam, type AdamConfig } from './optimizers/adam.js';
export { AdamW } from './optimizers/adamw.js';
export { Adagrad, type AdagradConfig } from './optimizers/adagrad.js';
export { Adadelta, type AdadeltaConfig } from './optimizers/adadelta.js';
export { Adamax, type AdamaxConfig } from './optimizers/adamax.js';
export { Nadam, type NadamConfig } from './optimizers/nadam.js';
export { getOptimizer, optimizerFromConfig, optimizerNames } from './get-optimizer.js';

export {
  LearningRateSchedule,
  type SerializedObject,
} from './schedules/learning-rate-schedule.js';
export {
  ExponentialDecay,
  type ExponentialDecayConfig,
  exponentialDecay,
} from './schedules/exponential-decay.js';
export { CosineDecay, type CosineDecayConfig, cosineDecay } from './schedules/cosine-decay.js';
export {
  PiecewiseConstantDecay,
  type PiecewiseConstantDecayConfig,
  piecewiseConstant,
} from './schedules/piecewise-constant-decay.js';
export { Warmup, type WarmupConfig, warmup } from './schedules/warmup.js';
export { scheduleFromConfig } from './schedules/schedule-from-config.js';
