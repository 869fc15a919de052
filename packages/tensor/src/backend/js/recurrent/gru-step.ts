import type { RecurrentProblem } from '../../recurrent-kernels.js';
import { biasRows } from '../../recurrent-shapes.js';
import { activateRange, scaleByDerivative } from './activation-ranges.js';
import { multiply } from './matrix-product.js';
import { addRowVector, blankLike, copyColumns, writeColumns } from './recurrent-buffers.js';
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
  // Batch row b's gates are gates[b * 3H ..] with the blocks z, r, hHat at these offsets, its
  // units in the [B, H] states at b * H. Offsets, not subarray views (see lstm-step.ts).
  const gateBlocks = (b: number) => {
    const z = b * GH;
    return { z, r: z + H, candidate: z + 2 * H, unit: b * H };
  };
  return {
    forward({ gates, hPrev, hIn, hNext, saved: resetPart }) {
      // h U for the z and r blocks (and the candidate's with reset-after), row b at b * width.
      const width = resetAfter ? GH : 2 * H;
      multiply(recurrent, hIn, updateResetKernel, B, width, H);
      if (recurrentBias) addRowVector(recurrent, B, GH, recurrentBias, 0);
      for (let b = 0; b < B; b++) {
        const { z, r, candidate, unit } = gateBlocks(b);
        const hz = b * width;
        for (let j = 0; j < 2 * H; j++) gates[z + j] += recurrent[hz + j]; // z and r
        activateRange(gate, gates, z, 2 * H);
        if (resetAfter) {
          const hCandidate = hz + 2 * H;
          for (let j = 0; j < H; j++) {
            resetPart[unit + j] = recurrent[hCandidate + j];
            gates[candidate + j] += gates[r + j] * recurrent[hCandidate + j];
          }
          activateRange(activation, gates, candidate, H);
        } else {
          for (let j = 0; j < H; j++) resetPart[unit + j] = gates[r + j] * hIn[unit + j];
        }
      }
      if (!resetAfter) multiply(recurrent, resetPart, candidateKernel, B, H, H);
      for (let b = 0; b < B; b++) {
        const { z, candidate, unit } = gateBlocks(b);
        if (!resetAfter) {
          for (let j = 0; j < H; j++) gates[candidate + j] += recurrent[unit + j];
          activateRange(activation, gates, candidate, H);
        }
        for (let j = 0; j < H; j++)
          hNext[unit + j] =
            gates[z + j] * hPrev[unit + j] + (1 - gates[z + j]) * gates[candidate + j];
      }
    },
    backward(views) {
      const { gates, hPrev, saved: resetPart, valid, total: dh, direct, recurrentGradient } = views;
      const { preActivations: d, recurrentPreActivations: dr } = views;
      for (let b = 0; b < B; b++) {
        const { z, r, candidate, unit } = gateBlocks(b);
        if (!valid[b]) {
          d.fill(0, z, z + GH);
          if (resetAfter) dr.fill(0, z, z + GH);
          continue;
        }
        for (let j = 0; j < H; j++) {
          d[z + j] = dh[unit + j] * (hPrev[unit + j] - gates[candidate + j]);
          d[candidate + j] = dh[unit + j] * (1 - gates[z + j]);
          direct[unit + j] = dh[unit + j] * gates[z + j];
        }
        scaleByDerivative(gate, d, z, gates, z, H);
        scaleByDerivative(activation, d, candidate, gates, candidate, H);
        if (!resetAfter) continue;
        // The candidate's recurrent part r * (h U_h + b'_h) has its own pre-activation gradient.
        for (let j = 0; j < H; j++) {
          d[r + j] = d[candidate + j] * resetPart[unit + j];
          dr[z + j] = d[z + j];
          dr[candidate + j] = d[candidate + j] * gates[r + j];
        }
        scaleByDerivative(gate, d, r, gates, r, H);
        for (let j = 0; j < H; j++) dr[r + j] = d[r + j];
      }
      if (resetAfter) {
        multiply(recurrentGradient, dr, U, B, H, GH, { transposeB: true });
        return;
      }
      // d(r * hIn) = dCandidate . U_h^T; then dr = d(r * hIn) * hIn, and hIn gets d(r * hIn) * r
      // plus the z and r blocks' dG . U_zr^T.
      for (let b = 0; b < B; b++) {
        const { candidate, unit } = gateBlocks(b);
        for (let j = 0; j < H; j++) candidateGradient[unit + j] = d[candidate + j];
      }
      multiply(recurrentGradient, candidateGradient, candidateKernel, B, H, H, {
        transposeB: true,
      });
      for (let b = 0; b < B; b++) {
        if (!valid[b]) continue;
        const { r, unit } = gateBlocks(b);
        for (let j = 0; j < H; j++) {
          // Not a saved product: forward rounded r * hIn to the workspace type, this path must not.
          const hIn = keep ? hPrev[unit + j] * keep[unit + j] : hPrev[unit + j];
          d[r + j] = recurrentGradient[unit + j] * hIn;
          recurrentGradient[unit + j] *= gates[r + j];
        }
        scaleByDerivative(gate, d, r, gates, r, H);
      }
      // The z and r blocks of dG, contiguous, against U's z and r blocks.
      for (let b = 0; b < B; b++) recurrent.set(d.subarray(b * GH, b * GH + 2 * H), b * 2 * H);
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
