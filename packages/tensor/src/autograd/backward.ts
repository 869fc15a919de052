import { AutogradError, DTypeError, ShapeError } from '../errors.js';
import { formatShape, sameShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { noGrad } from './grad-mode.js';
import { type GradNode, gradientOf } from './gradient-registry.js';
import type { add } from '../ops/binary-ops.js';
import type { ones } from '../creation/ones.js';
import type { sum } from '../ops/sum.js';
import type { reshape } from '../ops/reshape.js';

/** The ops backward builds gradients with: the seed, sums of arriving gradients, un-broadcasting. */
export interface BackwardOps {
  add: typeof add;
  ones: typeof ones;
  sum: typeof sum;
  reshape: typeof reshape;
}

// Given once by install-ops.ts (the package index imports it): the ops import Tensor, whose
// backward() calls this module, so importing them here would close an import circle.
let ops: BackwardOps | null = null;

/** @internal Gives backward its ops; called once, by install-ops.ts. */
export function setBackwardOps(given: BackwardOps): void {
  ops = given;
}

/**
 * Reverse-mode differentiation from `root`: visits the recorded nodes in reverse topological
 * order, sums gradients arriving at the same tensor, and adds the result to each leaf's `.grad`
 * (gradients accumulate across calls, as in PyTorch; `zeroGrad()` clears them).
 */
export function backward(root: Tensor, seed?: Tensor): void {
  const installed = ops;
  if (installed === null)
    throw new AutogradError(
      "backward(): the ops are not installed; import '@recur/tensor' (the package entry), not its internal modules",
    );
  const { add, ones } = installed;
  if (!root.requiresGrad) {
    throw new AutogradError(
      'backward(): this tensor does not require gradients (no input had requiresGrad: true, or it was computed inside noGrad)',
    );
  }
  let rootGradient: Tensor;
  if (seed === undefined) {
    if (root.size !== 1) {
      throw new AutogradError(
        `backward(): a seed gradient is required for a non-scalar output of shape ${formatShape(root.shape)} (pass one of the same shape, or reduce the output to a scalar first)`,
      );
    }
    rootGradient = ones(root.shape, { dtype: root.dtype });
  } else {
    if (!sameShape(seed.shape, root.shape))
      throw new ShapeError(
        'backward',
        `a seed gradient of shape ${formatShape(root.shape)}`,
        formatShape(seed.shape),
      );
    if (seed.dtype !== root.dtype)
      throw new DTypeError('backward', `a seed gradient of dtype ${root.dtype}`, seed.dtype);
    rootGradient = seed;
  }
  const order = topologicalOrder(root);
  const gradients = new Map<Tensor, Tensor>([[root, rootGradient]]);
  noGrad(() => {
    for (let n = order.length - 1; n >= 0; n--) {
      const node = order[n];
      const outputGradients = node.outputs.map((output) => gradients.get(output) ?? null);
      if (outputGradients.every((g) => g === null)) continue;
      // Intermediate gradients are no longer needed once their node has run.
      for (const output of node.outputs) gradients.delete(output);
      const gradient = gradientOf(node.op);
      if (gradient === null)
        throw new AutogradError(`backward(): op '${node.op}' has no registered gradient`);
      const inputGradients = gradient(outputGradients, node);
      node.inputs.forEach((input, index) => {
        const g = inputGradients[index];
        if (!input.requiresGrad || g === null || g === undefined) return;
        const reduced = sumToShape(g, input.shape, node.op, installed);
        const existing = gradients.get(input);
        gradients.set(input, existing ? add(existing, reduced) : reduced);
      });
    }
    for (const [tensor, g] of gradients) {
      if (tensor.gradNode !== null || !tensor.requiresGrad) continue;
      tensor.grad = tensor.grad ? add(tensor.grad, g) : g;
    }
  });
}

/** Nodes reachable from `root`, each after the nodes producing its inputs (iterative DFS). */
function topologicalOrder(root: Tensor): GradNode[] {
  const order: GradNode[] = [];
  if (root.gradNode === null) return order;
  const visited = new Set<GradNode>([root.gradNode]);
  const stack: Array<{ node: GradNode; next: number }> = [{ node: root.gradNode, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.node.inputs.length) {
      const input = top.node.inputs[top.next++];
      const child = input.gradNode;
      if (child !== null && input.requiresGrad && !visited.has(child)) {
        visited.add(child);
        stack.push({ node: child, next: 0 });
      }
    } else {
      order.push(top.node);
      stack.pop();
    }
  }
  return order;
}

/** Sums a gradient of a broadcast shape back to the input's shape. */
function sumToShape(
  g: Tensor,
  shape: readonly number[],
  op: string,
  { sum, reshape }: BackwardOps,
): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const extra = g.shape.length - shape.length;
  if (extra < 0)
    throw new ShapeError(
      `${op} (gradient)`,
      `a gradient broadcastable to ${formatShape(shape)}`,
      formatShape(g.shape),
    );
  const axes: number[] = [];
  for (let axis = 0; axis < g.shape.length; axis++) {
    const target = axis < extra ? 1 : shape[axis - extra];
    if (axis < extra || (target === 1 && g.shape[axis] !== 1)) axes.push(axis);
    else if (target !== g.shape[axis])
      throw new ShapeError(
        `${op} (gradient)`,
        `a gradient broadcastable to ${formatShape(shape)}`,
        formatShape(g.shape),
      );
  }
  return reshape(sum(g, axes, true), shape);
}
