import { ValueError } from '@recur/tensor';

/** Throws unless `value` is a number in the interval described (bounds inclusive unless open). */
export function checkNumber(
  op: string,
  label: string,
  value: unknown,
  range: { min?: number; max?: number; openMin?: boolean; openMax?: boolean } = {},
): number {
  const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY } = range;
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (range.openMin ? value > min : value >= min) &&
    (range.openMax ? value < max : value <= max);
  if (!ok) {
    const interval = `${range.openMin ? '(' : '['}${min}, ${max}${range.openMax ? ')' : ']'}`;
    throw new ValueError(
      op,
      `${label} a number in ${interval}`,
      JSON.stringify(value) ?? String(value),
    );
  }
  return value as number;
}

/** Throws unless `value` is a positive integer. */
export function checkPositiveInteger(op: string, label: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
    throw new ValueError(op, `${label} a positive integer`, JSON.stringify(value) ?? String(value));
  return value;
}

/** Throws unless `value` is a boolean. */
export function checkBoolean(op: string, label: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new ValueError(op, `${label} true or false`, JSON.stringify(value) ?? String(value));
  return value;
}

/** Throws on option names the object does not take (catches `beta_1` for `beta1`, typos). */
export function checkKeys(op: string, config: object, allowed: readonly string[]): void {
  const unknown = Object.keys(config).filter((key) => !allowed.includes(key));
  if (unknown.length > 0)
    throw new ValueError(op, `options among ${allowed.join(', ')}`, unknown.join(', '));
}
