/**
 * `@recur/native`: the loader for recur's C++ addon (OpenBLAS GEMM and fused recurrent kernels),
 * the backend choice, and diagnostics. Most users never import it directly: `@recur/tensor`
 * picks the backend through {@link chooseBackend}.
 *
 * @module @recur/native
 * @packageDocumentation
 */
export { type BackendChoice, type BackendName, chooseBackend } from './choose-backend.js';
export { bestOpenblasCoreType, type CpuDescription, readCpuDescription } from './cpu-features.js';
export { NativeArgumentError, NativeUnavailableError, RecurConfigurationError } from './errors.js';
export { info, type NativeInfo } from './info.js';
export {
  addonPath,
  type CoreTypeSource,
  type HeapReuse,
  configuredThreads,
  loadNative,
  type NativeLoadResult,
} from './load-native.js';
export { type KernelIsa, setMaximumIsa } from './maximum-isa.js';
export {
  ADDON_ABI_VERSION,
  type AddonInfo,
  type NativeBinding,
  type NativeRecurrentBackward,
  type NativeRecurrentForward,
  type NativeRecurrentProblem,
} from './native-binding.js';
export { recurrentBackward, recurrentForward } from './recurrent.js';
export { type SgemmOptions, sgemm } from './sgemm.js';
export { setNumThreads } from './threads.js';
