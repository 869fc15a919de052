/**
 * `fallback` when `value` is absent (`undefined`). Unlike `??`, a `null` stays, so the check that
 * follows refuses it instead of silently taking the default (Keras' `reduction=None` means no
 * reduction, not the default one).
 *
 * @example
 * ```ts
 * import { orDefault } from '@recur/tensor';
 * orDefault(undefined, 0); // 0
 * orDefault(null, 0); // null
 * ```
 */
export function orDefault(value: unknown, fallback: unknown): unknown {
  return value === undefined ? fallback : value;
}
