import type { RecurrentProblem } from '../../recurrent-kernels.js';
import { activateRange, scaleByDerivative } from './activation-ranges.js';
import { multiply } from './matrix-product.js';
import { blankLike, block, blocks } from './recurrent-buffers.js';
import type { RecurrentCellStep } from './recurrent-cell-step.js';

/**
 * LSTM (docs/lstm-and-gru.md), gates in Keras order i, f, c (called g here), o:
 *   i, f, o = recurrentActivation(x W + h U + b),  g = activation(x W + h U + b)
 *   c = f * cPrev + i * g,  h = o * activation(c)
 * The workspace keeps activation(c) in `saved`: backward needs it and it cannot be recomputed from
 * h without dividing by o.
 */
export function lstmStep(problem: RecurrentProblem): RecurrentCellStep {
  const { batch: B, units: H, recurrentKernel: U } = problem;
  const { activation, recurrentActivation: gate } = problem;
  const fromOutput = blankLike(problem.x, H);
  return {
    forward({ gates, hIn, cPrev, cNext, hNext, saved }) {
      multiply(gates, hIn, U, B, 4 * H, H, { accumulate: true });
      for (let b = 0; b < B; b++) {
        const [input, forget, candidate, output] = blocks(gates, b, H, 4);
        activateRange(gate, input, 0, H);
        activateRange(gate, forget, 0, H);
        activateRange(activation, candidate, 0, H);
        activateRange(gate, output, 0, H);
        const [c, cOld, h] = [block(cNext, b, H), block(cPrev, b, H), block(hNext, b, H)];
        for (let j = 0; j < H; j++) c[j] = forget[j] * cOld[j] + input[j] * candidate[j];
        const activatedCell = block(saved, b, H);
        activatedCell.set(c);
        activateRange(activation, activatedCell, 0, H);
        for (let j = 0; j < H; j++) h[j] = output[j] * activatedCell[j];
      }
    },
    // dc = dcNext + dh * o * activation'(c);  di = dc * g, df = dc * cPrev, dg = dc * i,
    // do = dh * activation(c);  dcPrev = dc * f; each gate then times its activation's derivative.
    backward({ gates, cPrev, saved, valid, total, dc, preActivations, recurrentGradient }) {
      for (let b = 0; b < B; b++) {
        if (!valid[b]) {
          block(preActivations, b, 4 * H).fill(0);
          continue;
        }
        const [input, forget, candidate, output] = blocks(gates, b, H, 4);
        const [dInput, dForget, dCandidate, dOutput] = blocks(preActivations, b, H, 4);
        const [dh, dCell, cOld] = [block(total, b, H), block(dc, b, H), block(cPrev, b, H)];
        const activatedCell = block(saved, b, H);
        for (let j = 0; j < H; j++) fromOutput[j] = dh[j] * output[j];
        scaleByDerivative(activation, fromOutput, 0, activatedCell, 0, H);
        for (let j = 0; j < H; j++) {
          const dCellTotal = dCell[j] + fromOutput[j];
          dInput[j] = dCellTotal * candidate[j];
          dForget[j] = dCellTotal * cOld[j];
          dCandidate[j] = dCellTotal * input[j];
          dOutput[j] = dh[j] * activatedCell[j];
          dCell[j] = dCellTotal * forget[j];
        }
        scaleByDerivative(gate, dInput, 0, input, 0, H);
        scaleByDerivative(gate, dForget, 0, forget, 0, H);
        scaleByDerivative(activation, dCandidate, 0, candidate, 0, H);
        scaleByDerivative(gate, dOutput, 0, output, 0, H);
      }
      multiply(recurrentGradient, preActivations, U, B, H, 4 * H, { transposeB: true });
    },
  };
}
