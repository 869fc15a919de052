/**
 * A call into the addon had an argument of the wrong type, size or range. Thrown by the
 * TypeScript wrappers before any native code runs (and by the addon's own checks as a second
 * line of defence, with the same `code`).
 *
 * @example
 * ```ts
 * import { NativeArgumentError, sgemm } from '@recur/native';
 * try {
 *   sgemm({ m: 2, n: 2, k: 2, a: new Float32Array(3), b: new Float32Array(4), c: new Float32Array(4) });
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

/**
 * The native backend was required (`RECUR_BACKEND=native` or `setBackend('native')`) but the
 * addon could not be loaded. The message lists the reason and the fixes.
 *
 * @example
 * ```ts
 * import { chooseBackend, NativeUnavailableError } from '@recur/native';
 * try {
 *   chooseBackend('native');
 * } catch (error) {
 *   if (error instanceof NativeUnavailableError) console.error(error.reason);
 * }
 * ```
 */
export class NativeUnavailableError extends Error {
  readonly code = 'ERR_RECUR_NATIVE_UNAVAILABLE';
  constructor(readonly reason: string) {
    super(
      [
        'recur: the native backend was requested but the native addon could not be loaded.',
        `  reason: ${reason}`,
        '  fixes:',
        '    1. install OpenBLAS and build tools (Debian/Ubuntu): sudo apt-get install -y libopenblas-dev pkg-config cmake g++',
        '    2. build the addon: bash scripts/setup.sh  (or: npm run build --workspace @recur/native)',
        '    3. or run on the TypeScript backend: RECUR_BACKEND=js',
        '  details: npx recur info',
      ].join('\n'),
    );
    this.name = 'NativeUnavailableError';
  }
}

/**
 * An environment variable read by recur (`RECUR_BACKEND`, `RECUR_NUM_THREADS`) has a value it
 * cannot use. Named in the message with the accepted values.
 *
 * @example
 * ```ts
 * import { chooseBackend, RecurConfigurationError } from '@recur/native';
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
