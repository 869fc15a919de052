import { totalmem } from 'node:os';
import { ValueError } from '../errors.js';
import { checkOptions } from './check-options.js';
import { describeValue } from './describe-value.js';

/** The largest tensor recur allocates: both bounds apply to every tensor's storage. */
export interface AllocationLimit {
  /** Elements per tensor (default 2^31 - 1, the largest count the native kernels index). */
  maxElements: number;
  /** Bytes per tensor (default a quarter of the machine's memory, `os.totalmem() / 4`). */
  maxBytes: number;
}

/** What {@link setAllocationLimit} takes: a number (or Infinity) sets a bound, null restores its default. */
export interface AllocationLimitOptions {
  maxElements?: number | null;
  maxBytes?: number | null;
}

function defaultLimit(): AllocationLimit {
  return { maxElements: 2 ** 31 - 1, maxBytes: Math.floor(totalmem() / 4) };
}

let active: AllocationLimit = defaultLimit();

/** @internal The limit in force, without a copy (read on every allocation). */
export function activeAllocationLimit(): Readonly<AllocationLimit> {
  return active;
}

/**
 * Sets the largest tensor recur will allocate. A size argument whose product exceeds the limit
 * (`zeros([1e6, 1e6])`, a `oneHot` depth of 1e12, a broadcast of two long vectors) is refused with
 * a `ValueError` naming the shape before any memory is requested, instead of the process trying to
 * allocate gigabytes. The defaults (2^31 - 1 elements and a quarter of `os.totalmem()` bytes per
 * tensor) suit most models; raise them for a big real model, or lower them in a service. A field
 * left out keeps its value; `null` restores its default; `Infinity` removes the bound. Returns the
 * previous limit, so it can be put back.
 *
 * @example
 * ```ts
 * import { getAllocationLimit, setAllocationLimit, zeros } from '@recur/tensor';
 * const previous = setAllocationLimit({ maxBytes: 64 * 2 ** 30 }); // allow tensors up to 64 GiB
 * console.log(getAllocationLimit().maxBytes); // 68719476736
 * setAllocationLimit(previous);
 * setAllocationLimit({ maxElements: 1000 });
 * // zeros([100, 100]) now throws: "zeros: expected shape to give a tensor within the allocation limit ..."
 * setAllocationLimit({ maxElements: null }); // back to the default
 * ```
 */
export function setAllocationLimit(limit: AllocationLimitOptions): AllocationLimit {
  const op = 'setAllocationLimit';
  const options = checkOptions(
    op,
    'limit',
    limit,
    ['maxElements', 'maxBytes'],
    ['maxElements', 'maxBytes'],
  );
  const pick = (name: keyof AllocationLimit): number => {
    const value = options[name];
    if (value === undefined) return active[name];
    if (value === null) return defaultLimit()[name];
    if (value === Number.POSITIVE_INFINITY || (Number.isSafeInteger(value) && value >= 1))
      return value;
    throw new ValueError(
      op,
      `${name} to be a positive integer, Infinity (no bound) or null (the default)`,
      describeValue(value),
    );
  };
  const next = { maxElements: pick('maxElements'), maxBytes: pick('maxBytes') };
  const previous = active;
  active = next;
  return { ...previous };
}

/**
 * The allocation limit in force (see {@link setAllocationLimit}).
 *
 * @example
 * ```ts
 * import { getAllocationLimit } from '@recur/tensor';
 * const { maxElements, maxBytes } = getAllocationLimit();
 * ```
 */
export function getAllocationLimit(): AllocationLimit {
  return { ...active };
}
