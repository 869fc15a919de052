import { ValueError } from '@recur/tensor';

/** A positive integer argument, or a ValueError naming the layer and the argument. */
export function positiveInteger(layer: string, argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ValueError(layer, `${argument} a positive integer`, JSON.stringify(value));
  }
  return value;
}

/** A rate in [0, 1), or a ValueError. */
export function rate(layer: string, argument: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new ValueError(layer, `${argument} in [0, 1)`, JSON.stringify(value));
  }
  return value;
}
