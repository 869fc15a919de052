import { ValueError } from '@recur/tensor';

/**
 * Number formatting as Python prints it, so checkpoint names, CSV cells and progress lines read
 * the same as Keras': `repr` for plain floats and the `d`/`f`/`e` format-spec types.
 *
 * JavaScript's `toFixed` rounds exact ties away from zero (`(0.125).toFixed(2)` is `'0.13'`)
 * where Python rounds them to even (`'0.12'`), so fixed and exponent forms are rounded here from
 * the double's exact decimal expansion.
 */

/** A parsed format spec: `[0][width][.precision][type]` (the subset checkpoint paths use). */
export interface PythonFormatSpec {
  zeroPad: boolean;
  width: number;
  precision: number | null;
  type: 'd' | 'f' | 'e' | '';
}

const SPEC_PATTERN = /^(0)?(\d+)?(?:\.(\d+))?([dfe])?$/;

/**
 * Parses the part of a replacement field after the colon (`02d`, `.4f`, `10.3e`, empty).
 *
 * @example
 * ```ts
 * parsePythonFormatSpec('ModelCheckpoint', '02d'); // { zeroPad: true, width: 2, precision: null, type: 'd' }
 * ```
 */
export function parsePythonFormatSpec(op: string, spec: string): PythonFormatSpec {
  const match = SPEC_PATTERN.exec(spec);
  if (match === null)
    throw new ValueError(op, 'a format spec like 02d, .4f, .2e or none', JSON.stringify(spec));
  const [, zero, width, precision, type = ''] = match;
  if (type === 'd' && precision !== undefined)
    throw new ValueError(op, 'no precision with the d type', JSON.stringify(spec));
  return {
    zeroPad: zero !== undefined,
    width: width === undefined ? 0 : Number(width),
    precision: precision === undefined ? null : Number(precision),
    type: type as PythonFormatSpec['type'],
  };
}

/**
 * Formats `value` as Python's `format(value, spec)` does; `isInteger` says whether Python would
 * hold an `int` (epoch, batch) rather than a `float` (every logged metric).
 *
 * @example
 * ```ts
 * formatPythonNumber(3, parsePythonFormatSpec('ModelCheckpoint', '02d'), true); // '03'
 * formatPythonNumber(0.125, parsePythonFormatSpec('ModelCheckpoint', '.2f'), false); // '0.12'
 * ```
 */
export function formatPythonNumber(
  value: number,
  spec: PythonFormatSpec,
  isInteger: boolean,
  op = 'format',
): string {
  let text: string;
  switch (spec.type) {
    case 'd':
      if (!isInteger || !Number.isInteger(value))
        throw new ValueError(op, 'an integer for the d format type', String(value));
      text = String(value);
      break;
    case 'f':
      text = formatFixed(value, spec.precision ?? 6);
      break;
    case 'e':
      text = formatExponential(value, spec.precision ?? 6);
      break;
    default:
      text = isInteger && Number.isInteger(value) ? String(value) : pythonFloatRepr(value);
  }
  return pad(text, spec);
}

/**
 * Python's `repr(float)`: the shortest round-trip digits, in exponent form below 1e-4 and from
 * 1e16 on, and always with a decimal point or exponent (`1.0`, `1e-05`, `nan`, `inf`).
 *
 * @example
 * ```ts
 * pythonFloatRepr(1); // '1.0'
 * pythonFloatRepr(0.00001); // '1e-05'
 * ```
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (value === 0) return `${sign}0.0`;
  // toExponential() without an argument gives the shortest digits that round-trip, as repr does.
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${fraction}e${exponentSuffix(exponent)}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const integerPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fractionPart = digits.slice(exponent + 1) || '0';
  return `${sign}${integerPart}.${fractionPart}`;
}

/**
 * Python's `format(value, '.{precision}f')`.
 *
 * @example
 * ```ts
 * formatFixed(0.125, 2); // '0.12' (toFixed gives '0.13')
 * ```
 */
export function formatFixed(value: number, precision: number): string {
  const special = nonFinite(value);
  if (special !== null) return special;
  const { sign, scaled, scale } = exactDecimal(value);
  const rounded =
    scale > precision
      ? roundHalfEven(scaled, 10n ** BigInt(scale - precision))
      : scaled * 10n ** BigInt(precision - scale);
  const digits = rounded.toString().padStart(precision + 1, '0');
  const integerPart = digits.slice(0, digits.length - precision);
  const fractionPart = precision > 0 ? `.${digits.slice(digits.length - precision)}` : '';
  return `${sign}${integerPart}${fractionPart}`;
}

/**
 * Python's `format(value, '.{precision}e')`, with its two-digit minimum exponent.
 *
 * @example
 * ```ts
 * formatExponential(0.000012345, 4); // '1.2345e-05'
 * ```
 */
export function formatExponential(value: number, precision: number): string {
  const special = nonFinite(value);
  if (special !== null) return special;
  const { sign, scaled, scale } = exactDecimal(value);
  if (scaled === 0n) {
    const zeros = precision > 0 ? `.${'0'.repeat(precision)}` : '';
    return `${sign}0${zeros}e+00`;
  }
  const length = scaled.toString().length;
  let exponent = length - 1 - scale;
  const shift = length - (precision + 1);
  let rounded = shift > 0 ? roundHalfEven(scaled, 10n ** BigInt(shift)) : scaled;
  if (shift < 0) rounded *= 10n ** BigInt(-shift);
  let digits = rounded.toString();
  if (digits.length > precision + 1) {
    // Rounding carried into a new digit (9.99 -> 10.0): the last digit is a zero.
    digits = digits.slice(0, precision + 1);
    exponent += 1;
  }
  const fraction = precision > 0 ? `.${digits.slice(1)}` : '';
  return `${sign}${digits[0]}${fraction}e${exponentSuffix(exponent)}`;
}

function exponentSuffix(exponent: number): string {
  return `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function nonFinite(value: number): string | null {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return null;
}

/** `|value| = scaled / 10^scale` exactly, from the IEEE-754 bits. */
function exactDecimal(value: number): { sign: string; scaled: bigint; scale: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const sign = high >>> 31 === 1 ? '-' : '';
  const biasedExponent = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let exponent = -1074;
  if (biasedExponent !== 0) {
    mantissa |= 1n << 52n;
    exponent = biasedExponent - 1075;
  }
  if (exponent >= 0) return { sign, scaled: mantissa << BigInt(exponent), scale: 0 };
  // m / 2^k = m * 5^k / 10^k
  return { sign, scaled: mantissa * 5n ** BigInt(-exponent), scale: -exponent };
}

/** `numerator / divisor` rounded half to even; `divisor` is a power of ten >= 10 (so even). */
function roundHalfEven(numerator: bigint, divisor: bigint): bigint {
  const quotient = numerator / divisor;
  const remainder = numerator % divisor;
  const half = divisor / 2n;
  if (remainder > half || (remainder === half && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

function pad(text: string, spec: PythonFormatSpec): string {
  if (text.length >= spec.width) return text;
  if (!spec.zeroPad) return text.padStart(spec.width, ' ');
  const sign = text.startsWith('-') ? '-' : '';
  return sign + text.slice(sign.length).padStart(spec.width - sign.length, '0');
}
