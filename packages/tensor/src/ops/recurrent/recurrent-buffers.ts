import { AutogradError } from '../../errors.js';
import { allocate, type DType, type FloatArray } from '../../dtype.js';
import { type Tensor, trustedTensor } from '../../tensor.js';
import { checkAllocation } from '../../validation/check-allocation.js';
import { sizeOf } from '../../shape.js';

/**
 * Storage a recurrent op ({@link lstm}, {@link gru}, {@link simpleRnn}) writes into and keeps for
 * its next call with the same sizes: the output sequence and final states, the training workspace
 * and the gradients backpropagation through time returns. A training step of a recurrent layer
 * otherwise allocates (and the system zero-fills) its whole workspace every step, several MB for
 * a small model: the page faults and memory traffic of a step that does the same work each time.
 *
 * What the op returns then lives in these buffers and is overwritten by the next call: copy an
 * output that must outlive it (`t.clone()`). Backward must run before the next training call: a
 * gradient asked for a workspace that has been refilled is an `AutogradError`, never a wrong value.
 * Results are bit for bit those of the op without buffers (same kernels, same inputs).
 *
 * @example
 * ```ts
 * import { lstm, randomNormal, RecurrentBuffers } from '@recur/tensor';
 * const x = randomNormal([2, 5, 3]);
 * const W = randomNormal([3, 16]);
 * const U = randomNormal([4, 16]);
 * const buffers = new RecurrentBuffers();
 * for (let step = 0; step < 3; step++) lstm(x, W, U, null, { buffers }); // allocates once
 * ```
 */
export class RecurrentBuffers {
  readonly #arrays = new Map<string, FloatArray>();
  #generation = 0;

  /** Bytes held: what {@link RecurrentBuffers.release} frees. */
  get byteLength(): number {
    let bytes = 0;
    for (const array of this.#arrays.values()) bytes += array.byteLength;
    return bytes;
  }

  /** Whether `t`'s storage is one of these buffers (a result the next call overwrites). */
  owns(t: Tensor): boolean {
    for (const array of this.#arrays.values()) if (array.buffer === t.data.buffer) return true;
    return false;
  }

  /** Drops every buffer (the next call allocates again). Outputs taken before stay valid. */
  release(): void {
    this.#arrays.clear();
  }

  /**
   * @internal The array kept under `name`, allocated again only when the dtype or the length
   * changes (a last, smaller batch). Its contents are whatever the previous call left: every
   * kernel output and workspace section is written in full before it is read.
   */
  array(op: string, name: string, dtype: DType, size: number): FloatArray {
    const kept = this.#arrays.get(name);
    if (kept && kept.length === size && dtypeOfArray(kept) === dtype) return kept;
    const array = allocate(
      dtype,
      checkAllocation(op, `x and units (${name})`, [size], dtype),
    ) as FloatArray;
    this.#arrays.set(name, array);
    return array;
  }

  /** @internal A tensor over the array kept under `name`, of shape `shape`. */
  tensor(op: string, name: string, dtype: DType, shape: readonly number[]): Tensor {
    return trustedTensor(this.array(op, name, dtype, sizeOf(shape)), shape);
  }

  /** @internal Marks a refill of the training workspace; returns the mark backward checks. */
  refill(): number {
    return ++this.#generation;
  }

  /** @internal Refuses a backward through a workspace a later call has overwritten. */
  checkGeneration(op: string, generation: number): void {
    if (generation !== this.#generation)
      throw new AutogradError(
        `${op} backward: its RecurrentBuffers were reused by a later call before this backward ran (run backward after each training call, or give each call its own buffers)`,
      );
  }
}

function dtypeOfArray(array: FloatArray): DType {
  return array instanceof Float32Array ? 'float32' : 'float64';
}

/** @internal Whether `value` is a {@link RecurrentBuffers}. */
export function isRecurrentBuffers(value: unknown): value is RecurrentBuffers {
  return value instanceof RecurrentBuffers;
}
