/** The benchmark configurations of the issues: (B, T, D, H) per cell. */
export interface KernelConfig {
  name: string;
  cell: 'lstm' | 'gru' | 'simpleRnn';
  batch: number;
  steps: number;
  features: number;
  units: number;
  inferenceOnly?: boolean;
}

export const KERNEL_CONFIGS: KernelConfig[] = [
  { name: 'ts-small', cell: 'lstm', batch: 64, steps: 50, features: 8, units: 64 },
  { name: 'ts-small', cell: 'gru', batch: 64, steps: 50, features: 8, units: 64 },
  { name: 'ts-small', cell: 'simpleRnn', batch: 64, steps: 50, features: 8, units: 64 },
  { name: 'charlm', cell: 'lstm', batch: 32, steps: 100, features: 64, units: 256 },
  { name: 'charlm', cell: 'gru', batch: 32, steps: 100, features: 64, units: 256 },
  { name: 'imdb', cell: 'lstm', batch: 256, steps: 500, features: 32, units: 100 },
  { name: 'large', cell: 'lstm', batch: 64, steps: 25, features: 1024, units: 1024 },
  {
    name: 'stream-b1',
    cell: 'lstm',
    batch: 1,
    steps: 100,
    features: 32,
    units: 128,
    inferenceOnly: true,
  },
];

export function gatesOf(cell: KernelConfig['cell']): number {
  return cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
}

/** Forward FLOPs `2*B*T*G*H*(D+H)` (training is counted as 3x). */
export function forwardFlops(config: KernelConfig): number {
  return (
    2 *
    config.batch *
    config.steps *
    gatesOf(config.cell) *
    config.units *
    (config.features + config.units)
  );
}
