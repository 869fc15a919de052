import type { Layer, LayerBuffers, SymbolicTensor } from '@recur/layers';
import type { DType, Tensor } from '@recur/tensor';
import type { CallbackModel } from '../callbacks/callback.js';
import type { GraphValue } from '../model-graph.js';

/**
 * What running a model on data needs: its inputs (their number and dtypes) and a forward pass.
 * `Model` implements it with its public members.
 */
export interface RunnableModel {
  readonly name: string;
  /** Empty while a Sequential has no graph yet. */
  readonly inputs: readonly SymbolicTensor[];
  readonly inputDtypes: DType[];
  /**
   * Runs the graph; recorded for autograd when `training` and recording is on. With `buffers`
   * recurrent layers write into memory kept between steps (a compiled step).
   */
  forward(xs: readonly Tensor[], training: boolean, buffers?: LayerBuffers | null): GraphValue[];
}

/**
 * All that training may use of a model. `Model` hands itself to its `Trainer` typed as this, so
 * the loops go through public members only, and training/ never imports model.ts: model.ts
 * depends on training/, never the other way round. The callbacks get the same object, as the
 * `CallbackModel` they know.
 */
export interface TrainableModel extends RunnableModel, CallbackModel {
  /** Names of the outputs (one per target array). */
  readonly outputNames: string[];
  /** The layers, for their regularization penalties. */
  readonly layers: Layer[];
  /** What the optimizer updates. */
  readonly trainableWeights: Tensor[];
}
