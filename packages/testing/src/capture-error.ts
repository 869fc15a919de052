/**
 * Runs `run` and returns what it threw; fails the test when it did not throw. Lets a test check
 * an error's class and exact message in one place.
 *
 * @example
 * ```ts
 * import { captureError } from '@recur/testing';
 * const error = captureError(() => JSON.parse('{'));
 * console.log(error instanceof SyntaxError); // true
 * ```
 */
export function captureError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, but the call returned normally');
}
