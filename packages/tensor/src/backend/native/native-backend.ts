import type { DType, FloatArray } from '../../dtype.js';
import type { Backend, GemmArguments, KernelName } from '../backend.js';
import type {
  RecurrentBackwardArguments,
  RecurrentForwardArguments,
} from '../recurrent-kernels.js';
import { jsBackend } from '../js/js-backend.js';
import { recurrentBackward, recurrentForward } from './native-recurrent.js';
import { nativeQr } from './native-qr.js';
import { sgemm } from './native-sgemm.js';

// Kernels the addon runs, for float32 only; everything else (float64, int32, the cheap
// element-wise kernels where an N-API call (~150 ns) would not pay) runs on the TS kernels over
// the same storage.
const NATIVE_KERNELS = new Set<KernelName>(['gemm', 'recurrentForward', 'recurrentBackward']);
// Kernels it runs for float64 too: LAPACK has QR in both precisions (~10x the TS QR in float64).
const FLOAT64_KERNELS = new Set<KernelName>(['qr']);

/**
 * The native backend: the addon's kernels where {@link Backend.supports} says so, the TS kernels
 * for the rest.
 */
export const nativeBackend: Backend = {
  ...jsBackend,
  name: 'native',
  supports: (kernel: KernelName, dtype: DType) =>
    (dtype === 'float32' && (NATIVE_KERNELS.has(kernel) || FLOAT64_KERNELS.has(kernel))) ||
    (dtype === 'float64' && FLOAT64_KERNELS.has(kernel)),
  gemm(args: GemmArguments) {
    if (
      !(
        args.a instanceof Float32Array &&
        args.b instanceof Float32Array &&
        args.c instanceof Float32Array
      )
    ) {
      jsBackend.gemm(args);
      return;
    }
    sgemm(args as GemmArguments<Float32Array>);
  },
  qr(a: FloatArray, m: number, n: number, q: FloatArray, r: FloatArray) {
    nativeQr({ m, n, a, q, r });
  },
  // The op layer only routes float32 here (supports() declines float64), so the casts hold.
  recurrentForward(args: RecurrentForwardArguments) {
    recurrentForward(args as RecurrentForwardArguments<Float32Array>);
  },
  recurrentBackward(args: RecurrentBackwardArguments) {
    recurrentBackward(args as RecurrentBackwardArguments<Float32Array>);
  },
};
