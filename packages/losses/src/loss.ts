import { mul, type Tensor, ValueError } from '@recur/tensor';
import { squeezeOrExpandToSameRank } from './align.js';
import { checkReduction, type Reduction, reduceWeightedValues } from './reduction.js';
import {
  checkName,
  checkOptions,
  checkTensor,
  describeValue,
  optionalTensor,
  orDefault,
} from './validation.js';

/** A per-sample loss function `(yTrue, yPred) => values`, reducing the last axis. */
export type LossFunction = (yTrue: Tensor, yPred: Tensor) => Tensor;

/** Options every loss class takes (Keras names). */
export interface LossConfig {
  /** Name shown in logs. Defaults to the Keras name of the loss, e.g. `'mean_squared_error'`. */
  name?: string;
  /** Default `'sum_over_batch_size'`. */
  reduction?: Reduction;
}

/** A serialised object: `{ className, config }`, JSON-compatible. */
export interface SerializedObject {
  className: string;
  config: Record<string, unknown>;
}

/**
 * Base class of the losses, like `keras.losses.Loss`: `call` computes per-sample values (differentiable
 * through the tensor ops), `compute` weights and reduces them to the training objective.
 *
 * Subclass it for a custom loss: set `className`, implement `call`, and override `getConfig` if
 * it has options.
 *
 * @example
 * ```ts
 * import { Loss } from '@recur/losses';
 * import { mean, type Tensor } from '@recur/tensor';
 * class MeanCubedError extends Loss {
 *   readonly className = 'MeanCubedError';
 *   constructor() {
 *     super({}, 'mean_cubed_error');
 *   }
 *   call(yTrue: Tensor, yPred: Tensor): Tensor {
 *     return mean(yPred.sub(yTrue).abs().pow(3), -1);
 *   }
 * }
 * ```
 */
export abstract class Loss {
  /** Name of the class in serialised configs ({@link Loss.getConfig}). */
  abstract readonly className: string;
  /** Name shown in logs (settable, as in Keras). */
  name: string;
  readonly reduction: Reduction;

  /**
   * `options` names what a subclass takes besides `name` and `reduction`; any other key of
   * `config` is refused (a `from_logits` would otherwise be ignored).
   */
  constructor(config: LossConfig, defaultName: string, options: readonly string[] = []) {
    const op = new.target.name || 'Loss';
    const given = checkOptions(op, config, ['name', 'reduction', ...options]);
    this.name = checkName(op, 'name', given.name ?? defaultName);
    this.reduction = checkReduction(
      `${defaultName} reduction`,
      orDefault(given.reduction, 'sum_over_batch_size'),
    );
  }

  /** Per-sample loss values: shape `[batch]` (or `[batch, T]` for sequences). */
  abstract call(yTrue: Tensor, yPred: Tensor): Tensor;

  /**
   * The reduced loss exactly as Keras 3 computes `loss(yTrue, yPred, sampleWeight)`:
   * `call`, then {@link reduceWeightedValues} with this loss's `reduction`.
   *
   * `sampleWeight` may be `[batch]`, or match the per-sample values (for sequences `[batch, T]`:
   * per-timestep weights, e.g. from a mask); `[batch]` weights on `[batch, T]` values weight every
   * timestep of a sample. `mask` (shaped like the values, 1 = counts) is Keras' output mask:
   * with `'sum_over_batch_size'` masked entries drop out of the count as well as the sum.
   */
  compute(
    yTrue: Tensor,
    yPred: Tensor,
    sampleWeight?: Tensor | null,
    mask?: Tensor | null,
  ): Tensor {
    const op = `${this.className}.compute`;
    checkTensor(op, 'yTrue', yTrue);
    checkTensor(op, 'yPred', yPred);
    const weight = optionalTensor(op, 'sampleWeight', sampleWeight);
    const outputMask = optionalTensor(op, 'mask', mask);
    const values = checkTensor(op, 'the result of call()', this.call(yTrue, yPred));
    const ownMask = this.outputMask(yTrue, yPred);
    const combined =
      ownMask && outputMask ? mul(ownMask, outputMask) : (ownMask ?? outputMask ?? null);
    return reduceWeightedValues(values, {
      sampleWeight: weight,
      mask: combined,
      reduction: this.reduction,
    });
  }

  /** 0/1 over `call`'s output marking entries the loss itself excludes (none by default). */
  protected outputMask(_yTrue: Tensor, _yPred: Tensor): Tensor | null {
    return null;
  }

  /** `{ className, config }` with the name, reduction and the loss's own options. */
  getConfig(): SerializedObject {
    return { className: this.className, config: { name: this.name, reduction: this.reduction } };
  }
}

/**
 * A loss from a plain function `(yTrue, yPred) => per-sample values` (Keras'
 * `LossFunctionWrapper`); ranks are aligned the Keras way before the call.
 *
 * @example
 * ```ts
 * import { LossFunctionWrapper } from '@recur/losses';
 * import { mean, tensor, type Tensor } from '@recur/tensor';
 * const l1 = new LossFunctionWrapper((t: Tensor, p: Tensor) => mean(p.sub(t).abs(), -1), { name: 'l1' });
 * l1.compute(tensor([[0, 0]]), tensor([[1, -3]])).item(); // 2
 * ```
 */
export class LossFunctionWrapper extends Loss {
  readonly className = 'LossFunctionWrapper';
  readonly fn: LossFunction;

  constructor(fn: LossFunction, config: LossConfig = {}) {
    if (typeof fn !== 'function')
      throw new ValueError(
        'LossFunctionWrapper',
        'fn a function (yTrue, yPred) => Tensor',
        describeValue(fn),
      );
    super(config, fn.name || 'loss');
    this.fn = fn;
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(this.name, 'yTrue', yTrue);
    checkTensor(this.name, 'yPred', yPred);
    const [target, prediction] = squeezeOrExpandToSameRank(yTrue, yPred);
    return this.fn(target, prediction);
  }
}
