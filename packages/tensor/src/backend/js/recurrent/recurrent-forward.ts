import {
  gateCount,
  type RecurrentForwardArguments,
  recurrentWorkspaceLayout,
} from '../../recurrent-kernels.js';
import { gemm } from '../gemm.js';
import { activateRange } from './activation-ranges.js';
import { addRowVector, blankLike, copyColumns, timeMajorInputs } from './recurrent-buffers.js';

/**
 * The TS twin of the fused forward kernel (the reference the native kernel is tested against):
 * one GEMM for the input projection of all steps, then per step the recurrent GEMM(s) and one
 * element-wise pass, writing activated gates and states into the workspace for backward.
 */
export function recurrentForward(args: RecurrentForwardArguments): void {
  const { cell, resetAfter, batch: B, steps: T, inputSize: D, units: H, goBackwards } = args;
  const { x, kernel, recurrentKernel: U, bias, mask, recurrentDropoutMask: keep } = args;
  const G = gateCount(cell);
  const GH = G * H;
  const rows = T * B;
  const layout = recurrentWorkspaceLayout(cell, B, T, D, H);
  const workspace = args.workspace ?? blankLike(x, layout.size);
  const inputs = workspace.subarray(layout.inputs, layout.gates);
  const gates = workspace.subarray(layout.gates, layout.states);
  const states = workspace.subarray(layout.states, layout.cells);
  const cells = workspace.subarray(layout.cells, layout.extra);
  const extra = workspace.subarray(layout.extra, layout.size);

  timeMajorInputs(x, B, T, D, goBackwards, inputs);
  gemm({
    transposeA: false,
    transposeB: false,
    m: rows,
    n: GH,
    k: D,
    alpha: 1,
    a: inputs,
    b: kernel,
    beta: 0,
    c: gates,
  });
  // GRU reset-after keeps two biases [2, 3H]: the input one joins the projection, the recurrent one
  // joins the per-step recurrent product.
  if (bias) addRowVector(gates, rows, GH, bias, 0);
  const recurrentBias = cell === 'gru' && resetAfter && bias ? bias.subarray(GH, 2 * GH) : null;

  const BH = B * H;
  if (args.initialH) states.set(args.initialH, 0);
  else states.fill(0, 0, BH);
  if (cell === 'lstm') {
    if (args.initialC) cells.set(args.initialC, 0);
    else cells.fill(0, 0, BH);
  }

  const maskedState = keep ? blankLike(x, BH) : null;
  const recurrent = cell === 'gru' ? blankLike(x, B * GH) : null;
  const candidate = cell === 'gru' && !resetAfter ? blankLike(x, BH) : null;
  const lastOutput = mask ? blankLike(x, BH) : null;
  // GRU reset-before multiplies r * h by the candidate block only: keep the blocks contiguous.
  const resetBlocks =
    cell === 'gru' && !resetAfter
      ? { zr: copyColumns(U, H, GH, 0, 2 * H), candidate: copyColumns(U, H, GH, 2 * H, H) }
      : null;
  const { activation: act, recurrentActivation: ra } = args;

  for (let s = 0; s < T; s++) {
    const t = goBackwards ? T - 1 - s : s;
    const hPrev = states.subarray(s * BH, (s + 1) * BH);
    const hNext = states.subarray((s + 1) * BH, (s + 2) * BH);
    let hIn = hPrev;
    if (maskedState && keep) {
      for (let i = 0; i < BH; i++) maskedState[i] = hPrev[i] * keep[i];
      hIn = maskedState;
    }
    const g = gates.subarray(s * B * GH, (s + 1) * B * GH);
    if (cell === 'lstm') {
      gemm({
        transposeA: false,
        transposeB: false,
        m: B,
        n: GH,
        k: H,
        alpha: 1,
        a: hIn,
        b: U,
        beta: 1,
        c: g,
      });
      const cPrev = cells.subarray(s * BH, (s + 1) * BH);
      const cNext = cells.subarray((s + 1) * BH, (s + 2) * BH);
      const cellActivation = extra.subarray(s * BH, (s + 1) * BH);
      for (let b = 0; b < B; b++) {
        const o = b * GH;
        activateRange(ra, g, o, 2 * H);
        activateRange(act, g, o + 2 * H, H);
        activateRange(ra, g, o + 3 * H, H);
        for (let j = 0; j < H; j++)
          cNext[b * H + j] = g[o + H + j] * cPrev[b * H + j] + g[o + j] * g[o + 2 * H + j];
      }
      cellActivation.set(cNext);
      activateRange(act, cellActivation, 0, BH);
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < H; j++)
          hNext[b * H + j] = g[b * GH + 3 * H + j] * cellActivation[b * H + j];
      }
    } else if (cell === 'gru' && recurrent) {
      const saved = extra.subarray(s * BH, (s + 1) * BH);
      if (resetAfter) {
        gemm({
          transposeA: false,
          transposeB: false,
          m: B,
          n: GH,
          k: H,
          alpha: 1,
          a: hIn,
          b: U,
          beta: 0,
          c: recurrent,
        });
        if (recurrentBias) addRowVector(recurrent, B, GH, recurrentBias, 0);
        for (let b = 0; b < B; b++) {
          const o = b * GH;
          for (let j = 0; j < 2 * H; j++) g[o + j] += recurrent[o + j];
          activateRange(ra, g, o, 2 * H);
          for (let j = 0; j < H; j++) {
            const hr = recurrent[o + 2 * H + j];
            saved[b * H + j] = hr;
            g[o + 2 * H + j] += g[o + H + j] * hr;
          }
          activateRange(act, g, o + 2 * H, H);
        }
      } else if (resetBlocks && candidate) {
        gemm({
          transposeA: false,
          transposeB: false,
          m: B,
          n: 2 * H,
          k: H,
          alpha: 1,
          a: hIn,
          b: resetBlocks.zr,
          beta: 0,
          c: recurrent,
        });
        for (let b = 0; b < B; b++) {
          const o = b * GH;
          for (let j = 0; j < 2 * H; j++) g[o + j] += recurrent[b * 2 * H + j];
          activateRange(ra, g, o, 2 * H);
          for (let j = 0; j < H; j++) saved[b * H + j] = g[o + H + j] * hIn[b * H + j];
        }
        gemm({
          transposeA: false,
          transposeB: false,
          m: B,
          n: H,
          k: H,
          alpha: 1,
          a: saved,
          b: resetBlocks.candidate,
          beta: 0,
          c: candidate,
        });
        for (let b = 0; b < B; b++) {
          const o = b * GH;
          for (let j = 0; j < H; j++) g[o + 2 * H + j] += candidate[b * H + j];
          activateRange(act, g, o + 2 * H, H);
        }
      }
      for (let b = 0; b < B; b++) {
        const o = b * GH;
        for (let j = 0; j < H; j++) {
          const z = g[o + j];
          hNext[b * H + j] = z * hPrev[b * H + j] + (1 - z) * g[o + 2 * H + j];
        }
      }
    } else {
      gemm({
        transposeA: false,
        transposeB: false,
        m: B,
        n: H,
        k: H,
        alpha: 1,
        a: hIn,
        b: U,
        beta: 1,
        c: g,
      });
      activateRange(act, g, 0, BH);
      hNext.set(g);
    }

    // Keras masking: a masked step carries the state and repeats the previous output.
    for (let b = 0; b < B; b++) {
      const row = b * H;
      const out = (b * T + s) * H;
      if (mask && lastOutput && mask[b * T + t] === 0) {
        hNext.set(hPrev.subarray(row, row + H), row);
        if (cell === 'lstm') cells.copyWithin((s + 1) * BH + row, s * BH + row, s * BH + row + H);
        args.sequence.set(lastOutput.subarray(row, row + H), out);
      } else {
        args.sequence.set(hNext.subarray(row, row + H), out);
        if (lastOutput) lastOutput.set(hNext.subarray(row, row + H), row);
      }
    }
  }
  args.finalH.set(states.subarray(T * BH, (T + 1) * BH));
  if (args.finalC) args.finalC.set(cells.subarray(T * BH, (T + 1) * BH));
}
