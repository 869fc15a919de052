import { ValueError } from '@recur/tensor';
import { CosineDecay, type CosineDecayConfig } from './cosine-decay.js';
import { ExponentialDecay, type ExponentialDecayConfig } from './exponential-decay.js';
import type { LearningRateSchedule, SerializedObject } from './learning-rate-schedule.js';
import {
  PiecewiseConstantDecay,
  type PiecewiseConstantDecayConfig,
} from './piecewise-constant-decay.js';
import { describeValue, isPlainObject, optionsObject } from '../validation.js';
import { Warmup, type WarmupConfig } from './warmup.js';

/**
 * Rebuilds a schedule from `getConfig()`'s output (nested schedules included).
 *
 * @example
 * ```ts
 * import { CosineDecay, scheduleFromConfig } from '@recur/optim';
 * const copy = scheduleFromConfig(new CosineDecay({ initialLearningRate: 0.1, decaySteps: 10 }).getConfig());
 * copy.valueAt(5); // 0.05
 * ```
 */
export function scheduleFromConfig(serialized: SerializedObject): LearningRateSchedule {
  if (!isPlainObject(serialized))
    throw new ValueError('scheduleFromConfig', '{ className, config }', describeValue(serialized));
  const { className } = serialized;
  const config = optionsObject(`scheduleFromConfig ${String(className)}`, serialized.config);
  switch (className) {
    case 'ExponentialDecay':
      return new ExponentialDecay(config as unknown as ExponentialDecayConfig);
    case 'CosineDecay':
      return new CosineDecay(config as unknown as CosineDecayConfig);
    case 'PiecewiseConstantDecay':
    case 'PiecewiseConstant':
      return new PiecewiseConstantDecay(config as unknown as PiecewiseConstantDecayConfig);
    case 'Warmup': {
      const { after, ...rest } = config as { after: unknown };
      const resolved = isPlainObject(after)
        ? scheduleFromConfig(after as unknown as SerializedObject)
        : after;
      return new Warmup({ ...rest, after: resolved } as WarmupConfig);
    }
    default:
      throw new ValueError(
        'scheduleFromConfig',
        'a className among ExponentialDecay, CosineDecay, PiecewiseConstantDecay, Warmup',
        describeValue(className),
      );
  }
}
