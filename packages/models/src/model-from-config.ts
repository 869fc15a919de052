import {
  deserializeLayer,
  InputLayer,
  type Layer,
  type Serialized,
  type Shape,
  type SymbolicTensor,
} from '@recur/layers';
import { ValueError } from '@recur/tensor';
import { Model } from './model.js';
import { Sequential } from './sequential.js';

type TensorReference = [string, number, number];
interface NodeConfig {
  inputs: TensorReference[];
  initialState?: TensorReference[];
  inputsIsList: boolean;
  training?: boolean | null;
}
interface LayerEntry extends Serialized {
  name: string;
  nodes: NodeConfig[];
}

function isReference(value: unknown): value is TensorReference {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === 'string' &&
    Number.isInteger(value[1]) &&
    Number.isInteger(value[2])
  );
}

/**
 * Rebuilds a model from `getConfig()` output: `Sequential` from its layer list, a functional
 * model by replaying its layer calls. Only registered layer classes are created; nothing in the
 * config is executed.
 */
export function modelFromConfig(className: string, config: Record<string, unknown>): Model {
  if (className === 'Sequential') {
    const layers = (config.layers as Serialized[] | undefined) ?? [];
    if (!Array.isArray(layers))
      throw new ValueError(
        'loadModel',
        'a Sequential config with a layers list',
        typeof config.layers,
      );
    const model = new Sequential(
      layers.map((layer) => deserializeLayer(layer)),
      { name: typeof config.name === 'string' ? config.name : undefined },
    );
    if (Array.isArray(config.buildInputShape)) model.build(config.buildInputShape as Shape);
    return model;
  }
  if (className !== 'Model')
    throw new ValueError(
      'loadModel',
      "a model class 'Sequential' or 'Model'",
      JSON.stringify(className),
    );
  const entries = config.layers as LayerEntry[];
  if (!Array.isArray(entries))
    throw new ValueError(
      'loadModel',
      'a functional config with a layers list',
      typeof config.layers,
    );
  const layers = new Map<string, Layer>();
  const produced = new Map<string, SymbolicTensor[]>();
  for (const entry of entries) {
    if (typeof entry?.name !== 'string' || layers.has(entry.name))
      throw new ValueError('loadModel', 'layers with unique names', JSON.stringify(entry?.name));
    const layer = deserializeLayer(entry);
    layers.set(entry.name, layer);
    if (layer instanceof InputLayer) produced.set(`${entry.name}:0`, [layer.output]);
  }
  const lookup = (reference: TensorReference): SymbolicTensor | undefined =>
    produced.get(`${reference[0]}:${reference[1]}`)?.[reference[2]];
  const pending = entries.flatMap((entry) =>
    Array.isArray(entry.nodes) ? entry.nodes.map((node, index) => ({ entry, node, index })) : [],
  );
  while (pending.length > 0) {
    const ready = pending.findIndex(({ node }) =>
      [...node.inputs, ...(node.initialState ?? [])].every(
        (r) => isReference(r) && lookup(r) !== undefined,
      ),
    );
    if (ready < 0)
      throw new ValueError(
        'loadModel',
        'a config whose layer calls can be ordered',
        `unresolved inputs of layer '${pending[0].entry.name}'`,
      );
    const [{ entry, node, index }] = pending.splice(ready, 1);
    const inputs = node.inputs.map((r) => lookup(r)!);
    const initialState = (node.initialState ?? []).map((r) => lookup(r)!);
    const result = layers.get(entry.name)!.apply(node.inputsIsList ? inputs : inputs[0], {
      initialState: initialState.length > 0 ? initialState : null,
      training: node.training ?? undefined,
    });
    produced.set(`${entry.name}:${index}`, Array.isArray(result) ? result : [result]);
  }
  const resolve = (list: unknown): SymbolicTensor[] => {
    if (!Array.isArray(list) || !list.every(isReference))
      throw new ValueError(
        'loadModel',
        'input/output references [layer, node, index]',
        JSON.stringify(list),
      );
    return list.map((r) => {
      const found = lookup(r);
      if (!found)
        throw new ValueError('loadModel', 'references to computed tensors', JSON.stringify(r));
      return found;
    });
  };
  return new Model({
    inputs: resolve(config.inputs),
    outputs: resolve(config.outputs),
    name: typeof config.name === 'string' ? config.name : undefined,
  });
}
