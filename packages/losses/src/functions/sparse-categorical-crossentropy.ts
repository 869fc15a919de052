import {
  clip,
  div,
  gather,
  log,
  logSoftmax,
  neg,
  reshape,
  sum,
  Tensor,
  where,
} from '@recur/tensor';
import { checkLabel, checkTargetsAndPredictions, sparseLabelShape } from '../align.js';
import { EPSILON } from '../epsilon.js';
import { checkBoolean, checkInteger, checkOptions } from '../validation.js';

/** Options of {@link sparseCategoricalCrossentropy} (Keras names and defaults). */
export interface SparseCategoricalCrossentropyOptions {
  /** Whether `yPred` holds logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /**
   * A label value to ignore (for example a padding id): its positions get loss 0, and
   * {@link SparseCategoricalCrossentropy} leaves them out of the mean. Default null (none).
   */
  ignoreClass?: number | null;
}

/**
 * Sparse categorical cross-entropy: `-log p[label]` for integer labels (Keras
 * `sparse_categorical_crossentropy`).
 *
 * Shapes: predictions `[...batch, classes]` with labels `[...batch]` or `[...batch, 1]`, as int32
 * or integer-valued floats; the result has shape `[...batch]`. So `[batch]` labels with
 * `[batch, classes]` predictions give a loss per sample, and `[batch, T]` labels with
 * `[batch, T, classes]` predictions (a language model) give a loss per timestep.
 *
 * - `fromLogits: true`: the log-probability is read from the fused `logSoftmax` (never
 *   `log(softmax)`), finite for logits of any magnitude.
 * - probabilities (default): as Keras' PyTorch/JAX backends, `p / sum(p)` over the classes,
 *   clipped to `[1e-7, 1 - 1e-7]`, then the log.
 *
 * Only the labelled entry is read (a gather), so the cost beyond the log-softmax is one value per
 * position, whatever the number of classes.
 *
 * @example
 * ```ts
 * import { sparseCategoricalCrossentropy } from '@recur/losses';
 * import { tensor } from '@recur/tensor';
 * const labels = tensor([1, 2], undefined, { dtype: 'int32' });
 * sparseCategoricalCrossentropy(labels, tensor([[0.05, 0.95, 0], [0.1, 0.8, 0.1]])).toArray();
 * // [0.0513, 2.303] (approximately)
 * ```
 */
export function sparseCategoricalCrossentropy(
  yTrue: Tensor,
  yPred: Tensor,
  options: SparseCategoricalCrossentropyOptions = {},
): Tensor {
  const op = 'sparseCategoricalCrossentropy';
  const { fromLogits, ignoreClass } = sparseCrossentropyOptions(
    op,
    checkOptions(op, options, ['fromLogits', 'ignoreClass']),
  );
  checkTargetsAndPredictions(op, yTrue, yPred);
  const labelShape = sparseLabelShape(op, yTrue, yPred);
  const classes = yPred.shape[yPred.rank - 1];
  const { positions, valid } = labelPositions(op, yTrue, classes, ignoreClass);

  // Row-major storage: the probability of class k at position r sits at flat index r * classes + k.
  let picked: Tensor;
  if (fromLogits) {
    picked = gather(reshape(logSoftmax(yPred, -1), [yPred.size]), positions);
  } else {
    const normalized = div(yPred, sum(yPred, -1, true));
    picked = log(clip(gather(reshape(normalized, [yPred.size]), positions), EPSILON, 1 - EPSILON));
  }
  const loss = reshape(neg(picked), labelShape);
  return valid === null ? loss : where(valid.reshape(labelShape), loss, 0);
}

/**
 * Reads and checks `fromLogits` (a boolean) and `ignoreClass` (an integer or null) for the
 * function and the loss class alike.
 *
 * @example
 * ```ts
 * import { sparseCrossentropyOptions } from './sparse-categorical-crossentropy.js';
 * sparseCrossentropyOptions('SparseCategoricalCrossentropy', { ignoreClass: 0 });
 * // { fromLogits: false, ignoreClass: 0 }
 * ```
 */
export function sparseCrossentropyOptions(
  op: string,
  options: Record<string, unknown>,
): { fromLogits: boolean; ignoreClass: number | null } {
  return {
    fromLogits: checkBoolean(op, 'fromLogits', options.fromLogits, false),
    ignoreClass: checkInteger(op, 'ignoreClass', options.ignoreClass ?? null, { nullable: true }),
  };
}

/**
 * Flat indices of the labelled entries, and (with `ignoreClass`) a 0/1 tensor marking positions
 * that count; ignored positions read their class 0 so the gather stays in range.
 */
export function labelPositions(
  op: string,
  yTrue: Tensor,
  classes: number,
  ignoreClass: number | null,
): { positions: Tensor; valid: Tensor | null } {
  const labels = yTrue.data;
  const positions = new Int32Array(labels.length);
  const valid = ignoreClass === null ? null : new Float32Array(labels.length);
  for (let r = 0; r < labels.length; r++) {
    const label = labels[r];
    if (valid !== null && label === ignoreClass) {
      positions[r] = r * classes; // any in-range entry: the result is masked to 0 there
      continue;
    }
    checkLabel(op, label, r, classes, ignoreClass);
    positions[r] = r * classes + label;
    if (valid !== null) valid[r] = 1;
  }
  return {
    positions: new Tensor(positions, [labels.length]),
    valid: valid === null ? null : new Tensor(valid, [labels.length]),
  };
}
