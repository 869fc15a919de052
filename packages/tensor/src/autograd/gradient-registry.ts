import type { Tensor } from '../tensor.js';

/** What an op recorded on the tape for its backward pass. */
export interface GradNode {
  op: string;
  inputs: Tensor[];
  outputs: Tensor[];
  /** Op-specific values the gradient needs (attributes, masks, workspaces). */
  saved: Record<string, unknown>;
}

/**
 * Maps the gradients of an op's outputs (`null` where an output received none) to the gradients
 * of its inputs (`null` where an input needs none). Runs with recording off. An input gradient
 * may have the op's broadcast shape: the engine sums it back to the input's shape.
 */
export type GradientFunction = (
  outputGradients: (Tensor | null)[],
  node: GradNode,
) => (Tensor | null)[];

interface OpEntry {
  differentiable: boolean;
  gradient: GradientFunction | null;
}

const registry = new Map<string, OpEntry>();

/**
 * Registers an op and its gradient by name (gradients live above the backends, as in
 * TensorFlow.js): every backend's kernels share them.
 *
 * @example
 * ```ts
 * import { registerGradient } from '@recur/tensor';
 * // registerGradient('myOp', ([dy], node) => [dy]);
 * ```
 */
export function registerGradient(op: string, gradient: GradientFunction): void {
  registry.set(op, { differentiable: true, gradient });
}

/** Registers an op whose outputs carry no gradient (comparisons, argMax, casts to int). */
export function registerNonDifferentiable(op: string): void {
  registry.set(op, { differentiable: false, gradient: null });
}

export function gradientOf(op: string): GradientFunction | null {
  return registry.get(op)?.gradient ?? null;
}

/**
 * Every registered op and whether it is differentiable; tests use it to require a gradient check
 * for each differentiable op.
 *
 * @example
 * ```ts
 * import { listOps } from '@recur/tensor';
 * console.log(listOps().filter((op) => op.differentiable).map((op) => op.name));
 * ```
 */
export function listOps(): { name: string; differentiable: boolean }[] {
  return [...registry]
    .map(([name, entry]) => ({ name, differentiable: entry.differentiable }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
