// The option product the fused recurrent kernels are checked over (gradcheck in float64 on the TS
// twin, and the backend under test in float32 against the float64 TS reference).
import {
  cast,
  gateCount,
  gru,
  lstm,
  type RecurrentActivation,
  type RecurrentBuffers,
  type RecurrentCell,
  type RecurrentResult,
  type RecurrentStates,
  randomUniform,
  simpleRnn,
  type Tensor,
  tensor,
} from '@recur/tensor';

export interface RecurrentCase {
  label: string;
  cell: RecurrentCell;
  resetAfter: boolean;
  B: number;
  T: number;
  D: number;
  H: number;
  bias: boolean;
  initialState: boolean;
  goBackwards: boolean;
  mask: number[][] | null;
  activation?: RecurrentActivation;
  recurrentActivation?: RecurrentActivation;
  recurrentDropout: boolean;
  /** Half-width of the recurrent kernel's uniform draw (0.6 unless set). */
  recurrentScale?: number;
}

const cells: Array<[string, RecurrentCell, boolean]> = [
  ['lstm', 'lstm', false],
  ['gru (reset after)', 'gru', true],
  ['gru (reset before)', 'gru', false],
  ['simpleRnn', 'simpleRnn', false],
];

const base = {
  B: 3,
  T: 4,
  D: 3,
  H: 4,
  bias: true,
  initialState: false,
  goBackwards: false,
  mask: null,
  recurrentDropout: false,
};

export const recurrentCases: RecurrentCase[] = cells.flatMap(([name, cell, resetAfter]) => {
  const variants: Array<Partial<RecurrentCase> & { label: string }> = [
    { label: 'defaults' },
    { label: 'no bias', bias: false },
    { label: 'initial states', initialState: true },
    { label: 'goBackwards', goBackwards: true, initialState: true },
    {
      label: 'right-padding mask',
      mask: [
        [1, 1, 1, 1],
        [1, 1, 0, 0],
        [1, 0, 0, 0],
      ],
    },
    {
      label: 'left-padding mask',
      mask: [
        [0, 0, 1, 1],
        [0, 1, 1, 1],
        [1, 1, 1, 1],
      ],
      initialState: true,
    },
    {
      label: 'a fully masked row',
      mask: [
        [1, 1, 1, 1],
        [0, 0, 0, 0],
        [1, 0, 1, 0],
      ],
      initialState: true,
    },
    {
      label: 'mask with goBackwards',
      mask: [
        [1, 1, 1, 0],
        [0, 1, 1, 1],
        [1, 0, 0, 1],
      ],
      goBackwards: true,
    },
    { label: 'recurrent dropout mask', recurrentDropout: true, initialState: true },
    { label: 'odd sizes H=17 D=7 T=1', B: 2, T: 1, D: 7, H: 17, initialState: true },
    { label: 'batch of one', B: 1, T: 5, mask: null },
    // Enough rows (B*T >= 32) for the native kernels to pack the recurrent weights; 17 units make
    // every packed panel ragged (4H = 68 columns, 3H = 51, H = 17).
    {
      label: 'packed weights with ragged panels (B=4, T=9, H=17)',
      B: 4,
      T: 9,
      D: 3,
      H: 17,
      initialState: true,
      goBackwards: true,
    },
    // 14 rows per step product: the avx2 microkernel's row tiles 6 + 4 + 4 (a two-row remainder
    // taken as two four-row tiles), on one thread; 7 + 7 (6 + 1) on two.
    { label: 'packed weights, fourteen rows (B=14, T=3, H=20)', B: 14, T: 3, D: 3, H: 20 },
    // One and five rows per step product with 32 units (4H = 128, 3H = 96 and H = 32: 8, 6 and 2
    // full panels of 16): the avx2 microkernel takes the one or two rows the six- and four-row
    // tiles leave across several panels at once (one row: four panels, two rows: two), and
    // inference projects a batch of one for all steps at once. A smaller recurrent kernel keeps
    // 32 steps of 32 units from turning chaotic, where float32 rounding would grow past the
    // tolerances of the comparison.
    {
      label: 'packed weights, a streamed batch of one (B=1, T=32, H=32)',
      B: 1,
      T: 32,
      D: 3,
      H: 32,
      recurrentScale: 0.3,
    },
    {
      label: 'packed weights, batch of five (B=5, T=7, H=32)',
      B: 5,
      T: 7,
      D: 3,
      H: 32,
      initialState: true,
      recurrentScale: 0.3,
    },
    // Nine rows are split unevenly across the native kernels' threads (5 + 4).
    {
      label: 'batch of nine with a mask, dropout and initial states (threaded rows)',
      B: 9,
      T: 4,
      H: 5,
      initialState: true,
      recurrentDropout: true,
      mask: [
        [1, 1, 1, 1],
        [1, 1, 0, 0],
        [0, 1, 1, 1],
        [1, 0, 1, 0],
        [0, 0, 0, 0],
        [1, 1, 1, 1],
        [1, 1, 1, 0],
        [0, 0, 1, 1],
        [1, 1, 1, 1],
      ],
    },
  ];
  const activations: RecurrentActivation[] = ['tanh', 'sigmoid', 'hardSigmoid', 'relu', 'linear'];
  for (const activation of activations) {
    if (activation !== 'tanh') variants.push({ label: `activation ${activation}`, activation });
  }
  if (cell !== 'simpleRnn') {
    for (const recurrentActivation of activations) {
      if (recurrentActivation !== 'sigmoid')
        variants.push({ label: `recurrentActivation ${recurrentActivation}`, recurrentActivation });
    }
  }
  return variants.map((variant) => ({
    ...base,
    cell,
    resetAfter,
    ...variant,
    label: `${name}: ${variant.label}`,
  }));
});

let seed = 500;
const uniform = (shape: number[], scale: number) =>
  randomUniform(shape, { minval: -scale, maxval: scale, seed: seed++, dtype: 'float64' });

/** Inputs in float64: [x, kernel, recurrentKernel, bias?, initialH?, initialC?] and the non-differentiable masks. */
export function recurrentInputs(c: RecurrentCase): {
  inputs: Tensor[];
  mask: Tensor | null;
  dropout: Tensor | null;
} {
  const G = gateCount(c.cell);
  const inputs = [
    uniform([c.B, c.T, c.D], 1),
    uniform([c.D, G * c.H], 0.6),
    uniform([c.H, G * c.H], c.recurrentScale ?? 0.6),
  ];
  if (c.bias)
    inputs.push(uniform(c.cell === 'gru' && c.resetAfter ? [2, 3 * c.H] : [G * c.H], 0.5));
  if (c.initialState) {
    inputs.push(uniform([c.B, c.H], 0.5));
    if (c.cell === 'lstm') inputs.push(uniform([c.B, c.H], 0.5));
  }
  const mask = c.mask ? tensor(c.mask, undefined, { dtype: 'float64' }) : null;
  let dropout: Tensor | null = null;
  if (c.recurrentDropout) {
    const keep = uniform([c.B, c.H], 1);
    dropout = tensor(
      Float64Array.from(keep.data, (v) => (v > -0.3 ? 1 / 0.65 : 0)),
      [c.B, c.H],
    );
  }
  return { inputs, mask, dropout };
}

/** Runs the case's op on its inputs (x, kernel, recurrentKernel, then bias / initial states if present). */
export function runCase(
  c: RecurrentCase,
  inputs: Tensor[],
  mask: Tensor | null,
  dropout: Tensor | null,
  buffers?: RecurrentBuffers | null,
  sequence?: true,
): RecurrentResult;
export function runCase(
  c: RecurrentCase,
  inputs: Tensor[],
  mask: Tensor | null,
  dropout: Tensor | null,
  buffers: RecurrentBuffers | null,
  sequence: boolean,
): RecurrentResult | RecurrentStates;
export function runCase(
  c: RecurrentCase,
  inputs: Tensor[],
  mask: Tensor | null,
  dropout: Tensor | null,
  buffers: RecurrentBuffers | null = null,
  sequence = true,
): RecurrentResult | RecurrentStates {
  const [x, kernel, recurrentKernel, ...rest] = inputs;
  const bias = c.bias ? rest.shift()! : null;
  const initialH = c.initialState ? rest.shift()! : null;
  const initialC = c.initialState && c.cell === 'lstm' ? rest.shift()! : null;
  const options = {
    initialH,
    initialC,
    goBackwards: c.goBackwards,
    mask,
    activation: c.activation,
    recurrentActivation: c.recurrentActivation,
    recurrentDropoutMask: dropout,
    buffers,
    sequence,
  };
  if (c.cell === 'lstm') return lstm(x, kernel, recurrentKernel, bias, options);
  if (c.cell === 'gru')
    return gru(x, kernel, recurrentKernel, bias, { ...options, resetAfter: c.resetAfter });
  return simpleRnn(x, kernel, recurrentKernel, bias, options);
}

/**
 * The case's outputs with no input requiring a gradient: the inference path (no workspace kept;
 * the native kernel then projects each step's inputs inside its time loop).
 */
export function runForward(
  c: RecurrentCase,
  given: ReturnType<typeof recurrentInputs>,
  dtype: 'float32' | 'float64',
): Tensor[] {
  const { inputs, mask, dropout } = given;
  const xs = inputs.map((t) => cast(t, dtype).detach());
  const out = runCase(c, xs, mask && cast(mask, dtype), dropout && cast(dropout, dtype), null);
  return [out.sequence, out.h, ...(out.c ? [out.c] : [])];
}

/**
 * Runs the case in `dtype` and back-propagates a fixed weighting (sin(i + 1)) of every output
 * element, so every output's gradient path is exercised.
 */
export function runWithGradients(
  c: RecurrentCase,
  given: ReturnType<typeof recurrentInputs>,
  dtype: 'float32' | 'float64',
  buffers: RecurrentBuffers | null = null,
) {
  const { inputs, mask, dropout } = given;
  const xs = inputs.map((t) => {
    const copy = cast(t, dtype).detach();
    copy.requiresGrad = true;
    return copy;
  });
  const out = runCase(c, xs, mask && cast(mask, dtype), dropout && cast(dropout, dtype), buffers);
  const outputs = [out.sequence, out.h, ...(out.c ? [out.c] : [])];
  let loss: Tensor | null = null;
  for (const y of outputs) {
    const term = y
      .mul(
        tensor(
          Float64Array.from({ length: y.size }, (_, i) => Math.sin(i + 1)),
          y.shape,
          { dtype },
        ),
      )
      .sum();
    loss = loss ? loss.add(term) : term;
  }
  loss!.backward();
  return { outputs, grads: xs.map((t) => t.grad!) };
}
