import { add, concat, div, mul, ShapeError, type Tensor, ValueError } from '@recur/tensor';
import { isPlainObject, nonEmptyString, oneOf, optionsObject } from '../arguments.js';
import { describeValue } from '@recur/tensor';
import { type CallOptions, Layer, type LayerConfig, type LayerWeight } from '../layer.js';
import { RecurrentLayer } from '../recurrent/recurrent-layer.js';
import { uniqueLayerName } from '../naming.js';
import { deserializeLayer, registerLayer } from '../registry.js';
import type { Serialized } from '../serialization.js';
import type { Shape } from '../shape.js';

export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave' | null;

const MERGE_MODES: readonly MergeMode[] = ['concat', 'sum', 'mul', 'ave', null];
const RECURRENT = 'a recurrent layer (SimpleRNN, LSTM, GRU)';

export interface BidirectionalConfig extends LayerConfig {
  /** The recurrent layer to run both ways (a copy runs forward, another with goBackwards flipped). */
  layer: RecurrentLayer | Serialized;
  /** How the two directions combine (default concat, forward first); null returns both. */
  mergeMode?: MergeMode;
}

/**
 * Runs a recurrent layer over the sequence in both directions and merges the results, as Keras:
 * the backward copy processes the reversed sequence; with `returnSequences` its outputs are reversed
 * back to the original time order, and outputs at masked steps are zeros. Weights: the forward
 * layer's, then the backward layer's. With `returnState` the outputs are
 * `[merged, ...forwardStates, ...backwardStates]`.
 *
 * @example
 * ```ts
 * import { Bidirectional, LSTM } from '@recur/layers';
 * import { ones } from '@recur/tensor';
 * const bi = new Bidirectional({ layer: new LSTM({ units: 8, returnSequences: true }) });
 * bi.apply(ones([2, 5, 3])).shape; // [2, 5, 16]
 * ```
 */
export class Bidirectional extends Layer {
  readonly className = 'Bidirectional';
  readonly forwardLayer: RecurrentLayer;
  readonly backwardLayer: RecurrentLayer;
  readonly mergeMode: MergeMode;

  constructor(config: BidirectionalConfig) {
    super(config);
    const layer = this.option('layer');
    // Unknown options of the inner layer (a `return_sequences`) must fail here: its copies are
    // made from its config, which would drop them silently.
    if (layer instanceof Layer) layer.checkConfigKeys();
    const inner = layer instanceof Layer ? layer.serialize() : layer;
    if (!isPlainObject(inner) || typeof inner.className !== 'string')
      throw new ValueError(
        this.name,
        `layer ${RECURRENT}, or its { className, config }`,
        describeValue(inner),
      );
    const base = optionsObject(this.name, 'layer config', inner.config);
    const innerName =
      base.name === undefined || base.name === null
        ? uniqueLayerName(inner.className)
        : nonEmptyString(this.name, 'layer name', base.name);
    const forward = deserializeLayer({
      className: inner.className,
      config: { ...base, name: `forward_${innerName}` },
    });
    if (!(forward instanceof RecurrentLayer))
      throw new ValueError(this.name, `layer ${RECURRENT}`, describeValue(inner.className));
    forward.checkConfigKeys();
    if (forward.stateful)
      throw new ValueError(this.name, 'layer a non-stateful layer', 'stateful: true');
    const backward = deserializeLayer({
      className: inner.className,
      config: { ...base, name: `backward_${innerName}`, goBackwards: !forward.goBackwards },
    }) as RecurrentLayer;
    this.forwardLayer = forward;
    this.backwardLayer = backward;
    const mergeMode = this.option('mergeMode');
    this.mergeMode = oneOf(
      this.name,
      'mergeMode',
      mergeMode === undefined ? 'concat' : mergeMode,
      MERGE_MODES,
    );
    this.supportsMasking = true;
    this.takesInitialState = true;
    this.castsIntegerInputs = true;
    this.inputSpec = { rank: 3, layout: '(batch, steps, features)' };
  }

  override build(inputShape: Shape): void {
    this.checkBuildShape(inputShape);
    this.forwardLayer.build(inputShape);
    this.backwardLayer.build(inputShape);
    this.forwardLayer.built = true;
    this.backwardLayer.built = true;
    const features = inputShape[2];
    this.inputSpec = {
      rank: 3,
      axes: features === null ? {} : { 2: features },
      layout: '(batch, steps, features)',
    };
    this.built = true;
  }

  call(inputs: Tensor, options: CallOptions): Tensor | Tensor[] {
    const states = options.initialState ?? null;
    const perDirection = this.forwardLayer.stateNames.length;
    if (states && states.length !== 2 * perDirection) {
      throw new ValueError(
        this.name,
        `${2 * perDirection} initial states (forward then backward)`,
        `${states.length}`,
      );
    }
    const forwardResult = this.forwardLayer.call(inputs, {
      ...options,
      initialState: states?.slice(0, perDirection) ?? null,
    });
    const backwardResult = this.backwardLayer.call(inputs, {
      ...options,
      initialState: states?.slice(perDirection) ?? null,
    });
    const [forward, ...forwardStates] = Array.isArray(forwardResult)
      ? forwardResult
      : [forwardResult];
    let [backward, ...backwardStates] = Array.isArray(backwardResult)
      ? backwardResult
      : [backwardResult];
    let forwardOut = forward;
    if (this.forwardLayer.returnSequences) {
      backward = backward.reverse(1);
      if (options.mask) {
        // Keras forces zero outputs at masked steps inside Bidirectional when returning sequences.
        const keep = options.mask.cast(forward.dtype).expandDims(-1);
        forwardOut = mul(forwardOut, keep);
        backward = mul(backward, keep);
      }
    }
    let merged: Tensor | Tensor[];
    switch (this.mergeMode) {
      case 'concat':
        merged = concat([forwardOut, backward], -1);
        break;
      case 'sum':
        merged = add(forwardOut, backward);
        break;
      case 'mul':
        merged = mul(forwardOut, backward);
        break;
      case 'ave':
        merged = div(add(forwardOut, backward), 2);
        break;
      default:
        merged = [forwardOut, backward];
    }
    const outputs = Array.isArray(merged) ? merged : [merged];
    return this.forwardLayer.returnState || outputs.length > 1
      ? [
          ...outputs,
          ...(this.forwardLayer.returnState ? [...forwardStates, ...backwardStates] : []),
        ]
      : outputs[0];
  }

  override computeOutputShape(inputShape: Shape): Shape | Shape[] {
    const inner = this.forwardLayer.computeOutputShape(inputShape);
    const [output, ...states] = (this.forwardLayer.returnState ? inner : [inner]) as Shape[];
    if (output.length < 2)
      throw new ShapeError(this.name, 'a recurrent output shape', JSON.stringify(output));
    const units = output[output.length - 1];
    const merged: Shape[] =
      this.mergeMode === null
        ? [output, output]
        : [
            [
              ...output.slice(0, -1),
              this.mergeMode === 'concat' && units !== null ? 2 * units : units,
            ],
          ];
    const all = [...merged, ...states, ...states];
    return all.length === 1 ? all[0] : all;
  }

  override computeMask(_inputs: Tensor, mask: Tensor | null): Tensor | null {
    return this.forwardLayer.returnSequences ? mask : null;
  }

  override weightEntries(): LayerWeight[] {
    return [...this.forwardLayer.weightEntries(), ...this.backwardLayer.weightEntries()];
  }

  override get trainable(): boolean {
    return super.trainable;
  }

  override set trainable(value: boolean) {
    super.trainable = value;
    this.forwardLayer.trainable = value;
    this.backwardLayer.trainable = value;
  }

  override getConfig() {
    const layer = this.forwardLayer.serialize();
    const innerName = String(layer.config.name).replace(/^forward_/, '');
    return {
      ...super.getConfig(),
      layer: { className: layer.className, config: { ...layer.config, name: innerName } },
      mergeMode: this.mergeMode,
    };
  }
}

registerLayer(
  'Bidirectional',
  (config) => new Bidirectional(config as unknown as BidirectionalConfig),
);
