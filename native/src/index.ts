/**
 * `@recur/native`: recur's C++ addon (OpenBLAS GEMM and fused whole-sequence LSTM/GRU/SimpleRNN
 * kernels, forward and backward through time), built against the system OpenBLAS when the
 * package is installed, and the loader that finds it. Apps do not import it: `@recur/tensor` loads
 * it when it is installed and picks the native backend. Run `npx @recur/native info` to see whether
 * it loads, and `npx @recur/native build` to build it again.
 *
 * @module @recur/native
 * @packageDocumentation
 */
export { type BuildOutcome, readBuildOutcome } from './build-outcome.js';
export { bestOpenblasCoreType, type CpuDescription, readCpuDescription } from './cpu-features.js';
export { type AddonReport, addonReportRows, describeAddon } from './describe-addon.js';
export { type AddonLoadResult, addonPath, type CoreTypeSource, loadAddon } from './load-addon.js';
export {
  ADDON_ABI_VERSION,
  type AddonInfo,
  type NativeBinding,
  type NativeRecurrentOptions,
  type NativeWorkspaceLayout,
} from './native-binding.js';
export { packagePath } from './package-path.js';
