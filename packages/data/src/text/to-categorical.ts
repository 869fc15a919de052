import { allocate, checkAllocation, Tensor, ValueError } from '@recur/tensor';
import { checkInteger } from '../internal/arguments.js';
import { type TensorInput, toTensor } from '../internal/to-tensor.js';

/**
 * Class indices to one-hot rows, as Keras' `to_categorical`: the output has the labels' shape plus
 * a last axis of `numClasses` (a trailing axis of size 1 is replaced, so `[n, 1]` labels give
 * `[n, numClasses]`). `numClasses` defaults to the largest label + 1. Returns float32.
 *
 * @example
 * ```ts
 * import { toCategorical } from '@recur/data';
 * toCategorical([0, 1, 2, 3], 4).toArray(); // the 4 x 4 identity
 * toCategorical([[2], [0]]).toArray(); // [[0, 0, 1], [1, 0, 0]]
 * ```
 */
export function toCategorical(labels: TensorInput, numClasses?: number): Tensor {
  const op = 'toCategorical';
  const values = toTensor(op, 'labels', labels);
  for (let i = 0; i < values.size; i++)
    if (!Number.isInteger(values.data[i]) || values.data[i] < 0)
      throw new ValueError(
        op,
        'labels that are non-negative integers',
        `${values.data[i]} at flat position ${i}`,
      );
  let classes: number;
  if (numClasses === undefined) {
    if (values.size === 0) throw new ValueError(op, 'numClasses for empty labels', 'no labels');
    let largest = 0;
    for (const label of values.data) largest = Math.max(largest, label);
    classes = largest + 1;
  } else classes = checkInteger(op, 'numClasses', numClasses, 1);
  for (let i = 0; i < values.size; i++)
    if (values.data[i] >= classes)
      throw new ValueError(
        op,
        `labels in [0, ${classes})`,
        `${values.data[i]} at flat position ${i}`,
      );
  const shape =
    values.shape.length > 1 && values.shape[values.shape.length - 1] === 1
      ? values.shape.slice(0, -1)
      : [...values.shape];
  const out = allocate(
    'float32',
    checkAllocation(
      op,
      numClasses === undefined ? 'labels (their largest + 1 classes)' : 'numClasses',
      [...shape, classes],
      'float32',
    ),
  );
  for (let i = 0; i < values.size; i++) out[i * classes + values.data[i]] = 1;
  return new Tensor(out, [...shape, classes]);
}
