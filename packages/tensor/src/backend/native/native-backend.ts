import type { Backend, GemmArguments } from '../backend.js';
import type {
  RecurrentBackwardArguments,
  RecurrentForwardArguments,
} from '../recurrent-kernels.js';
import { jsBackend } from '../js/js-backend.js';
import { recurrentBackward, recurrentForward } from './native-recurrent.js';
import { nativeQr } from './native-qr.js';
import { sgemm } from './native-sgemm.js';

/**
 * The one fallback: the addon's kernel where `takes` accepts the arguments, else the TS kernel it
 * overrides, over the same storage (no copy). `takes` narrows the arguments to what the addon's
 * wrapper accepts, so no cast stands between the decision and the call.
 */
function addonOr<Arguments, Taken extends Arguments>(
  takes: (args: Arguments) => args is Taken,
  addon: (args: Taken) => void,
  typescript: (args: Arguments) => void,
): (args: Arguments) => void {
  return (args) => (takes(args) ? addon(args) : typescript(args));
}

// The addon's sgemm is single precision; float64 runs on the TS GEMM.
const isFloat32Gemm = (args: GemmArguments): args is GemmArguments<Float32Array> =>
  args.a instanceof Float32Array &&
  args.b instanceof Float32Array &&
  args.c instanceof Float32Array;

// The fused recurrent kernels are float32. The op gives every buffer x's dtype, so x decides.
const isFloat32Forward = (
  args: RecurrentForwardArguments,
): args is RecurrentForwardArguments<Float32Array> => args.x instanceof Float32Array;
const isFloat32Backward = (
  args: RecurrentBackwardArguments,
): args is RecurrentBackwardArguments<Float32Array> => args.x instanceof Float32Array;

/**
 * The native backend as Burn builds one from default methods: the TS backend `typescript`, with
 * the kernels the addon runs overridden. Each override decides for itself, through
 * {@link addonOr}, which arguments the addon takes and passes the rest to the TS kernel; every
 * kernel not named here (element-wise, reductions, layout, indexing: an N-API call, ~150 ns, would
 * not pay) is the TS one as it stands.
 */
export function createNativeBackend(typescript: Backend): Backend {
  return {
    ...typescript,
    name: 'native',
    gemm: addonOr(isFloat32Gemm, sgemm, typescript.gemm),
    // LAPACK has QR in both precisions (~10x the TS QR in float64), so nothing is passed on.
    qr: (a, m, n, q, r) => nativeQr({ m, n, a, q, r }),
    recurrentForward: addonOr(isFloat32Forward, recurrentForward, typescript.recurrentForward),
    recurrentBackward: addonOr(isFloat32Backward, recurrentBackward, typescript.recurrentBackward),
  };
}

/** The native backend: the addon's kernels where they apply, the TS kernels for the rest. */
export const nativeBackend: Backend = createNativeBackend(jsBackend);
