import { NativeArgumentError } from '../backend-errors.js';
import { requireBinding } from './native-runtime.js';

/** Arguments of {@link sgemm}: `c = alpha * op(a) * op(b) + beta * c`, row-major, packed. */
export interface SgemmOptions {
  /** Use `a` transposed: `a` is then stored `[k, m]`. */
  transposeA?: boolean;
  /** Use `b` transposed: `b` is then stored `[n, k]`. */
  transposeB?: boolean;
  m: number;
  n: number;
  k: number;
  alpha?: number;
  a: Float32Array;
  b: Float32Array;
  beta?: number;
  /** Output, `[m, n]`, updated in place. May be a subarray; must not overlap `a` or `b`. */
  c: Float32Array;
}

// OpenBLAS here uses 32-bit BLAS integers.
const MAXIMUM_DIMENSION = 2 ** 31 - 1;

function describe(value: unknown): string {
  if (value instanceof Float32Array) return `Float32Array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}`;
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  return typeof value;
}

function checkDimension(name: string, value: unknown): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 0 ||
    value > MAXIMUM_DIMENSION
  ) {
    throw new NativeArgumentError(
      'sgemm',
      name,
      `an integer in [0, ${MAXIMUM_DIMENSION}]`,
      describe(value),
    );
  }
  return value;
}

function checkMatrix(name: string, value: unknown, length: number): Float32Array {
  if (!(value instanceof Float32Array) || value.length !== length) {
    throw new NativeArgumentError(
      'sgemm',
      name,
      `a Float32Array of length ${length}`,
      describe(value),
    );
  }
  return value;
}

function checkScalar(name: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new NativeArgumentError('sgemm', name, 'a number', describe(value));
  }
  return value;
}

function overlaps(x: Float32Array, y: Float32Array): boolean {
  if (x.buffer !== y.buffer || x.length === 0 || y.length === 0) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

/**
 * Single-precision matrix multiply through OpenBLAS, in place on caller-owned Float32Arrays
 * (subarrays with a byteOffset are fine). Every argument is checked here, before native code runs;
 * the native backend's `gemm` calls it (internal to `@recur/tensor`; users call `matmul`).
 */
export function sgemm(options: SgemmOptions): void {
  const { transposeA = false, transposeB = false, alpha = 1, beta = 0 } = options;
  if (typeof transposeA !== 'boolean') {
    throw new NativeArgumentError('sgemm', 'transposeA', 'a boolean', describe(transposeA));
  }
  if (typeof transposeB !== 'boolean') {
    throw new NativeArgumentError('sgemm', 'transposeB', 'a boolean', describe(transposeB));
  }
  const m = checkDimension('m', options.m);
  const n = checkDimension('n', options.n);
  const k = checkDimension('k', options.k);
  const a = checkMatrix('a', options.a, m * k);
  const b = checkMatrix('b', options.b, k * n);
  const c = checkMatrix('c', options.c, m * n);
  checkScalar('alpha', alpha);
  checkScalar('beta', beta);
  if (overlaps(c, a) || overlaps(c, b)) {
    throw new NativeArgumentError(
      'sgemm',
      'c',
      "memory not shared with 'a' or 'b'",
      'an overlapping view',
    );
  }
  requireBinding().sgemm(transposeA, transposeB, m, n, k, alpha, a, b, beta, c);
}
