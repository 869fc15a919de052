import type { Example } from '@recur/data';
import type { Tensor } from '@recur/tensor';

/** Runs `run` and returns what it throws (fails when it does not throw). */
export function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

/** Awaits `run` and returns what it rejects with (fails when it resolves). */
export async function rejected(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** The single tensor of an example's x (or y). */
export function single(value: Example['x'] | undefined): Tensor {
  if (value === undefined || Array.isArray(value)) throw new Error('expected one tensor');
  return value;
}
