import type { DataArray, FloatArray } from '../../dtype.js';
import type { UnaryAttributes, UnaryOp } from '../backend.js';
import {
  gelu,
  geluDerivative,
  hardSigmoid,
  logSigmoid,
  SELU_ALPHA,
  SELU_SCALE,
  sigmoid,
  softplus,
} from './scalar-math.js';

// One loop per op (rather than a function table) so each loop's call site stays monomorphic and
// the scalar function is inlined.

/** `out[i] = f(x[i])`. */
export function unary(
  op: UnaryOp,
  x: DataArray,
  out: DataArray,
  attributes: UnaryAttributes,
): void {
  const n = x.length;
  switch (op) {
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = -x[i];
      return;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]);
      return;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]);
      return;
    case 'sqrt':
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]);
      return;
    case 'abs':
      for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]);
      return;
    case 'square':
      for (let i = 0; i < n; i++) out[i] = x[i] * x[i];
      return;
    case 'sign':
      for (let i = 0; i < n; i++) out[i] = Math.sign(x[i]);
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) out[i] = sigmoid(x[i]);
      return;
    case 'logSigmoid':
      for (let i = 0; i < n; i++) out[i] = logSigmoid(x[i]);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]);
      return;
    case 'relu':
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? x[i] : 0;
      return;
    case 'elu': {
      const alpha = attributes.alpha ?? 1;
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? x[i] : alpha * Math.expm1(x[i]);
      return;
    }
    case 'selu':
      for (let i = 0; i < n; i++)
        out[i] = x[i] > 0 ? SELU_SCALE * x[i] : SELU_SCALE * SELU_ALPHA * Math.expm1(x[i]);
      return;
    case 'gelu':
      for (let i = 0; i < n; i++) out[i] = gelu(x[i]);
      return;
    case 'swish':
      for (let i = 0; i < n; i++) out[i] = x[i] * sigmoid(x[i]);
      return;
    case 'softplus':
      for (let i = 0; i < n; i++) out[i] = softplus(x[i]);
      return;
    case 'softsign':
      for (let i = 0; i < n; i++) out[i] = x[i] / (1 + Math.abs(x[i]));
      return;
    case 'hardSigmoid':
      for (let i = 0; i < n; i++) out[i] = hardSigmoid(x[i]);
      return;
    case 'leakyRelu': {
      const alpha = attributes.alpha ?? 0.2;
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? x[i] : alpha * x[i];
      return;
    }
    case 'linear':
      out.set(x);
      return;
    case 'clip': {
      const min = attributes.min ?? -Infinity;
      const max = attributes.max ?? Infinity;
      for (let i = 0; i < n; i++) out[i] = x[i] < min ? min : x[i] > max ? max : x[i];
      return;
    }
  }
}

/** `out[i] = dy[i] * f'(x[i])`, using `y = f(x)` where that is cheaper. */
export function unaryGrad(
  op: UnaryOp,
  x: FloatArray,
  y: FloatArray,
  dy: FloatArray,
  out: FloatArray,
  attributes: UnaryAttributes,
): void {
  const n = x.length;
  switch (op) {
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = -dy[i];
      return;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = dy[i] * y[i];
      return;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = dy[i] / x[i];
      return;
    case 'sqrt':
      for (let i = 0; i < n; i++) out[i] = (0.5 * dy[i]) / y[i];
      return;
    case 'abs':
      for (let i = 0; i < n; i++) out[i] = dy[i] * Math.sign(x[i]);
      return;
    case 'square':
      for (let i = 0; i < n; i++) out[i] = 2 * dy[i] * x[i];
      return;
    case 'sign':
      out.fill(0);
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) out[i] = dy[i] * y[i] * (1 - y[i]);
      return;
    case 'logSigmoid':
      for (let i = 0; i < n; i++) out[i] = dy[i] * sigmoid(-x[i]);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = dy[i] * (1 - y[i] * y[i]);
      return;
    case 'relu':
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? dy[i] : 0;
      return;
    case 'elu': {
      const alpha = attributes.alpha ?? 1;
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? dy[i] : dy[i] * alpha * Math.exp(x[i]);
      return;
    }
    case 'selu':
      for (let i = 0; i < n; i++)
        out[i] = x[i] > 0 ? dy[i] * SELU_SCALE : dy[i] * SELU_SCALE * SELU_ALPHA * Math.exp(x[i]);
      return;
    case 'gelu':
      for (let i = 0; i < n; i++) out[i] = dy[i] * geluDerivative(x[i]);
      return;
    case 'swish':
      for (let i = 0; i < n; i++) {
        const s = sigmoid(x[i]);
        out[i] = dy[i] * (s + x[i] * s * (1 - s));
      }
      return;
    case 'softplus':
      for (let i = 0; i < n; i++) out[i] = dy[i] * sigmoid(x[i]);
      return;
    case 'softsign':
      for (let i = 0; i < n; i++) {
        const d = 1 + Math.abs(x[i]);
        out[i] = dy[i] / (d * d);
      }
      return;
    case 'hardSigmoid':
      for (let i = 0; i < n; i++) out[i] = x[i] > -3 && x[i] < 3 ? dy[i] / 6 : 0;
      return;
    case 'leakyRelu': {
      const alpha = attributes.alpha ?? 0.2;
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? dy[i] : alpha * dy[i];
      return;
    }
    case 'linear':
      out.set(dy);
      return;
    case 'clip': {
      const min = attributes.min ?? -Infinity;
      const max = attributes.max ?? Infinity;
      for (let i = 0; i < n; i++) out[i] = x[i] >= min && x[i] <= max ? dy[i] : 0;
      return;
    }
  }
}
