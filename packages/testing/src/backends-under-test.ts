import { backendInfo } from '@recur/tensor';

export type BackendName = 'native' | 'js';

/**
 * The backends the suite runs on: the one `RECUR_BACKEND` names (npm test runs the suite once with
 * each), or, when unset, every backend available here.
 *
 * @example
 * ```ts
 * import { backendsUnderTest } from '@recur/testing';
 * console.log(backendsUnderTest()); // ['native', 'js'] on a machine with the addon
 * ```
 */
export function backendsUnderTest(): BackendName[] {
  const requested = process.env.RECUR_BACKEND;
  if (requested === 'native' || requested === 'js') return [requested];
  return backendInfo().native.loaded ? ['native', 'js'] : ['js'];
}
