import { Embedding, InputLayer, type Layer, type Shape, type SymbolicTensor } from '@recur/layers';
import { type DType, type Tensor, ValueError } from '@recur/tensor';
import { Model } from './model.js';

/**
 * A linear stack of layers, each feeding the next (with masks propagated, as Keras does). The
 * graph is built from the first layer's `inputShape` or, without one, from the first data it sees.
 *
 * @example
 * ```ts
 * import { Dense, LSTM } from '@recur/layers';
 * import { Sequential } from '@recur/models';
 * const model = new Sequential([new LSTM({ units: 32, inputShape: [24, 1] }), new Dense({ units: 1 })]);
 * model.compile({ optimizer: 'adam', loss: 'mse' });
 * model.summary();
 * ```
 */
export class Sequential extends Model {
  override readonly className = 'Sequential';
  private readonly stack: Layer[] = [];

  constructor(layers: Layer[] = [], options: { name?: string } = {}) {
    super(options.name ? ({ name: options.name } as never) : undefined);
    for (const layer of layers) this.add(layer);
  }

  /** Appends a layer (the graph is rebuilt on next use). */
  add(layer: Layer): void {
    if (layer instanceof InputLayer) {
      if (this.stack.length > 0)
        throw new ValueError(
          this.name,
          'an InputLayer only as the first layer',
          `an InputLayer after ${this.stack.length} layers`,
        );
    }
    if (this.isCompiled)
      throw new ValueError(this.name, 'layers added before compile()', 'add() after compile()');
    if (this.graph && !(layer instanceof InputLayer)) {
      // A built stack grows by one call: the new layer on the current output.
      const output = this.applyLayer(layer, this.graph.outputs[0]);
      this.stack.push(layer);
      this.appendToGraph(output);
      return;
    }
    this.stack.push(layer);
    this.graph = null;
    // With a known input shape the graph is built right away (as Keras does), so summary() and
    // save() work before any data is seen.
    const shape = this.inputShape();
    if (shape) this.buildGraph(shape);
  }

  private applyLayer(layer: Layer, input: SymbolicTensor): SymbolicTensor {
    const out = layer.apply(input);
    if (Array.isArray(out))
      throw new ValueError(
        this.name,
        'layers with a single output (use the functional API for returnState)',
        `${layer.name} with ${out.length} outputs`,
      );
    return out;
  }

  /** The stacked layers (without the implicit input layer), as Keras lists them. */
  override get layers(): Layer[] {
    return this.stack.filter((layer) => !(layer instanceof InputLayer));
  }

  private inputShape(): Shape | null {
    const first = this.stack[0];
    if (!first) return null;
    return first instanceof InputLayer ? first.output.shape : first.batchInputShape;
  }

  override get inputDtypes(): DType[] {
    if (this.graph) return super.inputDtypes;
    const first = this.stack[0];
    return [
      first instanceof InputLayer
        ? first.inputDtype
        : first instanceof Embedding
          ? 'int32'
          : 'float32',
    ];
  }

  override get outputNames(): string[] {
    return this.graph
      ? super.outputNames
      : this.stack.length > 0
        ? [this.stack[this.stack.length - 1].name]
        : [];
  }

  protected override outputNamesForCompile(): string[] {
    if (this.stack.length === 0)
      throw new ValueError(this.name, 'at least one layer before compile()', 'an empty Sequential');
    return this.outputNames;
  }

  /** Builds the graph now, for `[batch, ...]` input shapes (like Keras' `model.build`). */
  build(inputShape: Shape): void {
    this.graph = null;
    this.buildGraph(inputShape);
  }

  protected override ensureGraph(sample?: Tensor[]) {
    if (!this.graph) {
      const shape = this.inputShape() ?? (sample?.[0] ? [null, ...sample[0].shape.slice(1)] : null);
      if (!shape)
        throw new ValueError(
          this.name,
          'an input shape (inputShape on the first layer) or data to build from',
          'neither',
        );
      this.buildGraph(shape);
    }
    return super.ensureGraph(sample);
  }

  private buildGraph(shape: Shape): void {
    if (this.stack.length === 0)
      throw new ValueError(this.name, 'at least one layer', 'an empty Sequential');
    const first = this.stack[0];
    const start =
      first instanceof InputLayer
        ? first
        : new InputLayer({
            batchInputShape: shape,
            inputDtype: this.inputDtypes[0],
            name: `${this.name}_input`,
          });
    let current: SymbolicTensor = start.output;
    for (const layer of this.stack) {
      if (layer instanceof InputLayer) continue;
      current = this.applyLayer(layer, current);
    }
    this.setGraph(start.output, current);
  }

  override getConfig(): Record<string, unknown> {
    return {
      name: this.name,
      layers: this.stack.map((layer) => layer.serialize()),
      buildInputShape: this.graph ? this.graph.inputs[0].shape : null,
    };
  }
}
