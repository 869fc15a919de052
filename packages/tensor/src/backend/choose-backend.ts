import { CLONE_FIX, NativeUnavailableError, RecurConfigurationError } from './backend-errors.js';
import { nativeRuntime } from './native/native-runtime.js';

/** The backends recur can run on. */
export type BackendName = 'native' | 'js';

/** Which backend to use and why. */
export interface BackendChoice {
  name: BackendName;
  reason: string;
}

let noticeShown = false;

/**
 * Decides the backend from a request (default: the `RECUR_BACKEND` environment variable):
 * - `'js'`: the TypeScript backend; the addon is not loaded, no notice.
 * - `'native'`: the addon, or a thrown {@link NativeUnavailableError} with the reason and the fixes.
 * - unset or `'auto'`: the addon when `@recur/native` is installed and its addon loads, otherwise
 *   the TypeScript backend with a one-line notice on stderr (once per process) naming the fix.
 *
 * @example
 * ```ts
 * import { chooseBackend } from '@recur/tensor';
 * const choice = chooseBackend();
 * console.log(choice.name, choice.reason);
 * ```
 */
export function chooseBackend(requested = process.env.RECUR_BACKEND): BackendChoice {
  const choice = decideBackend(requested);
  if (choice.fallback && !noticeShown) {
    noticeShown = true;
    process.stderr.write(
      `recur: native backend unavailable (${choice.fallback.reason}); using the TypeScript backend. To get it: ${choice.fallback.fix}; in a clone of recur: ${CLONE_FIX}. RECUR_BACKEND=js silences this.\n`,
    );
  }
  return { name: choice.name, reason: choice.reason };
}

/**
 * {@link chooseBackend} without the notice (for reports that state the reason themselves):
 * `fallback` holds why the native backend is unavailable and the fix, when auto fell back.
 */
export function decideBackend(
  requested = process.env.RECUR_BACKEND,
): BackendChoice & { fallback: { reason: string; fix: string } | null } {
  const request = (requested ?? '').trim().toLowerCase();
  if (request === 'js')
    return { name: 'js', reason: 'requested (RECUR_BACKEND=js)', fallback: null };
  if (request !== '' && request !== 'auto' && request !== 'native') {
    throw new RecurConfigurationError('RECUR_BACKEND', "'native', 'js' or 'auto'", requested ?? '');
  }
  const runtime = nativeRuntime();
  if (runtime.binding) {
    const reason = request === 'native' ? 'requested (RECUR_BACKEND=native)' : 'addon loaded';
    return { name: 'native', reason, fallback: null };
  }
  const reason = runtime.reason ?? 'the addon did not load';
  const fix = runtime.fix ?? 'npx @recur/native build';
  if (request === 'native') throw new NativeUnavailableError(reason, fix, runtime.installed);
  return { name: 'js', reason: `fallback: ${reason}`, fallback: { reason, fix } };
}
