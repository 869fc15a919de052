import { setBackend } from '@recur/tensor';
import { beforeAll, describe } from 'vitest';
import { type BackendName, backendsUnderTest } from './backends-under-test.js';

/**
 * A describe block per backend under test, with that backend selected: one conformance suite for
 * every backend.
 *
 * @example
 * ```ts
 * import { describeBackends, expectClose } from '@recur/testing';
 * import { tensor } from '@recur/tensor';
 * import { it } from 'vitest';
 * describeBackends('add', () => {
 *   it('adds', () => expectClose(tensor([1]).add(2), [3]));
 * });
 * ```
 */
export function describeBackends(name: string, body: (backend: BackendName) => void): void {
  for (const backend of backendsUnderTest()) {
    describe(`${name} [${backend}]`, () => {
      beforeAll(() => setBackend(backend));
      body(backend);
    });
  }
}
