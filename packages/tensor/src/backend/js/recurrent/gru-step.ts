import type { RecurrentProblem } from '../../recurrent-kernels.js';
import { biasRows } from '../../recurrent-shapes.js';
import { activateRange, scaleByDerivative } from './activation-ranges.js';
import { multiply } from './matrix-product.js';
import {
  addRowVector,
  blankLike,
  block,
  blocks,
  copyColumns,
  writeColumns,
} from './recurrent-buffers.js';
import type { RecurrentCellStep } from './recurrent-cell-step.js';

/**
 * GRU (docs/lstm-and-gru.md), gates in Keras order z, r, h:
 *   z, r = recurrentActivation(x W + h U + b)     (z from the z blocks, r from the r blocks)
 *   resetAfter (Keras 3 default): hHat = activation(x W_h + b_h + r * (hPrev U_h + b'_h))
 *   reset-before (original GRU):  hHat = activation(x W_h + b_h + (r * hPrev) U_h)
 *   h = z * hPrev + (1 - z) * hHat
 * `saved` keeps hPrev U_h + b'_h (reset-after) or r * hIn (reset-before): the one value per unit
 * backward needs beyond the gates.
 */
export function gruStep(problem: RecurrentProblem): RecurrentCellStep {
  const { batch: B, steps: T, units: H, recurrentKernel: U, bias, resetAfter } = problem;
  const { activation, recurrentActivation: gate, recurrentDropoutMask: keep, x } = problem;
  const GH = 3 * H;
  const recurrentBias =
    bias && biasRows('gru', resetAfter) === 2 ? bias.subarray(GH, 2 * GH) : null;
  // Reset-before multiplies r * h by the candidate block of U only: keep the blocks contiguous.
  const updateResetKernel = resetAfter ? U : copyColumns(U, H, GH, 0, 2 * H);
  const candidateKernel = resetAfter ? U : copyColumns(U, H, GH, 2 * H, H);
  const recurrent = blankLike(x, B * GH);
  const candidateGradient = blankLike(x, B * H);
  return {
    forward({ gates, hPrev, hIn, hNext, saved }) {
      const width = resetAfter ? GH : 2 * H;
      multiply(recurrent, hIn, updateResetKernel, B, width, H);
      if (recurrentBias) addRowVector(recurrent, B, GH, recurrentBias, 0);
      for (let b = 0; b < B; b++) {
        const [update, reset, candidate] = blocks(gates, b, H, 3);
        const [hUpdate, hReset, hCandidate] = blocks(block(recurrent, b, width), 0, H, 3);
        for (let j = 0; j < H; j++) update[j] += hUpdate[j];
        for (let j = 0; j < H; j++) reset[j] += hReset[j];
        activateRange(gate, update, 0, H);
        activateRange(gate, reset, 0, H);
        const resetPart = block(saved, b, H);
        if (resetAfter) {
          resetPart.set(hCandidate);
          for (let j = 0; j < H; j++) candidate[j] += reset[j] * resetPart[j];
          activateRange(activation, candidate, 0, H);
        } else {
          const h = block(hIn, b, H);
          for (let j = 0; j < H; j++) resetPart[j] = reset[j] * h[j];
        }
      }
      if (!resetAfter) multiply(recurrent, saved, candidateKernel, B, H, H);
      for (let b = 0; b < B; b++) {
        const [update, , candidate] = blocks(gates, b, H, 3);
        if (!resetAfter) {
          const hCandidate = block(recurrent, b, H);
          for (let j = 0; j < H; j++) candidate[j] += hCandidate[j];
          activateRange(activation, candidate, 0, H);
        }
        const [hOld, h] = [block(hPrev, b, H), block(hNext, b, H)];
        for (let j = 0; j < H; j++) h[j] = update[j] * hOld[j] + (1 - update[j]) * candidate[j];
      }
    },
    backward(views) {
      const { gates, hPrev, saved, valid, total, direct, recurrentGradient } = views;
      const { preActivations: d, recurrentPreActivations: dr } = views;
      for (let b = 0; b < B; b++) {
        if (!valid[b]) {
          block(d, b, GH).fill(0);
          if (resetAfter) block(dr, b, GH).fill(0);
          continue;
        }
        const [update, reset, candidate] = blocks(gates, b, H, 3);
        const [dUpdate, dReset, dCandidate] = blocks(d, b, H, 3);
        const [dh, hOld, toPrev] = [block(total, b, H), block(hPrev, b, H), block(direct, b, H)];
        for (let j = 0; j < H; j++) {
          dUpdate[j] = dh[j] * (hOld[j] - candidate[j]);
          dCandidate[j] = dh[j] * (1 - update[j]);
          toPrev[j] = dh[j] * update[j];
        }
        scaleByDerivative(gate, dUpdate, 0, update, 0, H);
        scaleByDerivative(activation, dCandidate, 0, candidate, 0, H);
        if (!resetAfter) continue;
        // The candidate's recurrent part r * (h U_h + b'_h) has its own pre-activation gradient.
        const [dRecurrentUpdate, dRecurrentReset, dRecurrentCandidate] = blocks(dr, b, H, 3);
        const resetPart = block(saved, b, H);
        for (let j = 0; j < H; j++) {
          dReset[j] = dCandidate[j] * resetPart[j];
          dRecurrentUpdate[j] = dUpdate[j];
          dRecurrentCandidate[j] = dCandidate[j] * reset[j];
        }
        scaleByDerivative(gate, dReset, 0, reset, 0, H);
        dRecurrentReset.set(dReset);
      }
      if (resetAfter) {
        multiply(recurrentGradient, dr, U, B, H, GH, { transposeB: true });
        return;
      }
      // d(r * hIn) = dCandidate . U_h^T; then dr = d(r * hIn) * hIn, and hIn gets d(r * hIn) * r
      // plus the z and r blocks' dG . U_zr^T.
      for (let b = 0; b < B; b++) candidateGradient.set(blocks(d, b, H, 3)[2], b * H);
      multiply(recurrentGradient, candidateGradient, candidateKernel, B, H, H, {
        transposeB: true,
      });
      for (let b = 0; b < B; b++) {
        if (!valid[b]) continue;
        const [, reset] = blocks(gates, b, H, 3);
        const [, dReset] = blocks(d, b, H, 3);
        const [dResetProduct, hOld] = [block(recurrentGradient, b, H), block(hPrev, b, H)];
        for (let j = 0; j < H; j++) {
          // Not a saved product: forward rounded r * hIn to the workspace type, this path must not.
          const hIn = keep ? hOld[j] * keep[b * H + j] : hOld[j];
          dReset[j] = dResetProduct[j] * hIn;
          dResetProduct[j] *= reset[j];
        }
        scaleByDerivative(gate, dReset, 0, reset, 0, H);
      }
      for (let b = 0; b < B; b++) recurrent.set(block(d, b, GH).subarray(0, 2 * H), b * 2 * H);
      const options = { transposeB: true, accumulate: true };
      multiply(recurrentGradient, recurrent, updateResetKernel, B, H, 2 * H, options);
    },
    recurrentKernelGradient: resetAfter
      ? undefined
      : (hiddenInputs, dG, saved, out) => {
          const [rows, updateReset, candidate] = [
            T * B,
            blankLike(x, H * 2 * H),
            blankLike(x, H * H),
          ];
          const dUpdateReset = copyColumns(dG, rows, GH, 0, 2 * H);
          multiply(updateReset, hiddenInputs, dUpdateReset, H, 2 * H, rows, { transposeA: true });
          const dCandidate = copyColumns(dG, rows, GH, 2 * H, H);
          multiply(candidate, saved, dCandidate, H, H, rows, { transposeA: true });
          writeColumns(out, H, GH, 0, 2 * H, updateReset);
          writeColumns(out, H, GH, 2 * H, H, candidate);
        },
  };
}
