import { ValueError } from '@recur/tensor';

/**
 * Bounds on what a model folder may declare, checked while it is read and before anything is
 * built from it. The defaults fit any recur model of reasonable size with room to spare; raise one
 * for a real model that needs more (`loadModel(dir, { limits: { maxLayers: 50_000 } })`).
 */
export interface LoadLimits {
  /** model.json holds only architecture and settings (default 16 MiB). */
  maxModelFileBytes: number;
  /** JSON nesting depth in model.json (default 64; a deep functional model needs about 12). */
  maxDepth: number;
  /** Layers in the architecture (default 10,000). */
  maxLayers: number;
  /** The JSON header of each safetensors file (default 16 MiB; the tensor data is not limited: it must be in the file). */
  maxHeaderBytes: number;
}

export const DEFAULT_LOAD_LIMITS: Readonly<LoadLimits> = Object.freeze({
  maxModelFileBytes: 16 * 1024 * 1024,
  maxDepth: 64,
  maxLayers: 10_000,
  maxHeaderBytes: 16 * 1024 * 1024,
});

/** The defaults with the caller's overrides, each checked. */
export function loadLimits(op: string, overrides: unknown): LoadLimits {
  if (overrides === undefined) return { ...DEFAULT_LOAD_LIMITS };
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides))
    throw new ValueError(op, 'limits to be an object', typeof overrides);
  const limits: LoadLimits = { ...DEFAULT_LOAD_LIMITS };
  for (const [name, value] of Object.entries(overrides)) {
    if (!Object.hasOwn(DEFAULT_LOAD_LIMITS, name))
      throw new ValueError(
        op,
        `limits among ${Object.keys(DEFAULT_LOAD_LIMITS).join(', ')}`,
        `'${name}'`,
      );
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
      throw new ValueError(op, `limits.${name} to be a positive integer`, String(value));
    limits[name as keyof LoadLimits] = value;
  }
  return limits;
}
