import { isDetached } from './detached.js';

// Messages stay one short line whatever was passed: a long string or a huge array is summarised,
// never printed whole.
const MAXIMUM_TEXT = 40;
const MAXIMUM_ITEMS = 8;

/**
 * A short description of any value for error messages: strings quoted, numbers as written, short
 * lists of primitives inline (`[2, -1]`), anything else by kind (`an array of length 1000`,
 * `a Uint8Array of length 4`, `a Tensor of shape [2, 3] (float32)`, `a function`). Never throws and
 * never prints more than a line.
 *
 * @example
 * ```ts
 * import { describeValue } from '@recur/tensor';
 * describeValue('false'); // "'false'"
 * describeValue([2, -1]); // '[2, -1]'
 * describeValue(new Uint8Array(4)); // 'a Uint8Array of length 4'
 * ```
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `'${value.length > MAXIMUM_TEXT ? `${value.slice(0, MAXIMUM_TEXT)}...` : value}'`;
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return 'a function';
    case 'undefined':
      return 'undefined';
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const inline =
      value.length <= MAXIMUM_ITEMS &&
      value.every(
        (item) => item === null || (typeof item !== 'object' && typeof item !== 'function'),
      );
    return inline
      ? `[${value.map(describeValue).join(', ')}]`
      : `an array of length ${value.length}`;
  }
  if (ArrayBuffer.isView(value)) {
    const kind = value.constructor?.name ?? 'typed array';
    if (isDetached(value)) return `a ${kind} whose buffer is detached`;
    const length = (value as unknown as { length?: unknown }).length;
    return typeof length === 'number' ? `a ${kind} of length ${length}` : `a ${kind}`;
  }
  const tensor = value as { shape?: unknown; dtype?: unknown; constructor?: { name?: string } };
  const kind = tensor.constructor?.name;
  if (kind === 'Tensor' && Array.isArray(tensor.shape))
    return `a Tensor of shape [${tensor.shape.join(', ')}] (${String(tensor.dtype)})`;
  return kind && kind !== 'Object' ? `a ${kind}` : 'an object';
}
