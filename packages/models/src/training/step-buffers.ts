import { LayerBuffers } from '@recur/layers';
import type { Tensor } from '@recur/tensor';

/**
 * The memory of a compiled step, one {@link LayerBuffers} per input signature (shapes and dtypes
 * of the batch). Two are kept, most recently used first: a fit's full batches and its smaller
 * last batch then both reuse their own, where one set would be reallocated twice an epoch.
 */
export class StepBuffers {
  // A Map iterates in insertion order: re-inserting on use keeps the oldest first.
  readonly #bySignature = new Map<string, LayerBuffers>();

  constructor(private readonly capacity = 2) {}

  /** The buffers for a batch of inputs `xs`, started for a new step. */
  forBatch(xs: readonly Tensor[]): LayerBuffers {
    const signature = xs.map((x) => `${x.dtype}[${x.shape.join(',')}]`).join(';');
    let buffers = this.#bySignature.get(signature);
    if (buffers) this.#bySignature.delete(signature);
    else buffers = new LayerBuffers();
    this.#bySignature.set(signature, buffers);
    for (const [oldest, kept] of this.#bySignature) {
      if (this.#bySignature.size <= this.capacity) break;
      kept.release();
      this.#bySignature.delete(oldest);
    }
    buffers.nextStep();
    return buffers;
  }

  /** Whether `t` lives in any of these buffers (a later step overwrites it). */
  owns(t: Tensor): boolean {
    for (const buffers of this.#bySignature.values()) if (buffers.owns(t)) return true;
    return false;
  }

  /** The layers that took buffers in any signature, each once. */
  get layers(): object[] {
    return [...new Set([...this.#bySignature.values()].flatMap((b) => b.layers))];
  }

  /** Bytes held over all signatures. */
  get byteLength(): number {
    let bytes = 0;
    for (const buffers of this.#bySignature.values()) bytes += buffers.byteLength;
    return bytes;
  }

  /** Frees everything (the next step allocates again). */
  release(): void {
    for (const buffers of this.#bySignature.values()) buffers.release();
    this.#bySignature.clear();
  }
}
