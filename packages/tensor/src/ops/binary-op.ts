import { record } from '../autograd/tape.js';
import type { BinaryOp } from '../backend/backend.js';
import { currentBackend } from '../backend/current-backend.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor, TensorLike } from '../tensor.js';
import { asOperands, output, padRank } from './operands.js';

// In a module of its own: binary-ops.ts's gradients use the comparisons, which are built on this.

/** Runs a broadcasting binary op through the current backend; records it when `differentiable`. */
export function binaryOp(
  op: BinaryOp,
  a: TensorLike,
  b: TensorLike,
  differentiable = true,
): Tensor {
  const [x, y] = asOperands(op, a, b);
  const shape = broadcastShapes(op, x.shape, y.shape);
  const out = output(x.dtype, shape, op);
  currentBackend().binary(
    op,
    x.data,
    padRank(x.shape, shape.length),
    y.data,
    padRank(y.shape, shape.length),
    out.data,
    shape,
  );
  if (differentiable) record(op, [x, y], [out]);
  return out;
}
