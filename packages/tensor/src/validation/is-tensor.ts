import type { Tensor } from '../tensor.js';

// tensor.ts registers its class here rather than check-tensor.ts importing it: the Tensor class
// itself checks its arguments with checkTensor, and the import would close a circle.
let tensorClass: (abstract new (...args: never[]) => Tensor) | null = null;

/** @internal Called once by tensor.ts with the Tensor class. */
export function registerTensorClass(
  tensorConstructor: abstract new (...args: never[]) => Tensor,
): void {
  tensorClass = tensorConstructor;
}

/**
 * @internal `value instanceof Tensor`. Before tensor.ts has run no tensor can exist, so false.
 */
export function isTensor(value: unknown): value is Tensor {
  return tensorClass !== null && value instanceof tensorClass;
}
