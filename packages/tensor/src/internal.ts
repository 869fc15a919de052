/**
 * `@recur/tensor/internal`: the backend objects themselves, for recur's own benchmarks, which time
 * a kernel apart from the op around it. Private and unsupported: not part of the public API, and it
 * may change or go in any release without notice. Programs use the ops and `setBackend`.
 *
 * @internal
 * @module @recur/tensor/internal
 */
export { jsBackend } from './backend/js/js-backend.js';
export { nativeBackend } from './backend/native/native-backend.js';
