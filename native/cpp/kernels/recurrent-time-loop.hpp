// The one time loop of the fused kernels, for every cell: processing order (goBackwards), Keras
// masking, recurrent dropout, each step's workspace views, initial and final states and the split
// of batch rows across threads. Batch rows are independent through the recurrence, so each thread
// runs the whole loop on its rows (one dispatch per call, no synchronization inside the loop). A
// cell contributes its step (recurrent-cell-step.hpp) as the type parameter. Mirrors recurrent-time-loop.ts.
#pragma once
#include <algorithm>
#include <cstring>

#include "kernels/recurrent-parallel.hpp"
#include "kernels/recurrent-cell-step.hpp"
#include "kernels/scratch.hpp"

namespace recur {

// Forward over all steps. Training (`inputKernel` null): the input projection of every step is
// already in v.gates, and every step's gates, states, cells and saved values stay in the workspace
// for backward. Inference (`inputKernel` the packed kernel W): each thread projects its rows of a
// step just before the step (x_t W + b into one step of gates, in L1/L2) and keeps two states
// and one step of the rest; the whole-sequence projection was a [T*B, G*H] array written,
// zeroed and re-read in memory (205 MB per imdb batch, a quarter of its inference time).
template <typename Step>
void forwardTimeLoop(const RecurrentProblem& p, const RecurrentForwardBuffers& out, const WorkspaceViews<float>& v,
                     PackedRecurrentKernel& weights, const PackedRhs* inputKernel) {
  const std::int64_t B = p.batch, T = p.steps, D = p.inputSize, H = p.units, GH = Step::kGates * H, BH = B * H;
  const bool perStep = inputKernel != nullptr;
  if (!perStep) {
    if (p.initialH) std::memcpy(v.states, p.initialH, sizeof(float) * BH);
    else std::fill(v.states, v.states + BH, 0.0f);
    if constexpr (Step::kCellState) {
      if (p.initialC) std::memcpy(v.cells, p.initialC, sizeof(float) * BH);
      else std::fill(v.cells, v.cells + BH, 0.0f);
    }
  }
  // Packed once, on this thread, before the workers read the panels.
  Step::pack(p, false, B * T >= kMinimumRowsToPack, weights);

  const int parts = recurrentParts(B);
  runParallel(parts, [&](int part) {
    const RowRange range = rowRange(B, parts, part);
    const std::int64_t b0 = range.begin, rows = range.end - range.begin;
    const ActivationKernels& kernels = activationKernels();
    Scratch& scratch = threadScratch();
    const std::size_t state = Scratch::rounded(rows * H);
    scratch.reset(state * 2 + Scratch::rounded(rows * GH) + (perStep ? Scratch::rounded(rows * GH) + state * 5 : 0));
    float* maskedState = scratch.take(rows * H);
    float* lastOutput = scratch.take(rows * H);
    float* product = scratch.take(rows * GH);
    // Inference only: one step of gates and saved values, and h and c of two steps (s & 1).
    float* stepGates = perStep ? scratch.take(rows * GH) : nullptr;
    float* stepSaved = perStep ? scratch.take(rows * H) : nullptr;
    float* hRing[2] = {perStep ? scratch.take(rows * H) : nullptr, perStep ? scratch.take(rows * H) : nullptr};
    float* cRing[2] = {perStep ? scratch.take(rows * H) : nullptr, perStep ? scratch.take(rows * H) : nullptr};
    if (perStep && p.initialH) std::memcpy(hRing[0], p.initialH + b0 * H, sizeof(float) * rows * H);
    if (perStep && Step::kCellState && p.initialC) std::memcpy(cRing[0], p.initialC + b0 * H, sizeof(float) * rows * H);
    for (std::int64_t s = 0; s < T; ++s) {
      const std::int64_t t = p.goBackwards ? T - 1 - s : s;
      const float* hPrev = perStep ? hRing[s & 1] : v.states + s * BH + b0 * H;
      float* hNext = perStep ? hRing[(s + 1) & 1] : v.states + (s + 1) * BH + b0 * H;
      const float* hIn = hPrev;
      if (p.recurrentDropoutMask) {
        const float* keep = p.recurrentDropoutMask + b0 * H;
        #pragma GCC ivdep
        for (std::int64_t i = 0; i < rows * H; ++i) maskedState[i] = hPrev[i] * keep[i];
        hIn = maskedState;
      }
      float* cPrev = !Step::kCellState ? nullptr : perStep ? cRing[s & 1] : v.cells + s * BH + b0 * H;
      float* cNext = !Step::kCellState ? nullptr : perStep ? cRing[(s + 1) & 1] : v.cells + (s + 1) * BH + b0 * H;
      float* gates = perStep ? stepGates : v.gates + (s * B + b0) * GH;
      if (perStep) {
        // b + x_t W for this thread's rows, read from the batch-major x in place (row stride T*D).
        for (std::int64_t b = 0; b < rows; ++b) {
          if (p.bias) std::memcpy(gates + b * GH, p.bias, sizeof(float) * GH);
          else std::fill(gates + b * GH, gates + (b + 1) * GH, 0.0f);
        }
        gemmPacked(rows, p.x + (b0 * T + t) * D, T * D, *inputKernel, true, gates, GH);
      }
      const ForwardStepViews step{rows, H, gates, hPrev, hIn, hNext, cPrev, cNext,
                                  perStep ? stepSaved : v.extra + s * BH + b0 * H, product};
      Step::forward(p, kernels, weights, step);
      // Keras masking: a masked step carries the state and repeats the previous output (no
      // output sequence: only the states).
      for (std::int64_t b = 0; b < rows; ++b) {
        const std::int64_t batchRow = b0 + b;
        float* sequenceRow = out.sequence ? out.sequence + (batchRow * T + s) * H : nullptr;
        if (p.mask && p.mask[batchRow * T + t] == 0.0f) {
          std::memcpy(hNext + b * H, hPrev + b * H, sizeof(float) * H);
          if constexpr (Step::kCellState) std::memcpy(cNext + b * H, cPrev + b * H, sizeof(float) * H);
          if (sequenceRow) std::memcpy(sequenceRow, lastOutput + b * H, sizeof(float) * H);
        } else if (sequenceRow) {
          std::memcpy(sequenceRow, hNext + b * H, sizeof(float) * H);
          if (p.mask) std::memcpy(lastOutput + b * H, hNext + b * H, sizeof(float) * H);
        }
      }
    }
    if (perStep) {
      std::memcpy(out.finalH + b0 * H, hRing[T & 1], sizeof(float) * rows * H);
      if (out.finalC) std::memcpy(out.finalC + b0 * H, cRing[T & 1], sizeof(float) * rows * H);
    }
  });
  if (!perStep) {
    std::memcpy(out.finalH, v.states + T * BH, sizeof(float) * BH);
    if (out.finalC) std::memcpy(out.finalC, v.cells + T * BH, sizeof(float) * BH);
  }
}

// Backward over all steps, in reverse: fills dG (and dGr) for the weight GEMMs after the loop and
// the initial-state gradients.
template <typename Step>
void backwardTimeLoop(const RecurrentProblem& p, const RecurrentBackwardBuffers& io,
                      const WorkspaceViews<const float>& v, float* dG, float* dGr, PackedRecurrentKernel& weights) {
  const std::int64_t B = p.batch, T = p.steps, H = p.units, GH = Step::kGates * H, BH = B * H;
  Step::pack(p, true, B * T >= kMinimumRowsToPack, weights);

  const int parts = recurrentParts(B);
  runParallel(parts, [&](int part) {
    const RowRange range = rowRange(B, parts, part);
    const std::int64_t b0 = range.begin, rows = range.end - range.begin;
    const ActivationKernels& kernels = activationKernels();
    const float* keep = p.recurrentDropoutMask ? p.recurrentDropoutMask + b0 * H : nullptr;
    Scratch& scratch = threadScratch();
    scratch.reset(Scratch::rounded(rows * H) * 7 + Scratch::rounded(rows * 2 * H));
    float* dh = scratch.take(rows * H);
    float* dc = scratch.take(rows * H);
    float* total = scratch.take(rows * H);
    float* carry = scratch.take(rows * H);
    float* direct = scratch.take(rows * H);
    float* recurrentGradient = scratch.take(rows * H);
    float* valid = scratch.take(rows);
    float* stepScratch = scratch.take(rows * 2 * H);
    if (io.dFinalH) std::memcpy(dh, io.dFinalH + b0 * H, sizeof(float) * rows * H);
    if (Step::kCellState && io.dFinalC) std::memcpy(dc, io.dFinalC + b0 * H, sizeof(float) * rows * H);

    for (std::int64_t s = T - 1; s >= 0; --s) {
      const std::int64_t t = p.goBackwards ? T - 1 - s : s;
      float* d = dG + (s * B + b0) * GH;
      float* dr = dGr + (s * B + b0) * GH;
      // The output at step s is h_s on a valid step, else the previous output: its gradient waits
      // in `carry` until the valid step that produced it.
      if (io.dSequence) {
        for (std::int64_t b = 0; b < rows; ++b) {
          const float* __restrict from = io.dSequence + ((b0 + b) * T + s) * H;
          float* __restrict c = carry + b * H;
          #pragma GCC ivdep
          for (std::int64_t j = 0; j < H; ++j) c[j] += from[j];
        }
      }
      for (std::int64_t b = 0; b < rows; ++b) {
        valid[b] = !p.mask || p.mask[(b0 + b) * T + t] != 0.0f ? 1.0f : 0.0f;
        float* __restrict tot = total + b * H;
        float* __restrict car = carry + b * H;
        float* __restrict dir = direct + b * H;
        const float* __restrict dhb = dh + b * H;
        if (valid[b] != 0.0f) {
          #pragma GCC ivdep
          for (std::int64_t j = 0; j < H; ++j) {
            tot[j] = dhb[j] + car[j];
            car[j] = 0.0f;
            dir[j] = 0.0f;
          }
        } else {
          // A masked step passes h and c through unchanged and produces no gate gradients.
          std::fill(tot, tot + H, 0.0f);
          std::memcpy(dir, dhb, sizeof(float) * H);
          std::fill(d + b * GH, d + (b + 1) * GH, 0.0f);
          if constexpr (Step::kSeparateRecurrentGradient) std::fill(dr + b * GH, dr + (b + 1) * GH, 0.0f);
        }
      }
      // Field order of BackwardStepViews: gates, hPrev, cPrev, saved; valid, total, dc, direct; outputs.
      const BackwardStepViews step{rows, H, v.gates + (s * B + b0) * GH, v.states + s * BH + b0 * H,
                                   Step::kCellState ? v.cells + s * BH + b0 * H : nullptr, v.extra + s * BH + b0 * H,
                                   valid, total, dc, direct, d, dr, recurrentGradient, keep, stepScratch};
      Step::backward(p, kernels, weights, step);
      // dL/dh_{t-1}: the recurrent GEMMs read h_{t-1} times the dropout mask.
      #pragma GCC ivdep
      for (std::int64_t k = 0; k < rows * H; ++k) {
        dh[k] = direct[k] + (keep ? recurrentGradient[k] * keep[k] : recurrentGradient[k]);
      }
    }
    if (io.dInitialH) std::memcpy(io.dInitialH + b0 * H, dh, sizeof(float) * rows * H);
    if (io.dInitialC) std::memcpy(io.dInitialC + b0 * H, dc, sizeof(float) * rows * H);
  });
}

}  // namespace recur
