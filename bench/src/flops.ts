import type { BenchConfig } from './references/types.js';

export function gatesOf(cell: BenchConfig['cell']): number {
  return cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
}

/**
 * Forward FLOPs `2*B*T*G*H*(D+H)` summed over the layers (a stacked second layer has D = H; a
 * bidirectional layer counts twice). A training step is counted as 3x the forward pass.
 */
export function forwardFlops(config: BenchConfig): number {
  const { batch: B, steps: T, features: D, units: H } = config;
  const layer = (inputs: number) => 2 * B * T * gatesOf(config.cell) * H * (inputs + H);
  if (config.layers === 2) return layer(D) + layer(H);
  if (config.bidirectional) return 2 * layer(D);
  return layer(D);
}
