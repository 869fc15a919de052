import type { DType } from '@recur/tensor';
import type { Layer } from './layer.js';
import { formatLayerShape, type Shape } from './shape.js';

/** One symbolic call of a layer: which symbolic tensors went in and which came out. */
export interface LayerNode {
  layer: Layer;
  inputs: SymbolicTensor[];
  /** Symbolic initial states passed with `initialState` (recurrent layers). */
  initialState: SymbolicTensor[];
  outputs: SymbolicTensor[];
  /** Whether the layer received a list (rather than a single tensor). */
  inputsIsList: boolean;
  training?: boolean;
}

/**
 * A placeholder for a tensor in a functional model: a shape (the batch axis unknown), a dtype,
 * and the layer call that produces it. Applying a layer to symbolic tensors records the call
 * instead of computing, so `new Model({ inputs, outputs })` can replay the graph.
 *
 * @example
 * ```ts
 * import { Dense } from '@recur/layers';
 * import { input } from '@recur/models';
 * const x = input({ shape: [8] });
 * const y = new Dense({ units: 4 }).apply(x); // a SymbolicTensor of shape (None, 4)
 * ```
 */
export class SymbolicTensor {
  constructor(
    readonly shape: Shape,
    readonly dtype: DType,
    /** The node that produces this tensor (an InputLayer's node for model inputs). */
    readonly node: LayerNode,
    readonly outputIndex: number,
    readonly name: string,
  ) {}

  toString(): string {
    return `SymbolicTensor(shape=${formatLayerShape(this.shape)}, dtype=${this.dtype}, name=${this.name})`;
  }
}

export function isSymbolic(value: unknown): value is SymbolicTensor {
  return (
    value instanceof SymbolicTensor ||
    (Array.isArray(value) && value.length > 0 && value.every((v) => v instanceof SymbolicTensor))
  );
}
