import { ValueError } from '../errors.js';
import { describeValue } from './describe-value.js';

/** The range {@link checkNumber} accepts: bounds are inclusive (`min`, `max`) or exclusive (`above`, `below`). */
export interface NumberRange {
  /** Accept Infinity and -Infinity (default false). NaN is never accepted. */
  infinite?: boolean;
  min?: number;
  max?: number;
  above?: number;
  below?: number;
}

function rangeText(range: NumberRange): string {
  const low =
    range.min !== undefined ? `[${range.min}` : range.above !== undefined ? `(${range.above}` : '';
  const high =
    range.max !== undefined ? `${range.max}]` : range.below !== undefined ? `${range.below})` : '';
  if (low && high) return ` in ${low}, ${high}`;
  if (low) return low.startsWith('[') ? ` >= ${range.min}` : ` > ${range.above}`;
  if (high) return high.endsWith(']') ? ` <= ${range.max}` : ` < ${range.below}`;
  return '';
}

/**
 * Checks a number argument: a number (never NaN, finite unless `infinite`) within the range.
 * Strings are refused even when they would convert (`'0.5'`), so nothing is coerced silently.
 *
 * @example
 * ```ts
 * import { checkNumber } from '@recur/tensor';
 * checkNumber('dropout', 'rate', 0.5, { min: 0, below: 1 }); // 0.5
 * // checkNumber('dropout', 'rate', 1, { min: 0, below: 1 }) throws
 * //   "dropout: expected rate to be a finite number in [0, 1), received 1"
 * ```
 */
export function checkNumber(
  op: string,
  name: string,
  value: unknown,
  range: NumberRange = {},
): number {
  if (typeof range !== 'object' || range === null)
    throw new ValueError('checkNumber', 'range to be an object', describeValue(range));
  const { infinite = false, min, max, above, below } = range;
  const valid =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (infinite || Number.isFinite(value)) &&
    (min === undefined || value >= min) &&
    (max === undefined || value <= max) &&
    (above === undefined || value > above) &&
    (below === undefined || value < below);
  if (!valid)
    throw new ValueError(
      op,
      `${name} to be a ${infinite ? '' : 'finite '}number${rangeText(range)}`,
      describeValue(value),
    );
  return value as number;
}
