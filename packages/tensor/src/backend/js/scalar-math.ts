// Scalar activation functions and their derivatives, shared by the element-wise kernels and the
// recurrent kernels of the TS backend. Each is written to stay finite for any finite input.

/** Logistic sigmoid, evaluated on the side where exp cannot overflow. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(sigmoid(x)) = -softplus(-x). */
export function logSigmoid(x: number): number {
  return -softplus(-x);
}

/** log(1 + exp(x)) without overflow: max(x, 0) + log1p(exp(-|x|)). */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** Keras 3 hard sigmoid: relu6(x + 3) / 6. */
export function hardSigmoid(x: number): number {
  if (x <= -3) return 0;
  if (x >= 3) return 1;
  return x / 6 + 0.5;
}

export const SELU_ALPHA = 1.6732632423543772;
export const SELU_SCALE = 1.0507009873554805;
const SQRT_HALF = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;
const TWO_OVER_SQRT_PI = 1.1283791670955126;

/**
 * Error function to about 1e-15: a series with positive terms (no cancellation) below |x| = 3,
 * the continued fraction of erfc above, saturating at +-1 past |x| = 6.
 */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax > 6) return Math.sign(x);
  let result: number;
  if (ax < 3) {
    // erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1*3*...*(2n+1))
    const x2 = ax * ax;
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 200 && term > sum * 1e-17; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
    }
    result = TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
  } else {
    // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))), evaluated bottom-up.
    let fraction = ax;
    for (let n = 60; n >= 1; n--) fraction = ax + n / 2 / fraction;
    result = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / fraction;
  }
  return x < 0 ? -result : result;
}

/** Exact GELU (Keras' default, approximate = false): x * Phi(x). */
export function gelu(x: number): number {
  return 0.5 * x * (1 + erf(x * SQRT_HALF));
}

/** d gelu / dx = Phi(x) + x * phi(x). */
export function geluDerivative(x: number): number {
  return 0.5 * (1 + erf(x * SQRT_HALF)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}
