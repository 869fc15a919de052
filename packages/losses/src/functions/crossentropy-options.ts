import { checkBoolean, checkInteger, checkRange, orDefault } from '../validation.js';

/** The checked options of binary and categorical cross-entropy (Keras defaults). */
export interface CrossentropySettings {
  fromLogits: boolean;
  labelSmoothing: number;
  axis: number;
}

/**
 * Reads and checks `fromLogits` (a boolean), `labelSmoothing` (in [0, 1]) and `axis` (an
 * integer, resolved against the predictions later) for the functions and the loss classes alike.
 *
 * @example
 * ```ts
 * import { crossentropyOptions } from './crossentropy-options.js';
 * crossentropyOptions('binaryCrossentropy', { fromLogits: true });
 * // { fromLogits: true, labelSmoothing: 0, axis: -1 }
 * ```
 */
export function crossentropyOptions(
  op: string,
  options: Record<string, unknown>,
): CrossentropySettings {
  return {
    fromLogits: checkBoolean(op, 'fromLogits', options.fromLogits, false),
    labelSmoothing: checkRange(op, 'labelSmoothing', orDefault(options.labelSmoothing, 0), 0, 1),
    axis: checkInteger(op, 'axis', orDefault(options.axis, -1)) as number,
  };
}
