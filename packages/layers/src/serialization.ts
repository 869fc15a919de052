/** The serialized form of layers, initializers, regularizers: `{ className, config }` (Keras' shape, camelCase). */
export interface Serialized<Config = Record<string, unknown>> {
  className: string;
  config: Config;
}

/** `glorot_uniform` / `glorotUniform` / `GlorotUniform` -> `GlorotUniform`. */
export function pascalCase(name: string): string {
  return name
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}
