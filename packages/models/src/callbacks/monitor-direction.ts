import type { CallbackModel } from './callback.js';

/** How a monitoring callback reads its quantity: `'min'` (lower is better), `'max'`, or inferred. */
export type MonitorMode = 'auto' | 'min' | 'max';

/** The modes callbacks accept. */
export const MONITOR_MODES: readonly MonitorMode[] = ['auto', 'min', 'max'];

/** What `'auto'` may find on the model: `@recur/losses` metrics carry a `direction`. */
interface MetricWithDirection {
  name: string;
  direction: 'up' | 'down';
}

/**
 * Which way is better for `monitor` under `mode`. In `'auto'` mode, with the `val_` prefix
 * dropped: the direction of the model's metric of that name when the model exposes its metrics
 * (`model.metrics`, an array of `{ name, direction }` like `@recur/losses` metrics; the
 * `CallbackModel` contract has no such member, so it is looked up at run time), else `'min'` for
 * `loss`, `'max'` when the name contains `acc` (accuracy, binary_accuracy, acc...), and `'min'`
 * for everything else (errors, losses, perplexity). Keras 3 raises for names it cannot place;
 * defaulting to `'min'` follows Keras 2 and suits the error metrics recurrent models report.
 *
 * @example
 * ```ts
 * monitorDirection('val_accuracy', 'auto', null); // 'max'
 * monitorDirection('val_mae', 'auto', null); // 'min'
 * ```
 */
export function monitorDirection(
  monitor: string,
  mode: MonitorMode,
  model: CallbackModel | null,
): 'min' | 'max' {
  if (mode !== 'auto') return mode;
  const name = monitor.startsWith('val_') ? monitor.slice(4) : monitor;
  const metric = modelMetrics(model).find((candidate) => candidate.name === name);
  if (metric !== undefined) return metric.direction === 'up' ? 'max' : 'min';
  if (name === 'loss') return 'min';
  return name.includes('acc') ? 'max' : 'min';
}

function modelMetrics(model: CallbackModel | null): MetricWithDirection[] {
  const metrics = (model as { metrics?: unknown } | null)?.metrics;
  if (!Array.isArray(metrics)) return [];
  return metrics.filter(
    (metric): metric is MetricWithDirection =>
      typeof metric === 'object' &&
      metric !== null &&
      typeof (metric as MetricWithDirection).name === 'string' &&
      ((metric as MetricWithDirection).direction === 'up' ||
        (metric as MetricWithDirection).direction === 'down'),
  );
}

/**
 * Keras' improvement test: with `minDelta` >= 0, `current` improves on `reference` when it beats
 * it by more than `minDelta` in the better direction; anything improves on no reference yet.
 * NaN never improves.
 *
 * @example
 * ```ts
 * isImprovement(0.5, 0.6, 'min', 0.05); // true
 * isImprovement(0.58, 0.6, 'min', 0.05); // false
 * ```
 */
export function isImprovement(
  current: number,
  reference: number | null,
  direction: 'min' | 'max',
  minDelta: number,
): boolean {
  if (Number.isNaN(current)) return false;
  if (reference === null) return true;
  return direction === 'min' ? current + minDelta < reference : current - minDelta > reference;
}
