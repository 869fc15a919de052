import fc from 'fast-check';
import { expect } from 'vitest';

/**
 * The fixed seed and run count of the bad-input suites: CI runs 1,000 generated inputs per
 * entry-point family; `RECUR_FUZZ_RUNS=20000 RECUR_FUZZ_SEED=7 npm test` is the larger run by hand.
 */
export const badInputRuns = {
  seed: Number(process.env.RECUR_FUZZ_SEED ?? 20261202),
  numRuns: Number(process.env.RECUR_FUZZ_RUNS ?? 1000),
};

/** One generated bad call: what to run, and the argument its error must name. */
export interface BadCall {
  run: () => unknown;
  /** Text the error message must contain (the argument's name, usually). */
  names: string | RegExp;
}

function checkRefusal(error: unknown, names: string | RegExp, label: string): void {
  const code = (error as { code?: unknown } | null)?.code;
  // Every recur error carries a code ERR_RECUR_*; a bare TypeError or RangeError from deep inside
  // (or anything else) is a defect.
  if (typeof code !== 'string' || !code.startsWith('ERR_RECUR_'))
    throw new Error(
      `${label}: expected a recur error, got ${String((error as Error)?.stack ?? error)}`,
    );
  const message = (error as Error).message;
  const named = typeof names === 'string' ? message.includes(names) : names.test(message);
  if (!named) throw new Error(`${label}: the message does not name ${String(names)}: ${message}`);
}

/**
 * Asserts that `run` throws a typed recur error (its `code` starts with `ERR_RECUR_`) whose
 * message names `names`; returns the error.
 *
 * @example
 * ```ts
 * import { expectRecurError } from '@recur/testing';
 * import { zeros } from '@recur/tensor';
 * expectRecurError(() => zeros([-1]), 'shape');
 * ```
 */
export function expectRecurError(run: () => unknown, names: string | RegExp): Error {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected an error naming ${String(names)}; the call returned`).toBeDefined();
  checkRefusal(caught, names, 'expectRecurError');
  return caught as Error;
}

/**
 * A property over generated bad inputs: each one must be refused with a typed recur error that
 * names the argument, never accepted (a silent result), never a generic error. Shrinks a failure
 * to the smallest input that shows it.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { refusesBadInputs } from '@recur/testing';
 * import { zeros } from '@recur/tensor';
 * refusesBadInputs(fc.integer({ max: -1 }), (n) => ({ run: () => zeros([n]), names: 'shape' }));
 * ```
 */
export function refusesBadInputs<T>(arbitrary: fc.Arbitrary<T>, call: (input: T) => BadCall): void {
  fc.assert(
    fc.property(arbitrary, (input) => {
      const { run, names } = call(input);
      let caught: unknown;
      let returned = false;
      try {
        run();
        returned = true;
      } catch (error) {
        caught = error;
      }
      if (returned) throw new Error('a bad input was accepted (a silent result)');
      checkRefusal(caught, names, 'refusesBadInputs');
    }),
    badInputRuns,
  );
}

/** {@link refusesBadInputs} for calls that return promises (fit, loaders, ...). */
export async function refusesBadInputsAsync<T>(
  arbitrary: fc.Arbitrary<T>,
  call: (input: T) => { run: () => Promise<unknown>; names: string | RegExp },
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (input) => {
      const { run, names } = call(input);
      let caught: unknown;
      let returned = false;
      try {
        await run();
        returned = true;
      } catch (error) {
        caught = error;
      }
      if (returned) throw new Error('a bad input was accepted (a silent result)');
      checkRefusal(caught, names, 'refusesBadInputsAsync');
    }),
    badInputRuns,
  );
}
