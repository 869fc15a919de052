// The Keras loss classes: thin wrappers binding a functional loss and its options to `Loss`.
import { notEqual, type Tensor } from '@recur/tensor';
import { sparseLabelShape } from './align.js';
import { crossentropyOptions } from './functions/crossentropy-options.js';
import {
  type BinaryCrossentropyOptions,
  binaryCrossentropy,
} from './functions/binary-crossentropy.js';
import {
  type CategoricalCrossentropyOptions,
  categoricalCrossentropy,
} from './functions/categorical-crossentropy.js';
import { type HuberOptions, huber, huberDelta } from './functions/huber.js';
import { kullbackLeiblerDivergence } from './functions/kl-divergence.js';
import { logCosh } from './functions/log-cosh.js';
import { meanAbsoluteError } from './functions/mean-absolute-error.js';
import { meanAbsolutePercentageError } from './functions/mean-absolute-percentage-error.js';
import { meanSquaredError } from './functions/mean-squared-error.js';
import {
  type SparseCategoricalCrossentropyOptions,
  sparseCategoricalCrossentropy,
  sparseCrossentropyOptions,
} from './functions/sparse-categorical-crossentropy.js';
import { Loss, type LossConfig, type SerializedObject } from './loss.js';

/**
 * {@link meanSquaredError} as a loss object (Keras `MeanSquaredError`, name `'mean_squared_error'`).
 *
 * @example
 * ```ts
 * import { MeanSquaredError } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * new MeanSquaredError().compute(tensor([[0, 1]]), tensor([[1, 1]])).item(); // 0.5
 * ```
 */
export class MeanSquaredError extends Loss {
  readonly className = 'MeanSquaredError';
  constructor(config: LossConfig = {}) {
    super(config, 'mean_squared_error');
  }
  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return meanSquaredError(yTrue, yPred);
  }
}

/**
 * {@link meanAbsoluteError} as a loss object (Keras `MeanAbsoluteError`).
 *
 * @example
 * ```ts
 * import { MeanAbsoluteError } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * new MeanAbsoluteError().compute(tensor([[0, 1]]), tensor([[1, 3]])).item(); // 1.5
 * ```
 */
export class MeanAbsoluteError extends Loss {
  readonly className = 'MeanAbsoluteError';
  constructor(config: LossConfig = {}) {
    super(config, 'mean_absolute_error');
  }
  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return meanAbsoluteError(yTrue, yPred);
  }
}

/**
 * {@link meanAbsolutePercentageError} as a loss object (Keras `MeanAbsolutePercentageError`).
 *
 * @example
 * ```ts
 * import { MeanAbsolutePercentageError } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * new MeanAbsolutePercentageError().compute(tensor([[2, 4]]), tensor([[1, 5]])).item(); // 37.5
 * ```
 */
export class MeanAbsolutePercentageError extends Loss {
  readonly className = 'MeanAbsolutePercentageError';
  constructor(config: LossConfig = {}) {
    super(config, 'mean_absolute_percentage_error');
  }
  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return meanAbsolutePercentageError(yTrue, yPred);
  }
}

/**
 * {@link huber} as a loss object (Keras `Huber`, name `'huber_loss'`).
 *
 * @example
 * ```ts
 * import { Huber } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * new Huber({ delta: 2 }).compute(tensor([[0]]), tensor([[3]])).item(); // 4
 * ```
 */
export class Huber extends Loss {
  readonly className = 'Huber';
  readonly delta: number;
  constructor(config: LossConfig & HuberOptions = {}) {
    super(config, 'huber_loss', ['delta']);
    this.delta = huberDelta('Huber', config.delta);
  }
  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return huber(yTrue, yPred, { delta: this.delta });
  }
  override getConfig(): SerializedObject {
    const base = super.getConfig();
    return { ...base, config: { ...base.config, delta: this.delta } };
  }
}

/**
 * {@link logCosh} as a loss object (Keras `LogCosh`, name `'log_cosh'`).
 *
 * @example
 * ```ts
 * import { LogCosh } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * new LogCosh().compute(tensor([[0]]), tensor([[1]])).item(); // Math.log(Math.cosh(1))
 * ```
 */
export class LogCosh extends Loss {
  readonly className = 'LogCosh';
  constructor(config: LossConfig = {}) {
    super(config, 'log_cosh');
  }
  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return logCosh(yTrue, yPred);
  }
}

/**
 * {@link kullbackLeiblerDivergence} as a loss object (Keras `KLDivergence`, name
 * `'kl_divergence'`).
 *
 * @example
 * ```ts
 * import { KLDivergence } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * new KLDivergence().compute(tensor([[0.5, 0.5]]), tensor([[0.5, 0.5]])).item(); // 0
 * ```
 */
export class KLDivergence extends Loss {
  readonly className = 'KLDivergence';
  constructor(config: LossConfig = {}) {
    super(config, 'kl_divergence');
  }
  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return kullbackLeiblerDivergence(yTrue, yPred);
  }
}

/**
 * {@link binaryCrossentropy} as a loss object (Keras `BinaryCrossentropy`).
 *
 * @example
 * ```ts
 * import { BinaryCrossentropy } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * const loss = new BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1 });
 * loss.compute(tensor([[1], [0]]), tensor([[2.5], [-1]])).item();
 * ```
 */
export class BinaryCrossentropy extends Loss {
  readonly className = 'BinaryCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;
  constructor(config: LossConfig & BinaryCrossentropyOptions = {}) {
    super(config, 'binary_crossentropy', ['fromLogits', 'labelSmoothing', 'axis']);
    const { fromLogits, labelSmoothing, axis } = crossentropyOptions('BinaryCrossentropy', {
      ...config,
    });
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.axis = axis;
  }
  call(yTrue: Tensor, yPred: Tensor): Tensor {
    const { fromLogits, labelSmoothing, axis } = this;
    return binaryCrossentropy(yTrue, yPred, { fromLogits, labelSmoothing, axis });
  }
  override getConfig(): SerializedObject {
    const base = super.getConfig();
    const { fromLogits, labelSmoothing, axis } = this;
    return { ...base, config: { ...base.config, fromLogits, labelSmoothing, axis } };
  }
}

/**
 * {@link categoricalCrossentropy} as a loss object (Keras `CategoricalCrossentropy`).
 *
 * @example
 * ```ts
 * import { CategoricalCrossentropy } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * const loss = new CategoricalCrossentropy({ fromLogits: true });
 * loss.compute(tensor([[0, 1, 0]]), tensor([[1, 3, -2]])).item();
 * ```
 */
export class CategoricalCrossentropy extends Loss {
  readonly className = 'CategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;
  constructor(config: LossConfig & CategoricalCrossentropyOptions = {}) {
    super(config, 'categorical_crossentropy', ['fromLogits', 'labelSmoothing', 'axis']);
    const { fromLogits, labelSmoothing, axis } = crossentropyOptions('CategoricalCrossentropy', {
      ...config,
    });
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.axis = axis;
  }
  call(yTrue: Tensor, yPred: Tensor): Tensor {
    const { fromLogits, labelSmoothing, axis } = this;
    return categoricalCrossentropy(yTrue, yPred, { fromLogits, labelSmoothing, axis });
  }
  override getConfig(): SerializedObject {
    const base = super.getConfig();
    const { fromLogits, labelSmoothing, axis } = this;
    return { ...base, config: { ...base.config, fromLogits, labelSmoothing, axis } };
  }
}

/**
 * {@link sparseCategoricalCrossentropy} as a loss object (Keras `SparseCategoricalCrossentropy`):
 * int32 (or integer float) labels `[batch]`, `[batch, 1]` or `[batch, T]` against predictions
 * `[batch, classes]` / `[batch, T, classes]`. With `ignoreClass`, positions holding that label
 * are masked: they add nothing and, under `'sum_over_batch_size'`, are not counted either.
 *
 * @example
 * ```ts
 * import { SparseCategoricalCrossentropy } from '@recur/losses';
 * import { randomNormal, tensor } from '@recur/tensor';
 * const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
 * const labels = tensor([[1, 2, 0]], undefined, { dtype: 'int32' }); // [batch 1, T 3]
 * loss.compute(labels, randomNormal([1, 3, 5])).item(); // mean over the 3 timesteps
 * ```
 */
export class SparseCategoricalCrossentropy extends Loss {
  readonly className = 'SparseCategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly ignoreClass: number | null;
  constructor(config: LossConfig & SparseCategoricalCrossentropyOptions = {}) {
    super(config, 'sparse_categorical_crossentropy', ['fromLogits', 'ignoreClass']);
    const { fromLogits, ignoreClass } = sparseCrossentropyOptions('SparseCategoricalCrossentropy', {
      ...config,
    });
    this.fromLogits = fromLogits;
    this.ignoreClass = ignoreClass;
  }
  call(yTrue: Tensor, yPred: Tensor): Tensor {
    const { fromLogits, ignoreClass } = this;
    return sparseCategoricalCrossentropy(yTrue, yPred, { fromLogits, ignoreClass });
  }
  protected override outputMask(yTrue: Tensor, yPred: Tensor): Tensor | null {
    if (this.ignoreClass === null) return null;
    const shape = sparseLabelShape('SparseCategoricalCrossentropy', yTrue, yPred);
    return notEqual(yTrue.reshape(shape), this.ignoreClass);
  }
  override getConfig(): SerializedObject {
    const base = super.getConfig();
    const { fromLogits, ignoreClass } = this;
    return { ...base, config: { ...base.config, fromLogits, ignoreClass } };
  }
}
