import { type DType, ShapeError, type Tensor } from '@recur/tensor';
import { oneOf } from '../arguments.js';
import { type CallOptions, Layer, type LayerConfig } from '../layer.js';
import { registerLayer } from '../registry.js';
import { formatLayerShape, type Shape } from '../shape.js';

const DTYPES: readonly DType[] = ['float32', 'float64', 'int32'];
import { type LayerNode, SymbolicTensor } from '../symbolic-tensor.js';

export interface InputLayerConfig extends LayerConfig {
  /** The input dtype: float32 (default) or int32 for token ids. */
  inputDtype?: DType;
}

/**
 * The entry point of a functional model: holds the input shape and dtype and produces the first
 * symbolic tensor. Use `input({ shape })` from @recur/models rather than this class.
 *
 * @example
 * ```ts
 * import { InputLayer } from '@recur/layers';
 * const layer = new InputLayer({ batchInputShape: [null, 10, 3] });
 * layer.output.shape; // [null, 10, 3]
 * ```
 */
export class InputLayer extends Layer {
  readonly className = 'InputLayer';
  readonly inputDtype: DType;
  readonly output: SymbolicTensor;
  constructor(config: InputLayerConfig) {
    super(config);
    if (!this.batchInputShape)
      throw new ShapeError(this.name, 'a shape (inputShape or batchInputShape)', 'none');
    this.inputDtype = oneOf(
      this.name,
      'inputDtype',
      this.option('inputDtype') ?? 'float32',
      DTYPES,
    );
    this.inputSpec = {
      rank: this.batchInputShape.length,
      axes: Object.fromEntries(
        this.batchInputShape.flatMap((size, axis) => (size === null ? [] : [[axis, size]])),
      ),
      layout: formatLayerShape(this.batchInputShape),
    };
    const node: LayerNode = {
      layer: this,
      inputs: [],
      initialState: [],
      outputs: [],
      inputsIsList: false,
    };
    this.output = new SymbolicTensor(
      [...this.batchInputShape],
      this.inputDtype,
      node,
      0,
      this.name,
    );
    node.outputs.push(this.output);
    this.inboundNodes.push(node);
    this.built = true;
  }
  call(inputs: Tensor, _options: CallOptions): Tensor {
    return inputs;
  }
  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }
  override getConfig() {
    return { ...super.getConfig(), inputDtype: this.inputDtype };
  }
}

registerLayer('InputLayer', (config) => new InputLayer(config as InputLayerConfig));
