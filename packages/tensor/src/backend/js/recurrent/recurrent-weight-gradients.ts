import type { FloatArray } from '../../../dtype.js';
import { gateCount, type RecurrentBackwardArguments } from '../../recurrent-kernels.js';
import { multiply } from './matrix-product.js';
import { blankLike, columnSums, type workspaceSections } from './recurrent-buffers.js';
import type { RecurrentCellStep } from './recurrent-cell-step.js';

/**
 * The gradients that sum over time, each one GEMM over all T*B rows once backward through time
 * has filled dG (and dGr): dKernel = X^T dG, dBias = colsum(dG) (and colsum(dGr) for a recurrent
 * bias row), dRecurrentKernel = Hin^T dGr, dX = dG . kernel^T (scattered back to `[B, T, D]`).
 */
export function recurrentWeightGradients(
  args: RecurrentBackwardArguments,
  sections: ReturnType<typeof workspaceSections>,
  dG: FloatArray,
  dGr: FloatArray,
  step: RecurrentCellStep,
): void {
  const { batch: B, steps: T, inputSize: D, units: H, goBackwards, x } = args;
  const { recurrentDropoutMask: keep } = args;
  const [GH, rows] = [gateCount(args.cell) * H, T * B];
  const { inputs, states, extra } = sections;
  if (args.dKernel) multiply(args.dKernel, inputs, dG, D, GH, rows, { transposeA: true });
  if (args.dBias) {
    columnSums(dG, rows, GH, args.dBias, 0);
    if (dGr !== dG) columnSums(dGr, rows, GH, args.dBias, GH);
  }
  if (args.dRecurrentKernel) {
    // The recurrent GEMMs saw h_{t-1} times the dropout mask: so does their weight gradient.
    let hiddenInputs = states.subarray(0, rows * H);
    if (keep) {
      hiddenInputs = blankLike(x, rows * H);
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < H; j++)
          hiddenInputs[r * H + j] = states[r * H + j] * keep[(r % B) * H + j];
    }
    if (step.recurrentKernelGradient)
      step.recurrentKernelGradient(hiddenInputs, dG, extra, args.dRecurrentKernel);
    else multiply(args.dRecurrentKernel, hiddenInputs, dGr, H, GH, rows, { transposeA: true });
  }
  if (args.dx) {
    const dInputs = blankLike(x, rows * D);
    multiply(dInputs, dG, args.kernel, rows, D, GH, { transposeB: true });
    for (let s = 0; s < T; s++) {
      const t = goBackwards ? T - 1 - s : s;
      for (let b = 0; b < B; b++)
        args.dx.set(dInputs.subarray((s * B + b) * D, (s * B + b + 1) * D), (b * T + t) * D);
    }
  }
}
