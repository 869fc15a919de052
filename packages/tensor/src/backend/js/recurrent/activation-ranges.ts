import type { FloatArray } from '../../../dtype.js';
import type { RecurrentActivation } from '../../recurrent-kernels.js';
import { hardSigmoid, sigmoid } from '../scalar-math.js';

// Activations over a contiguous range, with the switch outside the loop so each loop stays tight.

/** `a[offset .. offset+length) = f(a[...])` in place. */
export function activateRange(
  kind: RecurrentActivation,
  a: FloatArray,
  offset: number,
  length: number,
): void {
  const end = offset + length;
  switch (kind) {
    case 'tanh':
      for (let i = offset; i < end; i++) a[i] = Math.tanh(a[i]);
      return;
    case 'sigmoid':
      for (let i = offset; i < end; i++) a[i] = sigmoid(a[i]);
      return;
    case 'hardSigmoid':
      for (let i = offset; i < end; i++) a[i] = hardSigmoid(a[i]);
      return;
    case 'relu':
      for (let i = offset; i < end; i++) a[i] = a[i] > 0 ? a[i] : 0;
      return;
    case 'linear':
      return;
  }
}

/**
 * `g[i] *= f'(x_i)` where `y = f(x)` is given: every supported activation's derivative is a
 * function of its output (sigmoid y(1-y), tanh 1-y^2, hardSigmoid 1/6 inside (0, 1), relu y > 0),
 * so the kernels save activated values only.
 */
export function scaleByDerivative(
  kind: RecurrentActivation,
  g: FloatArray,
  gOffset: number,
  y: FloatArray,
  yOffset: number,
  length: number,
): void {
  switch (kind) {
    case 'tanh':
      for (let i = 0; i < length; i++) {
        const v = y[yOffset + i];
        g[gOffset + i] *= 1 - v * v;
      }
      return;
    case 'sigmoid':
      for (let i = 0; i < length; i++) {
        const v = y[yOffset + i];
        g[gOffset + i] *= v * (1 - v);
      }
      return;
    case 'hardSigmoid':
      for (let i = 0; i < length; i++) {
        const v = y[yOffset + i];
        g[gOffset + i] *= v > 0 && v < 1 ? 1 / 6 : 0;
      }
      return;
    case 'relu':
      for (let i = 0; i < length; i++) if (!(y[yOffset + i] > 0)) g[gOffset + i] = 0;
      return;
    case 'linear':
      return;
  }
}
