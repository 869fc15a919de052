// Reads loss-golden.json (written by golden/generate-loss-golden.py) into tensors.
import { readFileSync } from 'node:fs';
import { type DType, type Tensor, tensor } from '@recur/tensor';

export interface GoldenArray {
  shape: number[];
  dtype: 'float64' | 'int32';
  data: number[];
}

export interface LossCase {
  name: string;
  loss: string;
  config: Record<string, unknown>;
  yTrue: GoldenArray;
  yPred: GoldenArray;
  sampleWeight: GoldenArray | null;
  mask: GoldenArray | null;
  perSample: GoldenArray;
  value: number | GoldenArray;
  gradYPred: GoldenArray;
  gradYTrue: GoldenArray | null;
}

export interface MetricCase {
  name: string;
  metric: string;
  config: Record<string, unknown>;
  batches: { yTrue: GoldenArray; yPred: GoldenArray; sampleWeight: GoldenArray | null }[];
  result: number;
  perBatch: GoldenArray[] | null;
}

export const golden = JSON.parse(
  readFileSync(new URL('./golden/loss-golden.json', import.meta.url), 'utf8'),
) as { epsilon: number; losses: LossCase[]; metrics: MetricCase[] };

/** A golden array as a tensor: int32 stays int32, floats take `dtype`. */
export function toTensor(array: GoldenArray, dtype: DType, requiresGrad = false): Tensor {
  const target = array.dtype === 'int32' ? 'int32' : dtype;
  return tensor(array.data, array.shape, {
    dtype: target,
    requiresGrad: requiresGrad && target !== 'int32',
  });
}
