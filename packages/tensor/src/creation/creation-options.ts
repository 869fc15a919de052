import { checkDType, type DType } from '../dtype.js';
import { DTypeError } from '../errors.js';
import { checkBoolean } from '../validation/check-boolean.js';
import { checkOptions } from '../validation/check-options.js';

/** @internal The checked options of a creation function; `dtype` is undefined when not given. */
export interface CheckedCreationOptions<T> {
  options: Partial<T>;
  dtype: DType | undefined;
  requiresGrad: boolean;
}

/**
 * @internal Checks the options every creation function shares (`dtype`, `requiresGrad`) and that
 * no unknown key is present (`extraKeys` are the function's own options, checked by the caller).
 */
export function creationOptions<T extends { dtype?: DType; requiresGrad?: boolean }>(
  op: string,
  options: T | undefined,
  extraKeys: readonly string[] = [],
): CheckedCreationOptions<T> {
  const checked = checkOptions(op, 'options', options, ['dtype', 'requiresGrad', ...extraKeys]);
  const dtype = checked.dtype === undefined ? undefined : checkDType(op, 'dtype', checked.dtype);
  const requiresGrad = checkBoolean(op, 'requiresGrad', checked.requiresGrad, false);
  return { options: checked, dtype, requiresGrad };
}

/** @internal Refuses requiresGrad on an int32 result: integer tensors carry no gradient. */
export function checkGradDType(op: string, dtype: DType, requiresGrad: boolean): void {
  if (requiresGrad && dtype === 'int32')
    throw new DTypeError(op, 'a float dtype for requiresGrad', 'int32');
}
