import { type BackendName, chooseBackend } from './choose-backend.js';
import type { DType } from '../dtype.js';
import { ValueError } from '../errors.js';
import type { Backend, KernelName } from './backend.js';
import { jsBackend } from './js/js-backend.js';
import { nativeBackend } from './native/native-backend.js';

let current: Backend | null = null;

function resolve(): Backend {
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
  return resolve().name;
}

/** The backend that runs `kernel` for `dtype`: the current one if it supports it, else TS. */
export function backendFor(kernel: KernelName, dtype: DType): Backend {
  const backend = resolve();
  return backend.supports(kernel, dtype) ? backend : jsBackend;
}
