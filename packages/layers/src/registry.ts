import { ValueError } from '@recur/tensor';
import type { Layer } from './layer.js';
import type { Serialized } from './serialization.js';

type LayerFactory = (config: Record<string, unknown>) => Layer;
const registry = new Map<string, LayerFactory>();

/**
 * Registers a layer class by its `className`, so `deserializeLayer` (and model loading) can
 * recreate it. Built-in layers register themselves.
 *
 * @example
 * ```ts
 * import { Dense, registerLayer } from '@recur/layers';
 * class MyDense extends Dense { override readonly className = 'MyDense'; }
 * registerLayer('MyDense', (config) => new MyDense(config as never));
 * ```
 */
export function registerLayer(className: string, factory: LayerFactory): void {
  registry.set(className, factory);
}

/**
 * Recreates a layer from `{ className, config }` (the output of `layer.serialize()`). Only
 * registered classes are accepted: nothing is evaluated from the data.
 *
 * @example
 * ```ts
 * import { deserializeLayer, LSTM } from '@recur/layers';
 * const copy = deserializeLayer(new LSTM({ units: 8 }).serialize());
 * ```
 */
export function deserializeLayer(serialized: Serialized): Layer {
  const factory = registry.get(serialized?.className);
  if (!factory) {
    throw new ValueError(
      'deserializeLayer',
      `a registered layer class (${[...registry.keys()].sort().join(', ')})`,
      JSON.stringify(serialized?.className),
    );
  }
  return factory(serialized.config ?? {});
}

export function registeredLayerClasses(): string[] {
  return [...registry.keys()].sort();
}
