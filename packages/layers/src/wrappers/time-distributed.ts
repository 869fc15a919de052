import { type Tensor, ValueError } from '@recur/tensor';
import { isPlainObject } from '../arguments.js';
import { describeValue } from '@recur/tensor';
import { type CallOptions, Layer, type LayerConfig, type LayerWeight } from '../layer.js';
import { deserializeLayer, registerLayer } from '../registry.js';
import type { Serialized } from '../serialization.js';
import type { Shape } from '../shape.js';

/**
 * Applies a layer to every time step of a `[batch, steps, ...]` input, with one set of weights: the
 * steps are folded into the batch for one call (`[batch * steps, ...]`), then unfolded. Masks pass
 * through.
 *
 * @example
 * ```ts
 * import { Dense, TimeDistributed } from '@recur/layers';
 * import { ones } from '@recur/tensor';
 * new TimeDistributed({ layer: new Dense({ units: 4 }) }).apply(ones([2, 10, 8])).shape; // [2, 10, 4]
 * ```
 */
export class TimeDistributed extends Layer {
  readonly className = 'TimeDistributed';
  readonly layer: Layer;
  constructor(config: LayerConfig & { layer: Layer | Serialized }) {
    super(config);
    const layer = this.option('layer');
    if (layer instanceof Layer || isPlainObject(layer)) {
      this.layer =
        layer instanceof Layer ? layer : deserializeLayer(layer as unknown as Serialized);
      this.layer.checkConfigKeys();
    } else {
      throw new ValueError(
        this.name,
        'layer a Layer to wrap, or its { className, config }',
        describeValue(layer),
      );
    }
    this.supportsMasking = true;
    this.inputSpec = { minRank: 3, layout: '(batch, steps, ...)' };
  }

  override build(inputShape: Shape): void {
    this.checkBuildShape(inputShape);
    this.layer.build([null, ...inputShape.slice(2)]);
    this.layer.built = true;
    this.built = true;
  }

  call(inputs: Tensor, options: CallOptions): Tensor {
    const [batch, steps, ...rest] = inputs.shape;
    // Through apply, so the wrapped layer checks the folded steps against what it was built for.
    const folded = this.layer.apply(inputs.reshape([batch * steps, ...rest]), {
      training: options.training,
    });
    if (Array.isArray(folded))
      throw new ValueError(
        this.name,
        'a wrapped layer with a single output',
        `${folded.length} outputs`,
      );
    return folded.reshape([batch, steps, ...folded.shape.slice(1)]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const inner = this.layer.computeOutputShape([inputShape[0], ...inputShape.slice(2)]) as Shape;
    return [inputShape[0], inputShape[1], ...inner.slice(1)];
  }

  override weightEntries(): LayerWeight[] {
    return this.layer.weightEntries();
  }

  override get trainable(): boolean {
    return super.trainable;
  }

  override set trainable(value: boolean) {
    super.trainable = value;
    this.layer.trainable = value;
  }

  override getConfig() {
    return { ...super.getConfig(), layer: this.layer.serialize() };
  }
}

registerLayer(
  'TimeDistributed',
  (config) => new TimeDistributed(config as unknown as LayerConfig & { layer: Serialized }),
);
