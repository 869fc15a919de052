/**
 * `@recur/layers`: Keras-style layers (constructor = config, `build` = weights, `call` = ops,
 * `getConfig` + a registry for save/load), initializers and regularizers. Recurrent layers run the
 * fused kernels of @recur/tensor.
 *
 * @module @recur/layers
 * @packageDocumentation
 */
export {
  type CallOptions,
  Layer,
  type LayerConfig,
  type LayerInput,
  type LayerOutput,
} from './layer.js';
export { LayerBuffers } from './layer-buffers.js';
export { type LayerNode, SymbolicTensor, isSymbolic } from './symbolic-tensor.js';
export { formatLayerShape, type Shape } from './shape.js';
export type { InputSpec } from './input-spec.js';
export { MAX_DIMENSION, MAX_WEIGHT_ELEMENTS } from './arguments.js';
export { deserializeLayer, registerLayer, registeredLayerClasses } from './registry.js';
export type { Serialized } from './serialization.js';
export { type ActivationFunction, type ActivationName, getActivation } from './activations.js';
export {
  computeFans,
  getInitializer,
  Initializer,
  registerInitializer,
} from './initializers/initializer.js';
export { Constant, Ones, Zeros } from './initializers/constant-initializers.js';
export {
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
} from './initializers/random-initializers.js';
export {
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  VarianceScaling,
} from './initializers/variance-scaling.js';
export { Identity, Orthogonal } from './initializers/orthogonal.js';
export { buildForSavedWeights, type SavedWeightShapes } from './initializers/saved-weights.js';
export { getRegularizer, l1, l1l2, l2, Regularizer } from './regularizers.js';
export { Dense, type DenseConfig } from './core/dense.js';
export { Activation } from './core/activation.js';
export { Dropout, type DropoutConfig } from './core/dropout.js';
export { Flatten } from './core/flatten.js';
export { Reshape } from './core/reshape.js';
export { RepeatVector } from './core/repeat-vector.js';
export { Embedding, type EmbeddingConfig } from './core/embedding.js';
export { Masking } from './core/masking.js';
export { InputLayer, type InputLayerConfig } from './core/input-layer.js';
export {
  RecurrentLayer,
  type RecurrentLayerConfig,
  type RecurrentState,
} from './recurrent/recurrent-layer.js';
export { LSTM, type LSTMConfig } from './recurrent/lstm.js';
export { GRU, type GRUConfig } from './recurrent/gru.js';
export { SimpleRNN } from './recurrent/simple-rnn.js';
export {
  Bidirectional,
  type BidirectionalConfig,
  type MergeMode,
} from './wrappers/bidirectional.js';
export { TimeDistributed } from './wrappers/time-distributed.js';
