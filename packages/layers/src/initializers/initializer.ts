import { type DType, type Tensor, ValueError } from '@recur/tensor';
import {
  isPlainObject,
  nonEmptyString,
  optionsObject,
  rejectUnknownOptions,
} from '../arguments.js';
import { describeValue } from '@recur/tensor';
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

/**
 * Registers an initializer class by its `className`, so {@link getInitializer} (and layer
 * configs) can name it. Built-in initializers register themselves.
 *
 * @example
 * ```ts
 * import { Constant, registerInitializer } from '@recur/layers';
 * registerInitializer('Halves', () => new Constant({ value: 0.5 }));
 * ```
 */
export function registerInitializer(className: string, factory: InitializerFactory): void {
  nonEmptyString('registerInitializer', 'className', className);
  if (typeof factory !== 'function')
    throw new ValueError('registerInitializer', 'factory a function', describeValue(factory));
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
  return resolveInitializer('getInitializer', identifier);
}

/**
 * A layer's initializer option: `fallback` when absent, else an identifier as for
 * {@link getInitializer}, with errors naming the layer and the argument.
 *
 * @example
 * ```ts
 * import { initializerOption } from './initializer.js';
 * initializerOption('dense', 'kernelInitializer', undefined, 'glorotUniform').className; // 'GlorotUniform'
 * ```
 */
export function initializerOption(
  layer: string,
  argument: string,
  value: unknown,
  fallback: string,
): Initializer {
  return resolveInitializer(`${layer}.${argument}`, value ?? fallback);
}

function resolveInitializer(op: string, identifier: unknown): Initializer {
  if (identifier instanceof Initializer) return identifier;
  const serialized = isPlainObject(identifier);
  const className =
    typeof identifier === 'string'
      ? pascalCase(identifier)
      : serialized
        ? identifier.className
        : undefined;
  const factory = typeof className === 'string' ? registry.get(className) : undefined;
  if (factory === undefined)
    throw new ValueError(
      op,
      `one of ${[...registry.keys()].join(', ')} (or an Initializer, or { className, config })`,
      describeValue(serialized ? identifier.className : identifier),
    );
  const config = optionsObject(
    op,
    `${className} config`,
    serialized ? (identifier.config ?? undefined) : undefined,
  );
  const initializer = factory(config);
  rejectIgnoredOptions(op, `${className} `, config, initializer.getConfig());
  return initializer;
}

/**
 * Refuses options a registered factory did not keep: unknown names, values it replaced (a
 * factory that reads `typeof gain === 'number' ? gain : 1` would turn `gain: 'x'` into 1
 * silently) and non-finite numbers (no initializer option means anything as NaN or Infinity).
 *
 * @example
 * ```ts
 * import { rejectIgnoredOptions } from './initializer.js';
 * rejectIgnoredOptions('getInitializer', 'Constant ', { value: 1 }, { value: 1 }); // fine
 * ```
 */
export function rejectIgnoredOptions(
  op: string,
  owner: string,
  given: Record<string, unknown>,
  kept: Record<string, unknown>,
): void {
  rejectUnknownOptions(op, Object.keys(given), Object.keys(kept));
  for (const key of Object.keys(given)) {
    const value = given[key];
    const used = kept[key];
    const same = value === used || ((value === null || value === undefined) && used === null);
    if (!same || (typeof value === 'number' && !Number.isFinite(value)))
      throw new ValueError(op, `${owner}${key} a valid value`, describeValue(value));
  }
}

/**
 * An initializer constructor's options: a plain object (`{}` when absent) with no names outside
 * `known`.
 *
 * @example
 * ```ts
 * import { initializerConfig } from './initializer.js';
 * initializerConfig('Constant', { value: 2 }, ['value']); // { value: 2 }
 * ```
 */
export function initializerConfig(
  op: string,
  config: unknown,
  known: readonly string[],
): Record<string, unknown> {
  const options = optionsObject(op, 'config', config);
  rejectUnknownOptions(op, Object.keys(options), known);
  return options;
}

/** Keras' fan computation: `[fanIn, fanOut]` (receptive field multiplies both for rank > 2). */
export function computeFans(shape: readonly number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  if (shape.length === 2) return [shape[0], shape[1]];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive];
}
