/**
 * A call into the native addon had an argument of the wrong type, size or range. Thrown by the
 * native backend's wrappers before any native code runs (and by the addon's own checks as a
 * second line of defence, with the same `code`).
 *
 * @example
 * ```ts
 * import { NativeArgumentError, setMaximumIsa } from '@recur/tensor';
 * try {
 *   setMaximumIsa('sse4' as 'avx2');
 * } catch (error) {
 *   if (error instanceof NativeArgumentError) console.log(error.argument, error.expected, error.received);
 * }
 * ```
 */
export class NativeArgumentError extends TypeError {
  readonly code = 'ERR_RECUR_NATIVE_ARGUMENT';
  constructor(
    readonly functionName: string,
    readonly argument: string,
    readonly expected: string,
    readonly received: string,
  ) {
    super(`${functionName}: argument '${argument}' expected ${expected}, received ${received}`);
    this.name = 'NativeArgumentError';
  }
}

/** What builds the addon in a clone of the recur repository (an app uses `npx @recur/native build`). */
export const CLONE_FIX = 'bash scripts/setup.sh';
/** What the addon's build needs from the system. */
export const BUILD_TOOLS =
  'sudo apt-get install -y cmake g++ libopenblas-dev pkg-config (Debian/Ubuntu)';

/**
 * The native backend was required (`RECUR_BACKEND=native` or `setBackend('native')`) but the
 * addon could not be loaded. The message gives the reason and the commands that fix it, in an app
 * and in a clone of the repository; `reason` and `fix` hold the first two.
 *
 * @example
 * ```ts
 * import { chooseBackend, NativeUnavailableError } from '@recur/tensor';
 * try {
 *   chooseBackend('native');
 * } catch (error) {
 *   if (error instanceof NativeUnavailableError) console.error(error.reason, error.fix);
 * }
 * ```
 */
export class NativeUnavailableError extends Error {
  readonly code = 'ERR_RECUR_NATIVE_UNAVAILABLE';
  constructor(
    readonly reason: string,
    /** The command that fixes it in an app, for example `npx @recur/native build`. */
    readonly fix = 'npx @recur/native build',
    /** Whether `@recur/native` is installed (its `info` command exists only then). */
    installed = true,
  ) {
    super(
      [
        'recur: the native backend was requested but the native addon could not be loaded.',
        `  reason: ${reason}`,
        '  fixes:',
        `    1. install the build tools and OpenBLAS: ${BUILD_TOOLS}`,
        `    2. in your app: ${fix}`,
        `       in a clone of the recur repository: ${CLONE_FIX}`,
        '    3. or run on the TypeScript backend: RECUR_BACKEND=js',
        ...(installed ? ['  details: npx @recur/native info'] : []),
      ].join('\n'),
    );
    this.name = 'NativeUnavailableError';
  }
}

/**
 * An environment variable read by recur (`RECUR_BACKEND`, `RECUR_NUM_THREADS`,
 * `RECUR_HEAP_REUSE`) has a value it cannot use. Named in the message with the accepted values.
 *
 * @example
 * ```ts
 * import { chooseBackend, RecurConfigurationError } from '@recur/tensor';
 * try {
 *   chooseBackend('gpu');
 * } catch (error) {
 *   if (error instanceof RecurConfigurationError) console.error(error.message);
 * }
 * ```
 */
export class RecurConfigurationError extends Error {
  readonly code = 'ERR_RECUR_CONFIGURATION';
  constructor(
    readonly variable: string,
    readonly expected: string,
    readonly received: string,
  ) {
    super(`${variable} expected ${expected}, received ${JSON.stringify(received)}`);
    this.name = 'RecurConfigurationError';
  }
}
