/**
 * `@recur/testing` (private): helpers shared by every package's tests.
 *
 * @packageDocumentation
 */
export { type BackendName, backendsUnderTest } from './backends-under-test.js';
export {
  type BadCall,
  badInputRuns,
  expectRecurError,
  refusesBadInputs,
  refusesBadInputsAsync,
} from './bad-inputs.js';
export { captureError } from './capture-error.js';
export { describeBackends } from './describe-backends.js';
export { freshImporter } from './fresh-import.js';
export { type CloseOptions, expectClose } from './expect-close.js';
export { type GradcheckOptions, type GradcheckResult, gradcheck } from './gradcheck.js';
export * as badOptionValues from './bad-option-values.js';
export * as badTensorValues from './bad-tensor-values.js';
