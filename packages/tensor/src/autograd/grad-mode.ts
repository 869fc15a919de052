import { ValueError } from '../errors.js';
import { describeValue } from '../validation/describe-value.js';

let enabled = true;

/**
 * Runs `fn` without recording ops for autograd (inference, optimizer updates, metrics). Results
 * do not require gradients. `fn` must be synchronous: recording resumes when it returns.
 *
 * @example
 * ```ts
 * import { noGrad, ones } from '@recur/tensor';
 * const w = ones([2], { requiresGrad: true });
 * const y = noGrad(() => w.mul(3));
 * console.log(y.requiresGrad); // false
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  if (typeof fn !== 'function')
    throw new ValueError('noGrad', 'fn to be a function', describeValue(fn));
  const previous = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

/** Whether ops are currently recorded for autograd. */
export function isGradEnabled(): boolean {
  return enabled;
}
