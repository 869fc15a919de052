import { type BackendName, chooseBackend } from './choose-backend.js';
import { ValueError } from '../errors.js';
import type { Backend } from './backend.js';
import { jsBackend } from './js/js-backend.js';
import { nativeBackend } from './native/native-backend.js';

let current: Backend | null = null;

/**
 * The backend every op runs its kernels on (chosen from `RECUR_BACKEND` on first use). It is
 * total: where the addon declines a case, the native backend's own method runs the TS kernel.
 */
export function currentBackend(): Backend {
  if (current === null) current = chooseBackend().name === 'native' ? nativeBackend : jsBackend;
  return current;
}

/**
 * Selects the backend for all following ops: `'native'` (throws `NativeUnavailableError`, with the
 * fixes, when the addon cannot load) or `'js'`. The default comes from `RECUR_BACKEND`.
 *
 * @example
 * ```ts
 * import { getBackend, setBackend } from '@recur/tensor';
 * setBackend('js');
 * console.log(getBackend()); // 'js'
 * ```
 */
export function setBackend(name: BackendName): void {
  if (name !== 'native' && name !== 'js') {
    throw new ValueError('setBackend', "'native' or 'js'", JSON.stringify(name));
  }
  current = chooseBackend(name).name === 'native' ? nativeBackend : jsBackend;
}

/**
 * The backend ops run on: `'native'` or `'js'`.
 *
 * @example
 * ```ts
 * import { getBackend } from '@recur/tensor';
 * console.log(getBackend());
 * ```
 */
export function getBackend(): BackendName {
  return currentBackend().name;
}
