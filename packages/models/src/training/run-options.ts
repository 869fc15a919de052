import { Tensor, ValueError } from '@recur/tensor';
import { Callback } from '../callbacks/callback.js';
import {
  checkBoolean,
  checkChoice,
  checkKeys,
  checkNonNegativeInteger,
  checkPositiveInteger,
  show,
} from '../callbacks/option-checks.js';
import type { BatchSource, ModelData } from './data-adapter.js';

export interface FitOptions {
  batchSize?: number;
  epochs?: number;
  /** 0 silent, 1 progress bar (plain lines when not a TTY), 2 one line per epoch. */
  verbose?: 0 | 1 | 2;
  /** The last fraction of the samples (taken before shuffling, as Keras) for validation. */
  validationSplit?: number;
  /** `[x, y]` or `[x, y, sampleWeight]` arrays, or a batch source. */
  validationData?: [ModelData, ModelData] | [ModelData, ModelData, Tensor] | BatchSource;
  validationBatchSize?: number;
  shuffle?: boolean;
  callbacks?: Callback[];
  /** Per-sample weights `[N]` (or per-timestep `[N, T]`) for the first output. */
  sampleWeight?: Tensor;
  /** A weight per class index, turned into sample weights from the labels. */
  classWeight?: Record<number, number>;
  initialEpoch?: number;
  /** For infinite batch sources: batches per epoch. */
  stepsPerEpoch?: number;
  /** Stops training cleanly at the next batch boundary. */
  signal?: AbortSignal;
  /**
   * Seeds this fit's shuffling. Without it, each fit of a model takes the next seed of the
   * model's own stream (started from the global `seed()` at its first fit), so fits of different
   * models running at the same time do not change each other's batches.
   */
  seed?: number;
}

export interface EvaluateOptions {
  batchSize?: number;
  sampleWeight?: Tensor;
  verbose?: 0 | 1 | 2;
}

export interface PredictOptions {
  batchSize?: number;
}

const FIT_KEYS = [
  'batchSize',
  'epochs',
  'verbose',
  'validationSplit',
  'validationData',
  'validationBatchSize',
  'shuffle',
  'callbacks',
  'sampleWeight',
  'classWeight',
  'initialEpoch',
  'stepsPerEpoch',
  'signal',
  'seed',
] as const;

function optional<T>(value: T | undefined, check: (value: T) => unknown): void {
  if (value !== undefined) check(value);
}

function checkSampleWeight(op: string, value: unknown): void {
  // null, like undefined, means no weights.
  if (value !== null && !(value instanceof Tensor))
    throw new ValueError(op, 'sampleWeight a Tensor', show(value));
}

/**
 * Checks every option of `fit` before any data is touched: the names (a misspelt or snake_case
 * option would otherwise be ignored) and the type and range of each value, so a bad value is a
 * ValueError naming the option instead of a silent no-op (`initialEpoch: NaN` trained nothing and
 * returned an empty history) or a failure deep in the loop.
 */
export function checkFitOptions(options: unknown): FitOptions {
  const op = 'fit';
  if (options === undefined || options === null) return {};
  checkKeys(op, options, FIT_KEYS);
  const o = options as FitOptions;
  optional(o.batchSize, (v) => checkPositiveInteger(op, 'batchSize', v));
  optional(o.epochs, (v) => checkNonNegativeInteger(op, 'epochs', v));
  optional(o.verbose, (v) => checkChoice(op, 'verbose', v, [0, 1, 2] as const));
  optional(o.validationSplit, (v) => {
    if (typeof v !== 'number' || !(v >= 0 && v < 1))
      throw new ValueError(op, 'validationSplit a number in [0, 1)', show(v));
  });
  optional(o.validationBatchSize, (v) => checkPositiveInteger(op, 'validationBatchSize', v));
  optional(o.shuffle, (v) => checkBoolean(op, 'shuffle', v));
  optional(o.callbacks, (v) => {
    if (!Array.isArray(v) || !v.every((c) => c instanceof Callback))
      throw new ValueError(op, 'callbacks a list of Callback instances', show(v));
  });
  optional(o.sampleWeight, (v) => checkSampleWeight(op, v));
  optional(o.classWeight, (v) => {
    const valid =
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      Object.entries(v).every(
        ([key, weight]) =>
          /^(0|[1-9]\d*)$/.test(key) && typeof weight === 'number' && Number.isFinite(weight),
      );
    if (!valid)
      throw new ValueError(op, 'classWeight an object of finite weights by class index', show(v));
  });
  const epochs = o.epochs ?? 1;
  optional(o.initialEpoch, (v) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > epochs)
      throw new ValueError(op, `initialEpoch an integer in [0, epochs = ${epochs}]`, show(v));
  });
  optional(o.stepsPerEpoch, (v) => checkPositiveInteger(op, 'stepsPerEpoch', v));
  optional(o.signal, (v) => {
    if (!(v instanceof AbortSignal)) throw new ValueError(op, 'signal an AbortSignal', show(v));
  });
  optional(o.seed, (v) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v))
      throw new ValueError(op, 'seed an integer', show(v));
  });
  optional(o.validationData, (v) => {
    const arrays = Array.isArray(v) && (v.length === 2 || v.length === 3);
    const source =
      !Array.isArray(v) &&
      typeof v === 'object' &&
      v !== null &&
      (Symbol.asyncIterator in v || Symbol.iterator in v);
    if (!arrays && !source)
      throw new ValueError(
        op,
        'validationData [x, y], [x, y, sampleWeight] or a dataset of batches',
        show(v),
      );
    if (arrays && v.length === 3 && v[2] !== undefined) checkSampleWeight(op, v[2]);
  });
  return o;
}

/** The options of `evaluate`, checked like {@link checkFitOptions}. */
export function checkEvaluateOptions(options: unknown): EvaluateOptions {
  const op = 'evaluate';
  if (options === undefined || options === null) return {};
  checkKeys(op, options, ['batchSize', 'sampleWeight', 'verbose']);
  const o = options as EvaluateOptions;
  optional(o.batchSize, (v) => checkPositiveInteger(op, 'batchSize', v));
  optional(o.sampleWeight, (v) => checkSampleWeight(op, v));
  optional(o.verbose, (v) => checkChoice(op, 'verbose', v, [0, 1, 2] as const));
  return o;
}

/** The options of `predict`, checked like {@link checkFitOptions}. */
export function checkPredictOptions(options: unknown): PredictOptions {
  const op = 'predict';
  if (options === undefined || options === null) return {};
  checkKeys(op, options, ['batchSize']);
  const o = options as PredictOptions;
  optional(o.batchSize, (v) => checkPositiveInteger(op, 'batchSize', v));
  return o;
}
