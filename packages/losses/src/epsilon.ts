/**
 * Keras' `backend.epsilon()`: the fuzz factor that keeps probabilities away from 0 and 1 before a
 * logarithm, and denominators away from 0.
 *
 * @example
 * ```ts
 * import { EPSILON } from '@recur/losses';
 * console.log(EPSILON); // 1e-7
 * ```
 */
export const EPSILON = 1e-7;
