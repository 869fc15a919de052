import {
  gateCount,
  type RecurrentBackwardArguments,
  type RecurrentForwardArguments,
} from '../../recurrent-kernels.js';
import { biasRows } from '../../recurrent-shapes.js';
import { multiply } from './matrix-product.js';
import {
  addRowVector,
  blankLike,
  block,
  timeMajorInputs,
  workspaceSections,
} from './recurrent-buffers.js';
import { createCellStep } from './recurrent-cell-steps.js';
import { recurrentWeightGradients } from './recurrent-weight-gradients.js';

// The TS twin of the fused kernels (the reference the native ones are tested against): this file
// owns everything about time (direction, masking, recurrent dropout, initial and final states,
// the workspace blocks of each step s); the cell's step functions own the gates.

/**
 * Forward through time: one GEMM projects the inputs of all steps, then per step the cell's
 * forward (recurrent GEMM(s) and one element-wise pass) writes gates and states into the workspace.
 */
export function recurrentForward(args: RecurrentForwardArguments): void {
  const { batch: B, steps: T, inputSize: D, units: H, goBackwards, x, bias } = args;
  const { mask, recurrentDropoutMask: keep } = args;
  const [GH, BH, rows] = [gateCount(args.cell) * H, B * H, T * B];
  const { inputs, gates, states, cells, extra } = workspaceSections(args, args.workspace);
  timeMajorInputs(x, B, T, D, goBackwards, inputs);
  multiply(gates, inputs, args.kernel, rows, GH, D);
  // A second bias row (GRU reset-after) belongs to the recurrent product: the step adds it.
  if (bias) addRowVector(gates, rows, GH, bias, 0);

  if (args.initialH) states.set(args.initialH, 0);
  else states.fill(0, 0, BH);
  if (cells.length > 0) {
    if (args.initialC) cells.set(args.initialC, 0);
    else cells.fill(0, 0, BH);
  }
  const step = createCellStep(args);
  const maskedState = keep ? blankLike(x, BH) : null;
  const lastOutput = mask ? blankLike(x, BH) : null;

  for (let s = 0; s < T; s++) {
    const t = goBackwards ? T - 1 - s : s;
    const [hPrev, hNext] = [block(states, s, BH), block(states, s + 1, BH)];
    const [cPrev, cNext] = [block(cells, s, BH), block(cells, s + 1, BH)];
    let hIn = hPrev;
    if (maskedState && keep) {
      for (let i = 0; i < BH; i++) maskedState[i] = hPrev[i] * keep[i];
      hIn = maskedState;
    }
    const saved = block(extra, s, BH);
    step.forward({ gates: block(gates, s, B * GH), hPrev, hIn, hNext, cPrev, cNext, saved });

    // Keras masking: a masked step carries the state and repeats the previous output.
    for (let b = 0; b < B; b++) {
      const row = b * H;
      const out = (b * T + s) * H;
      if (mask && lastOutput && mask[b * T + t] === 0) {
        hNext.set(block(hPrev, b, H), row);
        if (cNext.length > 0) cNext.set(block(cPrev, b, H), row);
        args.sequence?.set(block(lastOutput, b, H), out);
      } else {
        args.sequence?.set(block(hNext, b, H), out);
        if (lastOutput) lastOutput.set(block(hNext, b, H), row);
      }
    }
  }
  args.finalH.set(block(states, T, BH));
  if (args.finalC) args.finalC.set(block(cells, T, BH));
}

/**
 * Backward through time: per step (in reverse) the cell's backward turns dL/dh_t (and dL/dc_t)
 * into the pre-activation gradients dG_t, all kept in one `[T*B, G*H]` buffer, and
 * dh_{t-1} = dG_t . U^T; the weight gradients then are single GEMMs over all steps.
 */
export function recurrentBackward(args: RecurrentBackwardArguments): void {
  const { batch: B, steps: T, units: H, goBackwards, x, mask, recurrentDropoutMask: keep } = args;
  const [GH, BH, rows] = [gateCount(args.cell) * H, B * H, T * B];
  const sections = workspaceSections(args, args.workspace);
  const { gates, states, cells, extra } = sections;
  // With a recurrent bias (GRU reset-after) the recurrent product has pre-activations of its own.
  const dG = blankLike(x, rows * GH);
  const dGr = biasRows(args.cell, args.resetAfter) === 2 ? blankLike(x, rows * GH) : dG;
  const [dh, dc, total, carry] = [
    blankLike(x, BH),
    blankLike(x, BH),
    blankLike(x, BH),
    blankLike(x, BH),
  ];
  const [direct, recurrentGradient] = [blankLike(x, BH), blankLike(x, BH)];
  const valid = new Array<boolean>(B);
  if (args.dFinalH) dh.set(args.dFinalH);
  if (args.dFinalC && cells.length > 0) dc.set(args.dFinalC);
  const step = createCellStep(args);

  for (let s = T - 1; s >= 0; s--) {
    const t = goBackwards ? T - 1 - s : s;
    // The output at step s is h_s when the step is valid, else the previous output: its gradient
    // waits in `carry` until the valid step that produced it.
    if (args.dSequence) {
      for (let b = 0; b < B; b++) {
        const from = (b * T + s) * H;
        for (let j = 0; j < H; j++) carry[b * H + j] += args.dSequence[from + j];
      }
    }
    for (let b = 0; b < B; b++) {
      valid[b] = mask?.[b * T + t] !== 0;
      for (let k = b * H; k < (b + 1) * H; k++) {
        // A masked step passed h_{t-1} through unchanged: so does its gradient.
        total[k] = valid[b] ? dh[k] + carry[k] : 0;
        direct[k] = valid[b] ? 0 : dh[k];
        if (valid[b]) carry[k] = 0;
      }
    }
    step.backward({
      gates: block(gates, s, B * GH),
      hPrev: block(states, s, BH),
      cPrev: block(cells, s, BH),
      saved: block(extra, s, BH),
      valid,
      total,
      dc,
      direct,
      preActivations: block(dG, s, B * GH),
      recurrentPreActivations: block(dGr, s, B * GH),
      recurrentGradient,
    });
    for (let k = 0; k < BH; k++)
      dh[k] = direct[k] + (keep ? recurrentGradient[k] * keep[k] : recurrentGradient[k]);
  }
  if (args.dInitialH) args.dInitialH.set(dh);
  if (args.dInitialC) args.dInitialC.set(dc);
  recurrentWeightGradients(args, sections, dG, dGr, step);
}
