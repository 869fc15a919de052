import { RecurrentBuffers, type Tensor } from '@recur/tensor';

/**
 * The memory a model's layers keep from one step to the next (what a compiled training or
 * inference step of `@recur/models` passes to `apply` as `buffers`): one {@link RecurrentBuffers}
 * per recurrent layer, so its outputs, workspace and gradients are allocated once, not every step.
 *
 * A layer takes its buffers once per step: a layer applied twice in one step (a shared layer)
 * allocates for its second call, since both calls' workspaces are needed by the same backward.
 * Stateful layers never take them (their carried states must outlive the next call).
 *
 * @example
 * ```ts
 * import { LayerBuffers, LSTM } from '@recur/layers';
 * import { ones } from '@recur/tensor';
 * const layer = new LSTM({ units: 8 });
 * const buffers = new LayerBuffers();
 * for (let step = 0; step < 3; step++) {
 *   buffers.nextStep();
 *   layer.apply(ones([2, 5, 3]), { buffers }); // the same storage every step
 * }
 * ```
 */
export class LayerBuffers {
  readonly #kept = new Map<object, RecurrentBuffers>();
  readonly #taken = new Set<object>();

  /** Starts a step: every layer may take its buffers once more. */
  nextStep(): void {
    this.#taken.clear();
  }

  /** The buffers of `layer` for this step, or null when it already took them in this step. */
  take(layer: object): RecurrentBuffers | null {
    if (this.#taken.has(layer)) return null;
    this.#taken.add(layer);
    let buffers = this.#kept.get(layer);
    if (!buffers) {
      buffers = new RecurrentBuffers();
      this.#kept.set(layer, buffers);
    }
    return buffers;
  }

  /** The layers holding buffers, in the order they first took them. */
  get layers(): object[] {
    return [...this.#kept.keys()];
  }

  /** Whether `t`'s storage is held here (an output a later step overwrites: copy it to keep it). */
  owns(t: Tensor): boolean {
    for (const buffers of this.#kept.values()) if (buffers.owns(t)) return true;
    return false;
  }

  /** Bytes held over all layers. */
  get byteLength(): number {
    let bytes = 0;
    for (const buffers of this.#kept.values()) bytes += buffers.byteLength;
    return bytes;
  }

  /** Frees every layer's buffers (the next step allocates again). */
  release(): void {
    for (const buffers of this.#kept.values()) buffers.release();
    this.#kept.clear();
    this.#taken.clear();
  }
}
