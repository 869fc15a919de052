import type { FloatArray } from '../../dtype.js';
import { NativeArgumentError } from '../backend-errors.js';
import { requireBinding } from './native-runtime.js';

/** Arguments of {@link nativeQr}: reduced QR of the row-major `[m, n]` `a`, `m >= n >= 1`. */
export interface NativeQrOptions {
  m: number;
  n: number;
  a: FloatArray;
  /** Output `[m, n]`, `a`'s element type; must not overlap `a` or `r`. */
  q: FloatArray;
  /** Output `[n, n]`, `a`'s element type; must not overlap `a` or `q`. */
  r: FloatArray;
}

// LAPACK here takes 32-bit integers (Debian's OpenBLAS).
const MAXIMUM_DIMENSION = 2 ** 31 - 1;

function describe(value: unknown): string {
  if (value instanceof Float32Array || value instanceof Float64Array)
    return `${value.constructor.name} of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}`;
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  return typeof value;
}

function checkDimension(name: string, value: unknown, minimum: number): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < minimum ||
    value > MAXIMUM_DIMENSION
  ) {
    throw new NativeArgumentError(
      'qr',
      name,
      `an integer in [${minimum}, ${MAXIMUM_DIMENSION}]`,
      describe(value),
    );
  }
  return value;
}

function overlaps(x: FloatArray, y: FloatArray): boolean {
  if (x.buffer !== y.buffer || x.length === 0 || y.length === 0) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

/**
 * Reduced QR through OpenBLAS (a float64 CholeskyQR for well-conditioned Float32Arrays, else
 * LAPACK's Householder QR in the array's precision) into
 * caller-owned arrays. Every argument is checked here, before native code runs;
 * the native backend's `qr` calls it (internal to `@recur/tensor`; users call `qr`).
 */
export function nativeQr(options: NativeQrOptions): void {
  const n = checkDimension('n', options.n, 1);
  const m = checkDimension('m', options.m, 1);
  if (m < n) throw new NativeArgumentError('qr', 'm', `an integer >= n (${n})`, describe(m));
  const { a, q, r } = options;
  const Kind =
    a instanceof Float32Array ? Float32Array : a instanceof Float64Array ? Float64Array : null;
  if (Kind === null || a.length !== m * n) {
    throw new NativeArgumentError(
      'qr',
      'a',
      `a Float32Array or Float64Array of length ${m * n}`,
      describe(a),
    );
  }
  const expected = (name: string, value: unknown, length: number) => {
    if (!(value instanceof Kind) || value.length !== length) {
      throw new NativeArgumentError(
        'qr',
        name,
        `a ${Kind.name} of length ${length}`,
        describe(value),
      );
    }
  };
  expected('q', q, m * n);
  expected('r', r, n * n);
  for (const [output, name, input, inputName] of [
    [q, 'q', a, 'a'],
    [r, 'r', a, 'a'],
    [r, 'r', q, 'q'],
  ] as const) {
    if (overlaps(output, input)) {
      throw new NativeArgumentError(
        'qr',
        name,
        `memory not shared with '${inputName}'`,
        'an overlapping view',
      );
    }
  }
  const binding = requireBinding();
  if (Kind === Float32Array)
    binding.qr(m, n, a as Float32Array, q as Float32Array, r as Float32Array);
  else binding.qr(m, n, a as Float64Array, q as Float64Array, r as Float64Array);
}
