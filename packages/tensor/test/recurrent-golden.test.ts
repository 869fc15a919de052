import { readFileSync } from 'node:fs';
import {
  cast,
  gru,
  lstm,
  type RecurrentActivation,
  type RecurrentCell,
  simpleRnn,
  type Tensor,
  tensor,
} from '@recur/tensor';
import { describeBackends, expectClose } from '@recur/testing';
import { describe, expect, it } from 'vitest';

// Golden values from PyTorch (float64), produced by golden/generate-recurrent-golden.py: an explicit
// Keras-semantics reference loop, itself cross-checked against torch.nn.LSTM/GRU/RNN where those can
// express the case. CI reads the JSON only.
interface GoldenCase {
  name: string;
  cell: RecurrentCell;
  B: number;
  T: number;
  D: number;
  H: number;
  options: {
    resetAfter?: boolean;
    goBackwards: boolean;
    activation: RecurrentActivation;
    recurrentActivation?: RecurrentActivation;
  };
  inputs: Record<
    'x' | 'kernel' | 'recurrentKernel' | 'bias' | 'initialH' | 'initialC' | 'mask',
    number[] | null
  >;
  outputs: { sequence: number[]; h: number[]; c: number[] | null };
  lossWeights: { sequence: number[]; h: number[]; c: number[] | null };
  gradients: Record<
    'x' | 'kernel' | 'recurrentKernel' | 'bias' | 'initialH' | 'initialC',
    number[] | null
  >;
}

const golden = JSON.parse(
  readFileSync(new URL('./golden/recurrent-kernels.json', import.meta.url), 'utf8'),
) as { cases: GoldenCase[] };

function shapes(c: GoldenCase): Record<string, number[]> {
  const G = c.cell === 'lstm' ? 4 : c.cell === 'gru' ? 3 : 1;
  const resetAfter = c.cell === 'gru' && (c.options.resetAfter ?? true);
  return {
    x: [c.B, c.T, c.D],
    kernel: [c.D, G * c.H],
    recurrentKernel: [c.H, G * c.H],
    bias: resetAfter ? [2, 3 * c.H] : [G * c.H],
    initialH: [c.B, c.H],
    initialC: [c.B, c.H],
    mask: [c.B, c.T],
  };
}

/** Runs a golden case in `dtype` and returns outputs and the gradients of the weighted loss. */
function run(c: GoldenCase, dtype: 'float32' | 'float64') {
  const shape = shapes(c);
  const input = (name: keyof GoldenCase['inputs'], grad: boolean): Tensor | null => {
    const values = c.inputs[name];
    return values ? tensor(values, shape[name], { dtype, requiresGrad: grad }) : null;
  };
  const x = input('x', true)!;
  const kernel = input('kernel', true)!;
  const recurrentKernel = input('recurrentKernel', true)!;
  const bias = input('bias', true);
  const initialH = input('initialH', true);
  const initialC = c.cell === 'lstm' ? input('initialC', true) : null;
  const mask = input('mask', false);
  const options = {
    initialH,
    initialC,
    mask,
    goBackwards: c.options.goBackwards,
    activation: c.options.activation,
    recurrentActivation: c.options.recurrentActivation,
  };
  const result =
    c.cell === 'lstm'
      ? lstm(x, kernel, recurrentKernel, bias, options)
      : c.cell === 'gru'
        ? gru(x, kernel, recurrentKernel, bias, {
            ...options,
            resetAfter: c.options.resetAfter ?? true,
          })
        : simpleRnn(x, kernel, recurrentKernel, bias, options);
  const weights = (values: number[], like: Tensor) => tensor(values, like.shape, { dtype });
  let loss = result.sequence
    .mul(weights(c.lossWeights.sequence, result.sequence))
    .sum()
    .add(result.h.mul(weights(c.lossWeights.h, result.h)).sum());
  if (result.c && c.lossWeights.c)
    loss = loss.add(result.c.mul(weights(c.lossWeights.c, result.c)).sum());
  loss.backward();
  return {
    result,
    grads: {
      x: x.grad,
      kernel: kernel.grad,
      recurrentKernel: recurrentKernel.grad,
      bias: bias?.grad ?? null,
      initialH: initialH?.grad ?? null,
      initialC: initialC?.grad ?? null,
    },
  };
}

function compare(
  c: GoldenCase,
  dtype: 'float32' | 'float64',
  tolerance: { rtol: number; atol: number },
) {
  const { result, grads } = run(c, dtype);
  expectClose(cast(result.sequence, 'float64'), c.outputs.sequence, {
    ...tolerance,
    label: `${c.name} sequence`,
  });
  expectClose(cast(result.h, 'float64'), c.outputs.h, { ...tolerance, label: `${c.name} h` });
  if (c.outputs.c)
    expectClose(cast(result.c!, 'float64'), c.outputs.c, { ...tolerance, label: `${c.name} c` });
  for (const [name, expected] of Object.entries(c.gradients)) {
    if (!expected) continue;
    const actual = grads[name as keyof typeof grads];
    expect(actual, `${c.name}: gradient of ${name}`).not.toBeNull();
    expectClose(actual!, expected, { ...tolerance, label: `${c.name} d${name}` });
  }
}

describe('recurrent kernels vs PyTorch goldens (float64, TS twin)', () => {
  it('has the generated cases', () => expect(golden.cases.length).toBeGreaterThanOrEqual(40));
  for (const c of golden.cases)
    it(c.name, () => compare(c, 'float64', { rtol: 1e-9, atol: 1e-11 }));
});

describeBackends('recurrent kernels vs PyTorch goldens (float32)', () => {
  for (const c of golden.cases) it(c.name, () => compare(c, 'float32', { rtol: 1e-4, atol: 2e-5 }));
});
