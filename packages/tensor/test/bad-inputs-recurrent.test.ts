// Property-based bad-input suite, family (c): the fused recurrent ops lstm, gru and simpleRnn and
// their options. Every generated call must be refused with a typed recur error naming the argument
// before any kernel runs; each property runs badInputRuns.numRuns generated inputs (1,000 by
// default).
import * as t from '@recur/tensor';
import { describeBackends, refusesBadInputs, badTensorValues } from '@recur/testing';
import fc from 'fast-check';
import { it } from 'vitest';
const { badOptions, detach, notBoolean, notOneOf, notTensor } = badTensorValues;

const { ones, zeros } = t;
type Cell = 'lstm' | 'gru' | 'simpleRnn';
const CELLS: Cell[] = ['lstm', 'gru', 'simpleRnn'];
const GATES: Record<Cell, number> = { lstm: 4, gru: 3, simpleRnn: 1 };
const ACTIVATIONS = ['tanh', 'sigmoid', 'hardSigmoid', 'relu', 'linear'];
const OPTION_KEYS = [
  'initialH',
  'initialC',
  'goBackwards',
  'mask',
  'activation',
  'recurrentActivation',
  'recurrentDropoutMask',
  'training',
];

// B = 2 sequences, T = 3 steps, D = 2 features, H = 2 units.
const B = 2;
const T = 3;
const D = 2;
const H = 2;

interface Problem {
  x: unknown;
  kernel: unknown;
  recurrentKernel: unknown;
  bias: unknown;
  options?: unknown;
}

function valid(cell: Cell, dtype: t.DType = 'float32'): Problem {
  const G = GATES[cell];
  return {
    x: ones([B, T, D], { dtype }),
    kernel: ones([D, G * H], { dtype }),
    recurrentKernel: ones([H, G * H], { dtype }),
    bias: zeros(cell === 'gru' ? [2, G * H] : [G * H], { dtype }),
  };
}

const OPS = { lstm: t.lstm, gru: t.gru, simpleRnn: t.simpleRnn };

function run(cell: Cell, p: Problem): () => unknown {
  return () =>
    OPS[cell](
      p.x as t.Tensor,
      p.kernel as t.Tensor,
      p.recurrentKernel as t.Tensor,
      p.bias as t.Tensor,
      p.options as t.GruOptions,
    );
}

const cell = fc.constantFrom(...CELLS);
// Shapes near the valid ones, each wrong in one axis (never the valid shape itself).
const wrongShape = (valid: number[]) =>
  fc
    .oneof(
      fc.constantFrom(valid.slice(1), [...valid, 1], []),
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 })).map(([at, gap]) => {
        const shape = [...valid];
        shape[at % shape.length] += gap;
        return shape;
      }),
    )
    .filter((shape) => shape.join() !== valid.join());

describeBackends('bad inputs: recurrent ops', () => {
  it('refuse x that is no live float tensor of shape [batch, steps, features] with steps and a batch', () => {
    const badX = fc.oneof(
      notTensor.map((x) => ({ x, names: 'x' })),
      fc
        .constantFrom([B, D], [B, T, D, 1], [T], [])
        .map((shape) => ({ x: ones(shape), names: 'x of rank 3' })),
      fc.constant({ x: ones([B, T, D], { dtype: 'int32' }), names: 'x' }),
      fc.constant({ x: zeros([0, T, D]), names: 'batch' }),
      fc.constant({ x: zeros([B, 0, D]), names: 'time step' }),
      fc.constant({ x: detach(ones([B, T, D])), names: 'x' }),
    );
    refusesBadInputs(fc.tuple(cell, badX), ([c, { x, names }]) => ({
      run: run(c, { ...valid(c), x }),
      names,
    }));
  });

  it('refuse weights that are no tensors, of the wrong shape or of another dtype', () => {
    const weight = fc.constantFrom('kernel', 'recurrentKernel', 'bias') as fc.Arbitrary<
      'kernel' | 'recurrentKernel' | 'bias'
    >;
    const cases: fc.Arbitrary<{ c: Cell; name: string; value: unknown; names: string | RegExp }> =
      fc.oneof(
        fc
          .tuple(cell, weight, notTensor)
          .filter(
            ([, name, value]) => !(name === 'bias' && (value === undefined || value === null)),
          )
          .map(([c, name, value]) => ({ c, name, value, names: name })),
        fc.tuple(cell, weight).chain(([c, name]) => {
          const shape = (valid(c)[name] as t.Tensor).shape as number[];
          // A kernel of another width implies other units, so the error may name recurrentKernel.
          const names = name === 'bias' ? 'bias' : /kernel/i;
          return wrongShape(shape).map((s) => ({ c, name, value: ones(s), names }));
        }),
        fc.tuple(cell, weight).map(([c, name]) => ({
          c,
          name,
          value: ones((valid(c)[name] as t.Tensor).shape as number[], { dtype: 'float64' }),
          names: name,
        })),
        fc.tuple(cell, weight).map(([c, name]) => ({
          c,
          name,
          value: detach(ones((valid(c)[name] as t.Tensor).shape as number[])),
          names: name,
        })),
        // The reset-before GRU has a [3H] bias; the reset-after one [2, 3H].
        fc.constant({ c: 'gru' as Cell, name: 'bias', value: zeros([3 * H]), names: 'bias' }),
      );
    refusesBadInputs(cases, ({ c, name, value, names }) => ({
      run: run(c, { ...valid(c), [name]: value }),
      names,
    }));
  });

  it('refuse option values of the wrong type (goBackwards: "false" included)', () => {
    const cases = fc.oneof(
      fc
        .tuple(cell, fc.constantFrom('goBackwards', 'training'), notBoolean)
        .map(([c, key, value]) => ({ c, options: { [key]: value }, names: key })),
      fc
        .constantFrom(...CELLS)
        .map((c) => ({ c, options: { goBackwards: 'false' }, names: 'goBackwards' })),
      fc
        .tuple(cell, fc.constantFrom('activation', 'recurrentActivation'), notOneOf(ACTIVATIONS))
        .map(([c, key, value]) => ({ c, options: { [key]: value }, names: key })),
      notBoolean.map((resetAfter) => ({
        c: 'gru' as Cell,
        options: { resetAfter },
        names: 'resetAfter',
      })),
      // resetAfter is GRU's alone: on the others it is an unknown key, not silently ignored.
      fc.constantFrom('lstm', 'simpleRnn').map((c) => ({
        c: c as Cell,
        options: { resetAfter: false },
        names: 'options',
      })),
      fc.tuple(cell, badOptions(OPTION_KEYS)).map(([c, options]) => ({
        c,
        options,
        names: /options|resetAfter/,
      })),
    );
    refusesBadInputs(cases, ({ c, options, names }) => ({
      run: run(c, { ...valid(c), options }),
      names,
    }));
  });

  it('refuse states, masks and dropout masks that are no tensors or of the wrong shape or dtype', () => {
    const tensorOption = fc.constantFrom(
      'initialH',
      'mask',
      'recurrentDropoutMask',
    ) as fc.Arbitrary<'initialH' | 'mask' | 'recurrentDropoutMask'>;
    const shapeOf = {
      initialH: [B, H],
      mask: [B, T],
      recurrentDropoutMask: [B, H],
      initialC: [B, H],
    };
    const cases = fc.oneof(
      fc
        .tuple(cell, tensorOption, notTensor)
        .filter(([, , value]) => value !== undefined && value !== null)
        .map(([c, key, value]) => ({ c, options: { [key]: value }, names: key })),
      fc.tuple(cell, tensorOption).chain(([c, key]) =>
        wrongShape(shapeOf[key]).map((shape) => ({
          c,
          options: { [key]: ones(shape) },
          names: key,
        })),
      ),
      fc.tuple(cell, fc.constantFrom('initialH', 'recurrentDropoutMask')).map(([c, key]) => ({
        c,
        options: { [key]: ones(shapeOf[key as 'initialH'], { dtype: 'float64' }) },
        names: key,
      })),
      fc.tuple(cell, tensorOption).map(([c, key]) => ({
        c,
        options: { [key]: detach(ones(shapeOf[key])) },
        names: key,
      })),
      wrongShape([B, H]).map((shape) => ({
        c: 'lstm' as Cell,
        options: { initialC: ones(shape) },
        names: 'initialC',
      })),
      fc.constantFrom('gru', 'simpleRnn').map((c) => ({
        c: c as Cell,
        options: { initialC: zeros([B, H]) },
        names: 'initialC',
      })),
    );
    refusesBadInputs(cases, ({ c, options, names }) => ({
      run: run(c, { ...valid(c), options }),
      names,
    }));
  });

  it('refuse inputs of one dtype with weights of another', () => {
    const cases = fc
      .tuple(cell, fc.constantFrom('kernel', 'recurrentKernel', 'bias'))
      .map(([c, name]) => ({ c, name: name as keyof Problem }));
    refusesBadInputs(cases, ({ c, name }) => {
      const p = valid(c, 'float64');
      return { run: run(c, { ...p, [name]: valid(c)[name] }), names: name };
    });
  });
});
