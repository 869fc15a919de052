import type { FloatArray } from '../../dtype.js';

// Softmax along the middle axis of [outer, size, inner], shifted by the maximum so exp never
// overflows: softmax(x) = exp(x - m) / sum exp(x - m); log-softmax = x - m - log(sum exp(x - m)).

export function softmax(
  x: FloatArray,
  outer: number,
  size: number,
  inner: number,
  out: FloatArray,
  log: boolean,
): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let max = -Infinity;
      for (let s = 0, k = base; s < size; s++, k += inner) if (x[k] > max) max = x[k];
      // A row of all -Infinity has no finite maximum; shifting by 0 then yields NaN, as it should.
      if (max === -Infinity) max = 0;
      let sum = 0;
      for (let s = 0, k = base; s < size; s++, k += inner) sum += Math.exp(x[k] - max);
      if (log) {
        const logSum = Math.log(sum) + max;
        for (let s = 0, k = base; s < size; s++, k += inner) out[k] = x[k] - logSum;
      } else {
        for (let s = 0, k = base; s < size; s++, k += inner) out[k] = Math.exp(x[k] - max) / sum;
      }
    }
  }
}

/**
 * softmax: dx = y * (dy - sum(dy * y)); log-softmax: dx = dy - exp(y) * sum(dy).
 */
export function softmaxGrad(
  y: FloatArray,
  dy: FloatArray,
  outer: number,
  size: number,
  inner: number,
  out: FloatArray,
  log: boolean,
): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let dot = 0;
      if (log) {
        for (let s = 0, k = base; s < size; s++, k += inner) dot += dy[k];
        for (let s = 0, k = base; s < size; s++, k += inner) out[k] = dy[k] - Math.exp(y[k]) * dot;
      } else {
        for (let s = 0, k = base; s < size; s++, k += inner) dot += dy[k] * y[k];
        for (let s = 0, k = base; s < size; s++, k += inner) out[k] = y[k] * (dy[k] - dot);
      }
    }
  }
}
