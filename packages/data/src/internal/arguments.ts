import { ValueError } from '@recur/tensor';

/**
 * @internal Checks that `value` is an integer no smaller than `minimum`, naming the argument in the
 * error: `op: expected sequenceLength to be a positive integer, received 0`.
 */
export function checkInteger(op: string, name: string, value: unknown, minimum: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    const wanted =
      minimum === 0
        ? 'a non-negative integer'
        : minimum === 1
          ? 'a positive integer'
          : `an integer >= ${minimum}`;
    throw new ValueError(op, `${name} to be ${wanted}`, describeValue(value));
  }
  return value;
}

/** @internal Checks that `value` is one of `allowed`. */
export function checkOneOf<T extends string>(
  op: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ValueError(
      op,
      `${name} to be one of ${allowed.map((item) => `'${item}'`).join(', ')}`,
      describeValue(value),
    );
  }
  return value as T;
}

/** @internal A short description of any value for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? (value.constructor?.name ?? 'an object') : typeof value;
}

/** @internal Whether a value is an array or a typed array (a sequence of values). */
export function isSequence(value: unknown): boolean {
  return Array.isArray(value) || ArrayBuffer.isView(value);
}
