/**
 * `@recur/models`: Sequential and functional models with Keras' training API (compile, fit,
 * evaluate, predict, summary), callbacks, save/load in safetensors, and inference helpers.
 *
 * @module @recur/models
 * @packageDocumentation
 */
export { input, type InputOptions } from './input.js';
export { Model, type ModelConfig } from './model.js';
export type { CompileConfig, CompileOptions } from './training/compile-settings.js';
export type { EvaluateOptions, FitOptions, PredictOptions } from './training/run-options.js';
export { Sequential } from './sequential.js';
export {
  Callback,
  type CallbackModel,
  type Logs,
  type TrainingParams,
} from './callbacks/callback.js';
export { CallbackList } from './callbacks/callback-list.js';
export { History } from './callbacks/history.js';
export { EarlyStopping, type EarlyStoppingOptions } from './callbacks/early-stopping.js';
export { ModelCheckpoint, type ModelCheckpointOptions } from './callbacks/model-checkpoint.js';
export {
  ReduceLROnPlateau,
  type ReduceLROnPlateauOptions,
} from './callbacks/reduce-lr-on-plateau.js';
export {
  LearningRateScheduler,
  type EpochLearningRate,
} from './callbacks/learning-rate-scheduler.js';
export { TerminateOnNaN } from './callbacks/terminate-on-nan.js';
export { CSVLogger, type CSVLoggerOptions } from './callbacks/csv-logger.js';
export { LambdaCallback, type LambdaCallbackHooks } from './callbacks/lambda-callback.js';
export {
  ProgressBarLogger,
  type ProgressBarLoggerOptions,
  type ProgressStream,
} from './callbacks/progress-bar-logger.js';
export type { MonitorMode } from './callbacks/monitor-direction.js';
export type { ArrayInput, BatchSource, DataBatch, ModelData } from './training/data-adapter.js';
export type { LossSpec, MetricSpec } from './training/compiled-state.js';
export { modelFromConfig } from './model-from-config.js';
export { type SamplingOptions, sampleToken } from './inference/sample-token.js';
export { type GenerateOptions, generateSequence } from './inference/generate-sequence.js';
export { type ForecastOptions, forecast } from './inference/forecast.js';
export { type LoadOptions, loadModel, loadWeights } from './saving/load-model.js';
export { DEFAULT_LOAD_LIMITS, type LoadLimits } from './saving/load-limits.js';
export { MODEL_FORMAT_VERSION } from './saving/model-document.js';
export type { SaveOptions } from './saving/save-model.js';
export { ModelFileError } from './saving/saving-errors.js';
export {
  readSafetensors,
  readSafetensorsHeader,
  writeSafetensors,
  encodeSafetensors,
} from './saving/safetensors.js';
export { removeStaleTempFiles, writeFileAtomic } from './saving/atomic-write.js';
