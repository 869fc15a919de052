import type { Tensor } from '../tensor.js';
import { isGradEnabled } from './grad-mode.js';
import type { GradNode } from './gradient-registry.js';

/**
 * Records an op for the backward pass when recording is on and some input requires gradients:
 * the outputs then require gradients and point at the node (the tape is the graph of nodes
 * reachable from an output, kept alive by the outputs and collected with them).
 */
export function record(
  op: string,
  inputs: readonly Tensor[],
  outputs: readonly Tensor[],
  saved: Record<string, unknown> = {},
): void {
  if (!isGradEnabled() || !inputs.some((input) => input.requiresGrad)) return;
  const node: GradNode = { op, inputs: [...inputs], outputs: [...outputs], saved };
  outputs.forEach((output, index) => {
    output.requiresGrad = true;
    output.gradNode = node;
    output.outputIndex = index;
  });
}
