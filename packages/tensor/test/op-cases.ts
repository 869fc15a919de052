// One table of op cases shared by the gradient checks (float64, TS kernels) and the
// backend-vs-reference comparison (float32 on the backend under test vs float64). Every
// differentiable op in the registry must appear here (checked by gradcheck.test.ts).
import * as t from '@recur/tensor';
import type { Tensor } from '@recur/tensor';

export interface OpCase {
  /** Registry ops this case exercises. */
  ops: string[];
  label: string;
  inputs: () => Tensor[];
  run: (...inputs: Tensor[]) => Tensor | Tensor[] | Record<string, Tensor>;
  /** Looser gradcheck settings, where the op itself rounds (a cast through float32). */
  gradcheck?: { eps: number; rtol: number; atol: number };
}

let counter = 0;
/** Seeded float64 values in [min, max); each call gets its own seed. */
export function rand(shape: number[], min = -2, max = 2): Tensor {
  return t.randomUniform(shape, {
    minval: min,
    maxval: max,
    seed: 1000 + counter++,
    dtype: 'float64',
  });
}
const int = (values: number[], shape?: number[]) => t.tensor(values, shape, { dtype: 'int32' });

const unary = (op: string, run: (x: Tensor) => Tensor, min = -2, max = 2): OpCase[] => [
  { ops: [op], label: `${op} [2,3]`, inputs: () => [rand([2, 3], min, max)], run },
  { ops: [op], label: `${op} odd shape [3,1,5]`, inputs: () => [rand([3, 1, 5], min, max)], run },
];

const binary = (op: string, run: (a: Tensor, b: Tensor) => Tensor, min = -2, max = 2): OpCase[] => [
  {
    ops: [op],
    label: `${op} same shape`,
    inputs: () => [rand([2, 3], min, max), rand([2, 3], min, max)],
    run,
  },
  {
    ops: [op],
    label: `${op} broadcast [2,3] x [3]`,
    inputs: () => [rand([2, 3], min, max), rand([3], min, max)],
    run,
  },
  {
    ops: [op],
    label: `${op} broadcast [4,1,3] x [2,1]`,
    inputs: () => [rand([4, 1, 3], min, max), rand([2, 1], min, max)],
    run,
  },
  {
    ops: [op],
    label: `${op} scalar operand`,
    inputs: () => [rand([3], min, max), rand([], min, max)],
    run,
  },
];

export const opCases: OpCase[] = [
  ...binary('add', (a, b) => a.add(b)),
  ...binary('sub', (a, b) => a.sub(b)),
  ...binary('mul', (a, b) => a.mul(b)),
  ...binary('div', (a, b) => a.div(b), 0.5, 2),
  ...binary('pow', (a, b) => a.pow(b), 0.5, 2),
  ...binary('maximum', (a, b) => a.maximum(b)),
  ...binary('minimum', (a, b) => a.minimum(b)),
  ...unary('neg', (x) => x.neg()),
  ...unary('exp', (x) => x.exp()),
  ...unary('log', (x) => x.log(), 0.1, 3),
  ...unary('sqrt', (x) => x.sqrt(), 0.1, 3),
  ...unary('abs', (x) => x.abs()),
  ...unary('square', (x) => x.square()),
  ...unary('clip', (x) => x.clip(-1, 1)),
  ...unary('sigmoid', (x) => x.sigmoid()),
  ...unary('logSigmoid', (x) => x.logSigmoid()),
  ...unary('tanh', (x) => x.tanh()),
  ...unary('relu', (x) => x.relu()),
  ...unary('elu', (x) => x.elu(0.7)),
  ...unary('selu', (x) => x.selu()),
  ...unary('gelu', (x) => x.gelu()),
  ...unary('swish', (x) => x.swish()),
  ...unary('softplus', (x) => x.softplus()),
  ...unary('softsign', (x) => x.softsign()),
  ...unary('hardSigmoid', (x) => x.hardSigmoid(), -5, 5),
  ...unary('leakyRelu', (x) => x.leakyRelu(0.3)),
  ...unary('linear', (x) => x.linear()),
  {
    ops: ['matmul'],
    label: 'matmul 2-D',
    inputs: () => [rand([3, 4]), rand([4, 5])],
    run: (a, b) => a.matmul(b),
  },
  {
    ops: ['matmul'],
    label: 'matmul 2-D transposeA',
    inputs: () => [rand([4, 3]), rand([4, 5])],
    run: (a, b) => a.matmul(b, { transposeA: true }),
  },
  {
    ops: ['matmul'],
    label: 'matmul 2-D transposeB',
    inputs: () => [rand([3, 4]), rand([5, 4])],
    run: (a, b) => a.matmul(b, { transposeB: true }),
  },
  {
    ops: ['matmul'],
    label: 'matmul 2-D both transposed',
    inputs: () => [rand([4, 3]), rand([5, 4])],
    run: (a, b) => a.matmul(b, { transposeA: true, transposeB: true }),
  },
  {
    ops: ['matmul'],
    label: 'matmul [..., m, k] x [k, n]',
    inputs: () => [rand([2, 3, 4]), rand([4, 2])],
    run: (a, b) => a.matmul(b),
  },
  {
    ops: ['matmul'],
    label: 'matmul batched',
    inputs: () => [rand([2, 3, 4]), rand([2, 4, 5])],
    run: (a, b) => a.matmul(b),
  },
  {
    ops: ['matmul'],
    label: 'matmul batched transposes',
    inputs: () => [rand([2, 4, 3]), rand([2, 5, 4])],
    run: (a, b) => a.matmul(b, { transposeA: true, transposeB: true }),
  },
  {
    ops: ['matmul'],
    label: 'matmul with a size-1 axis',
    inputs: () => [rand([1, 7]), rand([7, 1])],
    run: (a, b) => a.matmul(b),
  },
  {
    ops: ['reshape'],
    label: 'reshape',
    inputs: () => [rand([2, 3, 4])],
    run: (x) => x.reshape([4, -1]).tanh(),
  },
  {
    ops: ['reshape'],
    label: 'expandDims / squeeze / flatten',
    inputs: () => [rand([2, 3])],
    run: (x) => x.expandDims(1).squeeze().flatten().mul(x.flatten()),
  },
  {
    ops: ['transpose'],
    label: 'transpose 2-D',
    inputs: () => [rand([3, 5])],
    run: (x) => x.transpose(),
  },
  {
    ops: ['transpose'],
    label: 'transpose 3-D [2,0,1]',
    inputs: () => [rand([2, 3, 4])],
    run: (x) => x.transpose([2, 0, 1]),
  },
  {
    ops: ['concat'],
    label: 'concat axis 1',
    inputs: () => [rand([2, 1]), rand([2, 3]), rand([2, 2])],
    run: (a, b, c) => t.concat([a, b, c], 1),
  },
  {
    ops: ['concat'],
    label: 'concat axis 0 (repeated input)',
    inputs: () => [rand([1, 3]), rand([2, 3])],
    run: (a, b) => t.concat([a, b, a], 0),
  },
  {
    ops: ['concat', 'reshape'],
    label: 'stack axis 1',
    inputs: () => [rand([2, 3]), rand([2, 3])],
    run: (a, b) => t.stack([a, b], 1),
  },
  {
    ops: ['slice'],
    label: 'slice a box',
    inputs: () => [rand([3, 4, 5])],
    run: (x) => x.slice([1, 0, 2], [2, -1, 2]),
  },
  {
    ops: ['slice'],
    label: 'slice to the end',
    inputs: () => [rand([4, 3])],
    run: (x) => x.slice([2]),
  },
  {
    ops: ['split'],
    label: 'split equal parts',
    inputs: () => [rand([2, 6])],
    run: (x) => x.split(3, 1),
  },
  {
    ops: ['split'],
    label: 'split sizes, one output unused',
    inputs: () => [rand([5, 2])],
    run: (x) => x.split([1, 3, 1], 0).slice(0, 2),
  },
  {
    ops: ['gather'],
    label: 'gather rows (repeated indices)',
    inputs: () => [rand([5, 3]), int([4, 0, 4, 2, 4, 1], [2, 3])],
    run: (table, ids) => table.gather(ids),
  },
  { ops: ['sum'], label: 'sum all', inputs: () => [rand([2, 3, 4])], run: (x) => x.sum() },
  { ops: ['sum'], label: 'sum axis 1', inputs: () => [rand([2, 3, 4])], run: (x) => x.sum(1) },
  {
    ops: ['sum'],
    label: 'sum axes [0, 2] keepDims',
    inputs: () => [rand([2, 3, 4])],
    run: (x) => x.sum([0, 2], true),
  },
  {
    ops: ['sum', 'div'],
    label: 'mean axis -1',
    inputs: () => [rand([3, 4])],
    run: (x) => x.mean(-1),
  },
  { ops: ['max'], label: 'max axis 1', inputs: () => [rand([3, 5])], run: (x) => x.max(1) },
  { ops: ['max'], label: 'max all', inputs: () => [rand([2, 3])], run: (x) => x.max() },
  {
    ops: ['min'],
    label: 'min axis 0 keepDims',
    inputs: () => [rand([4, 3])],
    run: (x) => x.min(0, true),
  },
  {
    ops: ['softmax'],
    label: 'softmax last axis',
    inputs: () => [rand([3, 5])],
    run: (x) => x.softmax(),
  },
  {
    ops: ['softmax'],
    label: 'softmax axis 0 of 3-D',
    inputs: () => [rand([4, 2, 3])],
    run: (x) => x.softmax(0),
  },
  {
    ops: ['logSoftmax'],
    label: 'logSoftmax last axis',
    inputs: () => [rand([3, 5])],
    run: (x) => x.logSoftmax(),
  },
  {
    ops: ['logSoftmax'],
    label: 'logSoftmax middle axis',
    inputs: () => [rand([2, 4, 3])],
    run: (x) => x.logSoftmax(1),
  },
  {
    ops: ['where'],
    label: 'where with broadcasting',
    inputs: () => [rand([2, 3]), rand([3])],
    run: (a, b) => t.where(a.greater(0), a, b),
  },
  {
    ops: ['cast'],
    label: 'cast to the other float dtype and back',
    inputs: () => [rand([3])],
    run: (x) =>
      x
        .cast(x.dtype === 'float64' ? 'float32' : 'float64')
        .cast(x.dtype)
        .mul(x),
    // The round trip through float32 rounds at ~6e-8, so a 1e-6 step would be noise.
    gradcheck: { eps: 1e-3, rtol: 1e-2, atol: 1e-4 },
  },
  {
    ops: ['broadcastTo'],
    label: 'broadcastTo',
    inputs: () => [rand([3, 1])],
    run: (x) => x.broadcastTo([2, 3, 4]),
  },
  {
    ops: ['reverse'],
    label: 'reverse the middle axis',
    inputs: () => [rand([2, 4, 3])],
    run: (x) => x.reverse(1),
  },
  {
    ops: ['reverse'],
    label: 'reverse the last axis of 2-D',
    inputs: () => [rand([3, 5])],
    run: (x) => x.reverse(-1),
  },
  {
    ops: ['dropout'],
    label: 'dropout (seeded mask)',
    inputs: () => [rand([4, 5])],
    run: (x) => x.dropout(0.4, 7),
  },
];
