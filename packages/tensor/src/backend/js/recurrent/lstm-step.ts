import type { RecurrentProblem } from '../../recurrent-kernels.js';
import { activateRange, scaleByDerivative } from './activation-ranges.js';
import { multiply } from './matrix-product.js';
import { blankLike } from './recurrent-buffers.js';
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
  // Batch row b's gates are gates[b * 4H ..]: the blocks i, f, g, o start at these offsets (and
  // its units in the [B, H] states at b * H). Offsets, not subarray views: a view per block per
  // row per step (8 here, 14 in the GRU: 44,800 per ts-small GRU forward) made ts-small GRU
  // inference ~30% slower.
  const gateBlocks = (b: number) => {
    const i = b * 4 * H;
    return { i, f: i + H, g: i + 2 * H, o: i + 3 * H, unit: b * H };
  };
  return {
    forward({ gates, hIn, cPrev, cNext, hNext, saved: activatedCell }) {
      multiply(gates, hIn, U, B, 4 * H, H, { accumulate: true });
      for (let b = 0; b < B; b++) {
        const { i, f, g, o, unit } = gateBlocks(b);
        activateRange(gate, gates, i, 2 * H); // i and f
        activateRange(activation, gates, g, H);
        activateRange(gate, gates, o, H);
        for (let j = 0; j < H; j++) {
          const c = gates[f + j] * cPrev[unit + j] + gates[i + j] * gates[g + j];
          cNext[unit + j] = c;
          activatedCell[unit + j] = c;
        }
        activateRange(activation, activatedCell, unit, H);
        for (let j = 0; j < H; j++) hNext[unit + j] = gates[o + j] * activatedCell[unit + j];
      }
    },
    // dc = dcNext + dh * o * activation'(c);  di = dc * g, df = dc * cPrev, dg = dc * i,
    // do = dh * activation(c);  dcPrev = dc * f; each gate then times its activation's derivative.
    backward({
      gates,
      cPrev,
      saved: activatedCell,
      valid,
      total: dh,
      dc,
      preActivations: d,
      recurrentGradient,
    }) {
      for (let b = 0; b < B; b++) {
        const { i, f, g, o, unit } = gateBlocks(b);
        if (!valid[b]) {
          d.fill(0, i, i + 4 * H);
          continue;
        }
        for (let j = 0; j < H; j++) fromOutput[j] = dh[unit + j] * gates[o + j];
        scaleByDerivative(activation, fromOutput, 0, activatedCell, unit, H);
        for (let j = 0; j < H; j++) {
          const dCell = dc[unit + j] + fromOutput[j];
          d[i + j] = dCell * gates[g + j];
          d[f + j] = dCell * cPrev[unit + j];
          d[g + j] = dCell * gates[i + j];
          d[o + j] = dh[unit + j] * activatedCell[unit + j];
          dc[unit + j] = dCell * gates[f + j];
        }
        scaleByDerivative(gate, d, i, gates, i, 2 * H); // i and f
        scaleByDerivative(activation, d, g, gates, g, H);
        scaleByDerivative(gate, d, o, gates, o, H);
      }
      multiply(recurrentGradient, d, U, B, H, 4 * H, { transposeB: true });
    },
  };
}
