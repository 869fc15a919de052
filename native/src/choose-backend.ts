import { NativeUnavailableError, RecurConfigurationError } from './errors.js';
import { loadNative } from './load-native.js';
import type { NativeBinding } from './native-binding.js';

/** The backends recur can run on. */
export type BackendName = 'native' | 'js';

/** Which backend to use and why. */
export type BackendChoice =
  | { name: 'native'; binding: NativeBinding; reason: string }
  | { name: 'js'; binding: null; reason: string };

let noticeShown = false;

/**
 * Decides the backend from a request (default: the `RECUR_BACKEND` environment variable):
 * - `'js'`: the TypeScript backend; the addon is not loaded, no notice.
 * - `'native'`: the addon, or a thrown {@link NativeUnavailableError} listing the fixes.
 * - unset or `'auto'`: the addon when it loads, otherwise the TypeScript backend with a one-line
 *   notice on stderr (once per process).
 *
 * @example
 * ```ts
 * import { chooseBackend } from '@recur/native';
 * const choice = chooseBackend();
 * console.log(choice.name, choice.reason);
 * ```
 */
export function chooseBackend(requested = process.env.RECUR_BACKEND): BackendChoice {
  const request = (requested ?? '').trim().toLowerCase();
  if (request === 'js')
    return { name: 'js', binding: null, reason: 'requested (RECUR_BACKEND=js)' };
  if (request !== '' && request !== 'auto' && request !== 'native') {
    throw new RecurConfigurationError('RECUR_BACKEND', "'native', 'js' or 'auto'", requested ?? '');
  }
  const loaded = loadNative();
  if (loaded.binding) {
    const reason = request === 'native' ? 'requested (RECUR_BACKEND=native)' : 'addon loaded';
    return { name: 'native', binding: loaded.binding, reason };
  }
  if (request === 'native') throw new NativeUnavailableError(loaded.reason);
  if (!noticeShown) {
    noticeShown = true;
    process.stderr.write(
      `recur: native addon unavailable (${loaded.reason}); using the TypeScript backend. Set RECUR_BACKEND=js to silence; run 'npx recur info' for details.\n`,
    );
  }
  return { name: 'js', binding: null, reason: `fallback: ${loaded.reason}` };
}
