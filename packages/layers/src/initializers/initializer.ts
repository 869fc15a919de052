import { type DType, type Tensor, ValueError } from '@recur/tensor';
import { pascalCase, type Serialized } from '../serialization.js';

/**
 * Creates initial weight values. Seeded initializers draw from their own generator; unseeded ones
 * from the global one (`seed()` in @recur/tensor), so `seed(n)` makes model creation reproducible.
 */
export abstract class Initializer {
  abstract readonly className: string;
  abstract generate(shape: readonly number[], dtype: DType): Tensor;
  getConfig(): Record<string, unknown> {
    return {};
  }
  serialize(): Serialized {
    return { className: this.className, config: this.getConfig() };
  }
}

type InitializerFactory = (config: Record<string, unknown>) => Initializer;
const registry = new Map<string, InitializerFactory>();

export function registerInitializer(className: string, factory: InitializerFactory): void {
  registry.set(className, factory);
}

/**
 * An initializer from a Keras name (`'glorotUniform'`, `'glorot_uniform'`, `'GlorotUniform'`), a
 * serialized `{ className, config }`, or an instance.
 *
 * @example
 * ```ts
 * import { getInitializer } from '@recur/layers';
 * const init = getInitializer('orthogonal');
 * init.generate([4, 4], 'float32');
 * ```
 */
export function getInitializer(identifier: string | Serialized | Initializer): Initializer {
  if (identifier instanceof Initializer) return identifier;
  const className = typeof identifier === 'string' ? pascalCase(identifier) : identifier.className;
  const config = typeof identifier === 'string' ? {} : identifier.config;
  const factory = registry.get(className);
  if (!factory)
    throw new ValueError(
      'getInitializer',
      `one of ${[...registry.keys()].join(', ')}`,
      JSON.stringify(typeof identifier === 'string' ? identifier : identifier.className),
    );
  return factory(config ?? {});
}

/** Keras' fan computation: `[fanIn, fanOut]` (receptive field multiplies both for rank > 2). */
export function computeFans(shape: readonly number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  if (shape.length === 2) return [shape[0], shape[1]];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive];
}
