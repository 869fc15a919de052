import {
  InputLayer,
  type Layer,
  type LayerBuffers,
  type LayerNode,
  type SymbolicTensor,
} from '@recur/layers';
import { cast, type Tensor, ValueError } from '@recur/tensor';

/** The wiring of a model: inputs, outputs, layer calls in execution order, distinct layers. */
export interface ModelGraph {
  inputs: SymbolicTensor[];
  outputs: SymbolicTensor[];
  nodes: LayerNode[];
  layers: Layer[];
}

/** A computed value in the graph: the tensor and the mask it carries (Keras' `_keras_mask`). */
export interface GraphValue {
  tensor: Tensor;
  mask: Tensor | null;
}

/**
 * The layer calls between a model's inputs and outputs in an order where every call's inputs
 * are computed before it (depth-first from the outputs). Fails when an output depends on an
 * input that is not among the model's inputs.
 */
export function topologicalNodes(
  inputs: readonly SymbolicTensor[],
  outputs: readonly SymbolicTensor[],
): LayerNode[] {
  const order: LayerNode[] = [];
  const done = new Set<LayerNode>();
  const active = new Set<LayerNode>();
  const inputNodes = new Set(inputs.map((s) => s.node));
  // Depth-first with an explicit stack: a recursive walk overflows the call stack on a few
  // thousand chained layers. Each frame is a node and the index of its next dependency.
  const visit = (root: LayerNode) => {
    const stack: Array<{ node: LayerNode; next: number; dependencies: LayerNode[] }> = [];
    const enter = (node: LayerNode) => {
      if (done.has(node)) return;
      if (active.has(node))
        throw new ValueError(
          'Model',
          'an acyclic graph',
          `a cycle through layer '${node.layer.name}'`,
        );
      if (node.layer instanceof InputLayer && !inputNodes.has(node))
        throw new ValueError(
          'Model',
          `every input of the graph among the model's inputs`,
          `input '${node.layer.name}' is missing from inputs`,
        );
      active.add(node);
      stack.push({
        node,
        next: 0,
        dependencies: [...node.inputs, ...node.initialState].map((s) => s.node),
      });
    };
    enter(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.next < frame.dependencies.length) enter(frame.dependencies[frame.next++]);
      else {
        stack.pop();
        active.delete(frame.node);
        done.add(frame.node);
        order.push(frame.node);
      }
    }
  };
  for (const s of outputs) visit(s.node);
  for (const s of inputs) {
    if (!done.has(s.node)) {
      order.unshift(s.node);
      done.add(s.node);
    }
  }
  return order;
}

/** The distinct layers of the nodes, in order of first use. */
export function layersOf(nodes: readonly LayerNode[]): Layer[] {
  const seen = new Set<Layer>();
  const layers: Layer[] = [];
  for (const node of nodes) {
    if (!seen.has(node.layer)) {
      seen.add(node.layer);
      layers.push(node.layer);
    }
  }
  return layers;
}

/**
 * Runs the graph on real tensors: every node's layer is applied to the computed values of its
 * inputs, with the mask of its (single) input, and its output masks come from `computeMask`.
 * With `buffers` (a compiled step) recurrent layers write into memory kept between steps.
 */
export function runGraph(
  nodes: readonly LayerNode[],
  inputs: readonly SymbolicTensor[],
  values: readonly Tensor[],
  outputs: readonly SymbolicTensor[],
  training: boolean,
  buffers: LayerBuffers | null = null,
): GraphValue[] {
  const computed = new Map<SymbolicTensor, GraphValue>();
  inputs.forEach((s, i) => {
    const x = values[i];
    computed.set(s, { tensor: s.dtype !== x.dtype ? cast(x, s.dtype) : x, mask: null });
  });
  for (const node of nodes) {
    if (node.layer instanceof InputLayer) continue;
    const ins = node.inputs.map((s) => computed.get(s)!);
    const states = node.initialState.map((s) => computed.get(s)!.tensor);
    const argument = node.inputsIsList ? ins.map((v) => v.tensor) : ins[0].tensor;
    const mask = node.inputsIsList ? null : ins[0].mask;
    const result = node.layer.apply(argument, {
      training: node.training ?? training,
      mask,
      initialState: states.length > 0 ? states : null,
      ...(buffers ? { buffers } : {}),
    });
    const list = Array.isArray(result) ? result : [result];
    const outputMask = node.layer.computeMask(argument, mask);
    node.outputs.forEach((s, i) => {
      computed.set(s, { tensor: list[i], mask: i === 0 ? outputMask : null });
    });
  }
  return outputs.map((s) => computed.get(s)!);
}
