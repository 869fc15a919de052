/**
 * A shape mismatch: the message names the op, what it expected and what it received.
 *
 * @example
 * ```ts
 * import { ShapeError, ones } from '@recur/tensor';
 * try {
 *   ones([2, 3]).matmul(ones([2, 3]));
 * } catch (error) {
 *   if (error instanceof ShapeError) console.log(error.op, error.expected, error.received);
 * }
 * ```
 */
export class ShapeError extends Error {
  readonly code = 'ERR_RECUR_SHAPE';
  constructor(
    readonly op: string,
    readonly expected: string,
    readonly received: string,
  ) {
    super(`${op}: expected ${expected}, received ${received}`);
    this.name = 'ShapeError';
  }
}

/**
 * A dtype mismatch or an unsupported dtype for an op.
 *
 * @example
 * ```ts
 * import { DTypeError, tensor } from '@recur/tensor';
 * try {
 *   tensor([1, 2], undefined, { dtype: 'int32' }).exp();
 * } catch (error) {
 *   if (error instanceof DTypeError) console.log(error.message);
 * }
 * ```
 */
export class DTypeError extends Error {
  readonly code = 'ERR_RECUR_DTYPE';
  constructor(
    readonly op: string,
    readonly expected: string,
    readonly received: string,
  ) {
    super(`${op}: expected ${expected}, received ${received}`);
    this.name = 'DTypeError';
  }
}

/**
 * Misuse of automatic differentiation, such as `backward()` on a non-scalar without a seed
 * gradient, or on a tensor that does not require gradients.
 *
 * @example
 * ```ts
 * import { AutogradError, ones } from '@recur/tensor';
 * try {
 *   ones([2], { requiresGrad: true }).mul(2).backward();
 * } catch (error) {
 *   if (error instanceof AutogradError) console.log(error.message);
 * }
 * ```
 */
export class AutogradError extends Error {
  readonly code = 'ERR_RECUR_AUTOGRAD';
  constructor(message: string) {
    super(message);
    this.name = 'AutogradError';
  }
}

/**
 * An argument outside the values an op accepts (a rate outside [0, 1), a negative size, ...).
 *
 * @example
 * ```ts
 * import { ValueError, dropout, ones } from '@recur/tensor';
 * try {
 *   dropout(ones([2]), 1.5);
 * } catch (error) {
 *   if (error instanceof ValueError) console.log(error.message);
 * }
 * ```
 */
export class ValueError extends RangeError {
  readonly code = 'ERR_RECUR_VALUE';
  constructor(
    readonly op: string,
    readonly expected: string,
    readonly received: string,
  ) {
    super(`${op}: expected ${expected}, received ${received}`);
    this.name = 'ValueError';
  }
}
