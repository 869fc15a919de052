import type { DataArray, FloatArray } from '../dtype.js';
import type { RecurrentKernels } from './recurrent-kernels.js';

/**
 * The kernel interface each backend implements: stateless functions over typed arrays and sizes
 * that write into caller-allocated outputs. Shapes, dtypes, broadcasting rules, gradients and
 * allocation all live above this boundary; a kernel may assume its arguments were validated.
 *
 * Versioned: bump {@link BACKEND_INTERFACE_VERSION} on any change to a signature or a contract.
 */
export const BACKEND_INTERFACE_VERSION = 3;

export type UnaryOp =
  | 'neg'
  | 'exp'
  | 'log'
  | 'sqrt'
  | 'abs'
  | 'square'
  | 'sign'
  | 'sigmoid'
  | 'logSigmoid'
  | 'tanh'
  | 'relu'
  | 'elu'
  | 'selu'
  | 'gelu'
  | 'swish'
  | 'softplus'
  | 'softsign'
  | 'hardSigmoid'
  | 'leakyRelu'
  | 'linear'
  | 'clip';

/** Parameters some unary ops take: `alpha` (elu, leakyRelu), `min`/`max` (clip). */
export interface UnaryAttributes {
  alpha?: number;
  min?: number;
  max?: number;
}

export type BinaryOp =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'maximum'
  | 'minimum'
  | 'equal'
  | 'notEqual'
  | 'less'
  | 'lessEqual'
  | 'greater'
  | 'greaterEqual';

export type ReduceOp = 'sum' | 'max' | 'min';

/** `c = alpha * op(a) * op(b) + beta * c`; row-major, packed; `op(a)` is m x k, `op(b)` k x n. */
export interface GemmArguments<T extends FloatArray = FloatArray> {
  transposeA: boolean;
  transposeB: boolean;
  m: number;
  n: number;
  k: number;
  alpha: number;
  a: T;
  b: T;
  beta: number;
  c: T;
}

/**
 * A total backend: every kernel is required, for every dtype. A backend that runs only some cases
 * natively (the addon) starts from the TS backend and hands the rest to it inside its own methods
 * (see native-backend.ts), so an op calls the current backend and nothing else.
 */
export interface Backend extends RecurrentKernels {
  readonly name: 'js' | 'native';

  gemm(args: GemmArguments): void;
  /** `out[i] = f(x[i])`. */
  unary(op: UnaryOp, x: DataArray, out: DataArray, attributes: UnaryAttributes): void;
  /** `out[i] = dy[i] * f'(x[i])`, where `y = f(x)` is given for ops whose derivative uses it. */
  unaryGrad(
    op: UnaryOp,
    x: FloatArray,
    y: FloatArray,
    dy: FloatArray,
    out: FloatArray,
    attributes: UnaryAttributes,
  ): void;
  /** Broadcasting binary op; the three shapes have the same rank (left-padded with 1s). */
  binary(
    op: BinaryOp,
    a: DataArray,
    aShape: readonly number[],
    b: DataArray,
    bShape: readonly number[],
    out: DataArray,
    outShape: readonly number[],
  ): void;
  /** `out = condition != 0 ? a : b`, broadcasting; all four shapes have the same rank. */
  where(
    condition: DataArray,
    conditionShape: readonly number[],
    a: DataArray,
    aShape: readonly number[],
    b: DataArray,
    bShape: readonly number[],
    out: DataArray,
    outShape: readonly number[],
  ): void;
  /** Reduces the middle axis of `x` viewed as `[outer, size, inner]` into `out` `[outer, inner]`. */
  reduce(
    op: ReduceOp,
    x: DataArray,
    outer: number,
    size: number,
    inner: number,
    out: DataArray,
  ): void;
  /** Index of the first maximum along the middle axis of `[outer, size, inner]`. */
  argMax(x: DataArray, outer: number, size: number, inner: number, out: Int32Array): void;
  /** Softmax (or log-softmax) along the middle axis of `[outer, size, inner]`, max-shifted. */
  softmax(
    x: FloatArray,
    outer: number,
    size: number,
    inner: number,
    out: FloatArray,
    log: boolean,
  ): void;
  /** Input gradient of softmax / log-softmax from its output `y` and the output gradient `dy`. */
  softmaxGrad(
    y: FloatArray,
    dy: FloatArray,
    outer: number,
    size: number,
    inner: number,
    out: FloatArray,
    log: boolean,
  ): void;
  /** Permutes axes: `out` has shape `perm.map(i => shape[i])`. */
  transpose(x: DataArray, shape: readonly number[], perm: readonly number[], out: DataArray): void;
  /** Copies the box `[begin, begin + outShape)` of `x` into `out`. */
  slice(
    x: DataArray,
    shape: readonly number[],
    begin: readonly number[],
    out: DataArray,
    outShape: readonly number[],
  ): void;
  /** Writes `source` into the box of `target` starting at `begin` (the inverse of slice). */
  insertSlice(
    target: DataArray,
    targetShape: readonly number[],
    begin: readonly number[],
    source: DataArray,
    sourceShape: readonly number[],
  ): void;
  /** `out[i, :] = table[indices[i], :]`; indices were bounds-checked by the caller. */
  gather(table: DataArray, rowSize: number, indices: Int32Array, out: DataArray): void;
  /** `target[indices[i], :] += source[i, :]`. */
  scatterAdd(target: FloatArray, rowSize: number, indices: Int32Array, source: FloatArray): void;
  /**
   * Reduced QR of the row-major `[m, n]` `a`, `m >= n >= 1`: `a = q r` with `q` `[m, n]`
   * (orthonormal columns) and `r` `[n, n]` upper triangular (zeros written below the diagonal).
   * Either sign convention (the op makes `diag(r)` non-negative afterwards); `q` and `r` have
   * `a`'s dtype and share no memory with it or each other.
   */
  qr(a: FloatArray, m: number, n: number, q: FloatArray, r: FloatArray): void;
}

/** A kernel's name is the name of the {@link Backend} method that runs it. */
export type KernelName = Exclude<keyof Backend, 'name'>;
