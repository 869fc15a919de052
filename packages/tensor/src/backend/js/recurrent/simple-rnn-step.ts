import type { RecurrentProblem } from '../../recurrent-kernels.js';
import { activateRange, scaleByDerivative } from './activation-ranges.js';
import { multiply } from './matrix-product.js';
import { block } from './recurrent-buffers.js';
import type { RecurrentCellStep } from './recurrent-cell-step.js';

/**
 * SimpleRNN: h = activation(x W + h U + b). Its one "gate" block is h itself, so the workspace's
 * activated gates are the states and nothing else is saved.
 */
export function simpleRnnStep(problem: RecurrentProblem): RecurrentCellStep {
  const { batch: B, units: H, recurrentKernel: U, activation } = problem;
  return {
    forward({ gates: hidden, hIn, hNext }) {
      multiply(hidden, hIn, U, B, H, H, { accumulate: true });
      activateRange(activation, hidden, 0, B * H);
      hNext.set(hidden);
    },
    backward({ gates: hidden, valid, total, preActivations, recurrentGradient }) {
      for (let b = 0; b < B; b++) {
        const dHidden = block(preActivations, b, H);
        if (!valid[b]) {
          dHidden.fill(0);
          continue;
        }
        dHidden.set(block(total, b, H));
        scaleByDerivative(activation, dHidden, 0, block(hidden, b, H), 0, H);
      }
      multiply(recurrentGradient, preActivations, U, B, H, H, { transposeB: true });
    },
  };
}
