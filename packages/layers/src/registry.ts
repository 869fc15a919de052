import { ValueError } from '@recur/tensor';
import { isPlainObject, nonEmptyString, optionsObject } from './arguments.js';
import { describeValue } from '@recur/tensor';
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
  nonEmptyString('registerLayer', 'className', className);
  if (typeof factory !== 'function')
    throw new ValueError('registerLayer', 'factory a function', describeValue(factory));
  registry.set(className, factory);
}

/**
 * Recreates a layer from `{ className, config }` (the output of `layer.serialize()`). Only
 * registered classes are accepted: nothing is evaluated from the data, and names are looked up
 * in a Map, never on an object's prototype chain.
 *
 * @example
 * ```ts
 * import { deserializeLayer, LSTM } from '@recur/layers';
 * const copy = deserializeLayer(new LSTM({ units: 8 }).serialize());
 * ```
 */
export function deserializeLayer(serialized: Serialized): Layer {
  const className: unknown = isPlainObject(serialized) ? serialized.className : undefined;
  const factory = typeof className === 'string' ? registry.get(className) : undefined;
  if (!factory) {
    throw new ValueError(
      'deserializeLayer',
      `a registered layer class (${registeredLayerClasses().join(', ')})`,
      describeValue(isPlainObject(serialized) ? className : serialized),
    );
  }
  return factory(
    optionsObject(
      'deserializeLayer',
      `${className as string} config`,
      serialized.config ?? undefined,
    ),
  );
}

/**
 * The class names {@link deserializeLayer} accepts, sorted.
 *
 * @example
 * ```ts
 * import { registeredLayerClasses } from '@recur/layers';
 * registeredLayerClasses().includes('LSTM'); // true
 * ```
 */
export function registeredLayerClasses(): string[] {
  return [...registry.keys()].sort();
}
