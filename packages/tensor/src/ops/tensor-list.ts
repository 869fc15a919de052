import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { checkTensor } from '../validation/check-tensor.js';
import { describeValue } from '../validation/describe-value.js';

/** @internal Checks a non-empty array of live tensors, naming the bad entry (`tensors[2]`). */
export function checkTensorList(op: string, tensors: unknown): asserts tensors is Tensor[] {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new ValueError(op, 'tensors to be a non-empty array of Tensors', describeValue(tensors));
  for (let i = 0; i < tensors.length; i++) checkTensor(op, `tensors[${i}]`, tensors[i]);
}
