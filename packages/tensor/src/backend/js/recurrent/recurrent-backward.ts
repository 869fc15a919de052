import {
  gateCount,
  type RecurrentBackwardArguments,
  recurrentWorkspaceLayout,
} from '../../recurrent-kernels.js';
import { gemm } from '../gemm.js';
import { scaleByDerivative } from './activation-ranges.js';
import { blankLike, columnSums, copyColumns, writeColumns } from './recurrent-buffers.js';

/**
 * The TS twin of the fused backward kernel. Per step (in reverse) one element-wise pass turns the
 * state gradients into pre-activation gradients dG_t (all saved in one [T*B, G*H] buffer) and
 * `dh_{t-1} = dG_t . U^T`; after the loop the weight gradients are single GEMMs over all steps:
 * `dKernel = X^T dG`, `dRecurrent = Hprev^T dG`, `dBias = colsum(dG)`, `dX = dG . kernel^T`.
 */
export function recurrentBackward(args: RecurrentBackwardArguments): void {
  const { cell, resetAfter, batch: B, steps: T, inputSize: D, units: H, goBackwards } = args;
  const { x, kernel, recurrentKernel: U, mask, recurrentDropoutMask: keep, workspace } = args;
  const { activation: act, recurrentActivation: ra } = args;
  const G = gateCount(cell);
  const GH = G * H;
  const BH = B * H;
  const rows = T * B;
  const layout = recurrentWorkspaceLayout(cell, B, T, D, H);
  const inputs = workspace.subarray(layout.inputs, layout.gates);
  const gates = workspace.subarray(layout.gates, layout.states);
  const states = workspace.subarray(layout.states, layout.cells);
  const cells = workspace.subarray(layout.cells, layout.extra);
  const extra = workspace.subarray(layout.extra, layout.size);

  // dG: gradients of the pre-activations fed by the input projection. For LSTM and SimpleRNN the
  // recurrent product feeds the same pre-activations; GRU reset-after needs its own (the candidate's
  // recurrent part is scaled by r), held in dGr.
  const dG = blankLike(x, rows * GH);
  const dGr = cell === 'gru' && resetAfter ? blankLike(x, rows * GH) : dG;
  const dh = blankLike(x, BH);
  const dc = blankLike(x, BH);
  const total = blankLike(x, BH);
  const carry = blankLike(x, BH);
  const direct = blankLike(x, BH);
  const recurrentGradient = blankLike(x, BH);
  if (args.dFinalH) dh.set(args.dFinalH);
  if (args.dFinalC && cell === 'lstm') dc.set(args.dFinalC);
  const resetBlocks =
    cell === 'gru' && !resetAfter
      ? { zr: copyColumns(U, H, GH, 0, 2 * H), candidate: copyColumns(U, H, GH, 2 * H, H) }
      : null;
  const resetProduct = resetBlocks ? blankLike(x, BH) : null;
  const zrGradient = resetBlocks ? blankLike(x, B * 2 * H) : null;

  for (let s = T - 1; s >= 0; s--) {
    const t = goBackwards ? T - 1 - s : s;
    const g = gates.subarray(s * B * GH, (s + 1) * B * GH);
    const d = dG.subarray(s * B * GH, (s + 1) * B * GH);
    const dr = dGr.subarray(s * B * GH, (s + 1) * B * GH);
    const hPrev = states.subarray(s * BH, (s + 1) * BH);
    // The output at step s is h_s when the step is valid, else the previous output: its gradient
    // waits in `carry` until the valid step that produced it.
    if (args.dSequence) {
      for (let b = 0; b < B; b++) {
        const from = (b * T + s) * H;
        for (let j = 0; j < H; j++) carry[b * H + j] += args.dSequence[from + j];
      }
    }
    const valid = new Array<boolean>(B);
    for (let b = 0; b < B; b++) {
      valid[b] = mask?.[b * T + t] !== 0;
      for (let j = 0; j < H; j++) {
        const k = b * H + j;
        if (valid[b]) {
          total[k] = dh[k] + carry[k];
          carry[k] = 0;
          direct[k] = 0;
        } else {
          total[k] = 0;
          direct[k] = dh[k];
        }
      }
    }

    if (cell === 'lstm') {
      // h = o * act(c), c = f * c_prev + i * g:
      //   dc_total = dc_next + dh * o * act'(c);  d(i, f, g, o) = (dc_total * g, dc_total * c_prev,
      //   dc_total * i, dh * act(c)); dc_prev = dc_total * f; then each scaled by its activation's
      //   derivative (from the saved activated values).
      const cPrev = cells.subarray(s * BH, (s + 1) * BH);
      const cellActivation = extra.subarray(s * BH, (s + 1) * BH);
      for (let b = 0; b < B; b++) {
        const o = b * GH;
        if (!valid[b]) {
          d.fill(0, o, o + GH);
          continue;
        }
        const row = b * H;
        for (let j = 0; j < H; j++) recurrentGradient[row + j] = total[row + j] * g[o + 3 * H + j];
        scaleByDerivative(act, recurrentGradient, row, cellActivation, row, H);
        for (let j = 0; j < H; j++) {
          const k = row + j;
          const dcTotal = dc[k] + recurrentGradient[k];
          d[o + j] = dcTotal * g[o + 2 * H + j];
          d[o + H + j] = dcTotal * cPrev[k];
          d[o + 2 * H + j] = dcTotal * g[o + j];
          d[o + 3 * H + j] = total[k] * cellActivation[k];
          dc[k] = dcTotal * g[o + H + j];
        }
        scaleByDerivative(ra, d, o, g, o, 2 * H);
        scaleByDerivative(act, d, o + 2 * H, g, o + 2 * H, H);
        scaleByDerivative(ra, d, o + 3 * H, g, o + 3 * H, H);
      }
    } else if (cell === 'gru') {
      const saved = extra.subarray(s * BH, (s + 1) * BH);
      for (let b = 0; b < B; b++) {
        const o = b * GH;
        if (!valid[b]) {
          d.fill(0, o, o + GH);
          if (resetAfter) dr.fill(0, o, o + GH);
          continue;
        }
        for (let j = 0; j < H; j++) {
          const k = b * H + j;
          const z = g[o + j];
          const candidate = g[o + 2 * H + j];
          d[o + j] = total[k] * (hPrev[k] - candidate);
          d[o + 2 * H + j] = total[k] * (1 - z);
          direct[k] = total[k] * z;
        }
        scaleByDerivative(ra, d, o, g, o, H);
        scaleByDerivative(act, d, o + 2 * H, g, o + 2 * H, H);
        if (resetAfter) {
          for (let j = 0; j < H; j++) {
            const dA = d[o + 2 * H + j];
            d[o + H + j] = dA * saved[b * H + j];
            dr[o + j] = d[o + j];
            dr[o + 2 * H + j] = dA * g[o + H + j];
          }
          scaleByDerivative(ra, d, o + H, g, o + H, H);
          for (let j = 0; j < H; j++) dr[o + H + j] = d[o + H + j];
        }
      }
      if (!resetAfter && resetBlocks && resetProduct && zrGradient) {
        // d(r * h) = dA . U_h^T, then dr = d(r*h) * h_in and the h_in path gets d(r*h) * r.
        const candidateGradient = copyColumns(d, B, GH, 2 * H, H);
        gemm({
          transposeA: false,
          transposeB: true,
          m: B,
          n: H,
          k: H,
          alpha: 1,
          a: candidateGradient,
          b: resetBlocks.candidate,
          beta: 0,
          c: resetProduct,
        });
        for (let b = 0; b < B; b++) {
          const o = b * GH;
          if (!valid[b]) continue;
          for (let j = 0; j < H; j++) {
            const k = b * H + j;
            const hIn = keep ? hPrev[k] * keep[k] : hPrev[k];
            d[o + H + j] = resetProduct[k] * hIn;
            resetProduct[k] *= g[o + H + j];
          }
          scaleByDerivative(ra, d, o + H, g, o + H, H);
        }
        for (let b = 0; b < B; b++) zrGradient.set(d.subarray(b * GH, b * GH + 2 * H), b * 2 * H);
        gemm({
          transposeA: false,
          transposeB: true,
          m: B,
          n: H,
          k: 2 * H,
          alpha: 1,
          a: zrGradient,
          b: resetBlocks.zr,
          beta: 1,
          c: resetProduct,
        });
        recurrentGradient.set(resetProduct);
      }
    } else {
      for (let b = 0; b < B; b++) {
        const o = b * H;
        if (!valid[b]) {
          d.fill(0, o, o + H);
          continue;
        }
        for (let j = 0; j < H; j++) d[o + j] = total[o + j];
        scaleByDerivative(act, d, o, g, o, H);
      }
    }

    if (!(cell === 'gru' && !resetAfter)) {
      gemm({
        transposeA: false,
        transposeB: true,
        m: B,
        n: H,
        k: GH,
        alpha: 1,
        a: dr,
        b: U,
        beta: 0,
        c: recurrentGradient,
      });
    }
    for (let k = 0; k < BH; k++)
      dh[k] = direct[k] + (keep ? recurrentGradient[k] * keep[k] : recurrentGradient[k]);
  }

  if (args.dInitialH) args.dInitialH.set(dh);
  if (args.dInitialC) args.dInitialC.set(dc);
  if (args.dKernel)
    gemm({
      transposeA: true,
      transposeB: false,
      m: D,
      n: GH,
      k: rows,
      alpha: 1,
      a: inputs,
      b: dG,
      beta: 0,
      c: args.dKernel,
    });
  if (args.dBias) {
    columnSums(dG, rows, GH, args.dBias, 0);
    if (cell === 'gru' && resetAfter) columnSums(dGr, rows, GH, args.dBias, GH);
  }
  if (args.dRecurrentKernel) {
    let hiddenInputs = states.subarray(0, rows * H);
    if (keep) {
      hiddenInputs = blankLike(x, rows * H);
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < H; j++)
          hiddenInputs[r * H + j] = states[r * H + j] * keep[(r % B) * H + j];
    }
    if (cell === 'gru' && !resetAfter) {
      const zr = blankLike(x, H * 2 * H);
      const candidate = blankLike(x, H * H);
      gemm({
        transposeA: true,
        transposeB: false,
        m: H,
        n: 2 * H,
        k: rows,
        alpha: 1,
        a: hiddenInputs,
        b: copyColumns(dG, rows, GH, 0, 2 * H),
        beta: 0,
        c: zr,
      });
      gemm({
        transposeA: true,
        transposeB: false,
        m: H,
        n: H,
        k: rows,
        alpha: 1,
        a: extra,
        b: copyColumns(dG, rows, GH, 2 * H, H),
        beta: 0,
        c: candidate,
      });
      writeColumns(args.dRecurrentKernel, H, GH, 0, 2 * H, zr);
      writeColumns(args.dRecurrentKernel, H, GH, 2 * H, H, candidate);
    } else {
      gemm({
        transposeA: true,
        transposeB: false,
        m: H,
        n: GH,
        k: rows,
        alpha: 1,
        a: hiddenInputs,
        b: dGr,
        beta: 0,
        c: args.dRecurrentKernel,
      });
    }
  }
  if (args.dx) {
    const dInputs = blankLike(x, rows * D);
    gemm({
      transposeA: false,
      transposeB: true,
      m: rows,
      n: D,
      k: GH,
      alpha: 1,
      a: dG,
      b: kernel,
      beta: 0,
      c: dInputs,
    });
    for (let s = 0; s < T; s++) {
      const t = goBackwards ? T - 1 - s : s;
      for (let b = 0; b < B; b++)
        args.dx.set(dInputs.subarray((s * B + b) * D, (s * B + b + 1) * D), (b * T + t) * D);
    }
  }
}
