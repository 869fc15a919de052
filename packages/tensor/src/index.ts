/**
 * `@recur/tensor`: tensors, tape-based reverse-mode autograd over coarse ops, gradients
 * registered by op name above the backends, and the TypeScript and native backends. The native
 * backend comes from the optional `@recur/native` package: installed, it is used; absent (or not
 * built), the TypeScript backend runs, with a one-line notice naming the fix.
 *
 * @module @recur/tensor
 * @packageDocumentation
 */
// For its effect: Tensor's method forms, and the ops backward builds gradients with.
import './install-ops.js';

export { Tensor, type TensorLike, type NestedArray } from './tensor.js';
export {
  allocate,
  type ConvertibleArray,
  type DataArray,
  type DType,
  dtypeOf,
  type FloatArray,
  isFloat,
} from './dtype.js';
export { AutogradError, DTypeError, ShapeError, ValueError } from './errors.js';
export { Random, seed, randomFor } from './random.js';
export { broadcastShapes, formatShape, sizeOf, stridesOf } from './shape.js';
export {
  type AllocationLimit,
  type AllocationLimitOptions,
  getAllocationLimit,
  setAllocationLimit,
} from './validation/allocation-limit.js';
export { checkAllocation } from './validation/check-allocation.js';
export { checkBoolean } from './validation/check-boolean.js';
export { checkInteger } from './validation/check-integer.js';
export { type NumberRange, checkNumber } from './validation/check-number.js';
export { checkOneOf } from './validation/check-one-of.js';
export { checkOptions } from './validation/check-options.js';
export { checkTensor } from './validation/check-tensor.js';
export { describeValue } from './validation/describe-value.js';
export { isDetached } from './validation/detached.js';
export { isInt32Value } from './validation/int32.js';
export { isPlainObject } from './validation/is-plain-object.js';
export { orDefault } from './validation/or-default.js';

export { tensor, type TensorOptions } from './creation/tensor.js';
export { full } from './creation/full.js';
export { zeros, zerosLike } from './creation/zeros.js';
export { ones, onesLike } from './creation/ones.js';
export { arange } from './creation/arange.js';
export { randomNormal, type RandomNormalOptions } from './creation/random-normal.js';
export { randomUniform, type RandomUniformOptions } from './creation/random-uniform.js';

export { noGrad, isGradEnabled } from './autograd/grad-mode.js';
export {
  type GradientFunction,
  type GradNode,
  listOps,
  registerGradient,
  registerNonDifferentiable,
} from './autograd/gradient-registry.js';

export { getBackend, setBackend } from './backend/current-backend.js';
export { type BackendChoice, type BackendName, chooseBackend } from './backend/choose-backend.js';
export { type BackendInfo, backendInfo } from './backend/backend-info.js';
export {
  NativeArgumentError,
  NativeUnavailableError,
  RecurConfigurationError,
} from './backend/backend-errors.js';
export { configuredThreads, type HeapReuse } from './backend/native/native-settings.js';
export { setNumThreads } from './backend/native/threads.js';
export { type KernelIsa, setMaximumIsa } from './backend/native/maximum-isa.js';
export {
  BACKEND_INTERFACE_VERSION,
  type Backend,
  type BinaryOp,
  type GemmArguments,
  type KernelName,
  type ReduceOp,
  type UnaryAttributes,
  type UnaryOp,
} from './backend/backend.js';

export {
  abs,
  clip,
  elu,
  exp,
  gelu,
  hardSigmoid,
  leakyRelu,
  linear,
  log,
  logSigmoid,
  neg,
  relu,
  selu,
  sigmoid,
  sign,
  softplus,
  softsign,
  sqrt,
  square,
  swish,
  tanh,
} from './ops/unary-ops.js';
export { add, div, maximum, minimum, mul, pow, sub } from './ops/binary-ops.js';
export { equal, greater, greaterEqual, less, lessEqual, notEqual } from './ops/comparison-ops.js';
export { matmul, type MatmulOptions } from './ops/matmul.js';
export { expandDims, flatten, reshape, squeeze } from './ops/reshape.js';
export { transpose } from './ops/transpose.js';
export { slice } from './ops/slice.js';
export { concat } from './ops/concat.js';
export { stack } from './ops/stack.js';
export { split } from './ops/split.js';
export { gather } from './ops/gather.js';
export { sum } from './ops/sum.js';
export { mean } from './ops/mean.js';
export { max, min } from './ops/max.js';
export { argMax } from './ops/arg-max.js';
export { qr } from './ops/qr.js';
export { logSoftmax, softmax } from './ops/softmax.js';
export { where } from './ops/where.js';
export { cast } from './ops/cast.js';
export { broadcastTo } from './ops/broadcast-to.js';
export { dropout } from './ops/dropout.js';
export { oneHot } from './ops/one-hot.js';
export { reverse } from './ops/reverse.js';
export { lstm } from './ops/recurrent/lstm.js';
export { gru } from './ops/recurrent/gru.js';
export { simpleRnn } from './ops/recurrent/simple-rnn.js';
export { RecurrentBuffers } from './ops/recurrent/recurrent-buffers.js';
export type {
  GruOptions,
  RecurrentOptions,
  RecurrentResult,
  RecurrentStates,
} from './ops/recurrent/recurrent-op.js';
export {
  gateCount,
  type RecurrentActivation,
  type RecurrentBackwardArguments,
  type RecurrentCell,
  type RecurrentForwardArguments,
  type RecurrentKernels,
  type RecurrentProblem,
  type RecurrentWorkspaceLayout,
  recurrentWorkspaceLayout,
} from './backend/recurrent-kernels.js';
