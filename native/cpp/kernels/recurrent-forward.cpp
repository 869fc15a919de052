// Forward through time: one GEMM for the input projection of every step, then per step the
// recurrent GEMM(s) and one element-wise pass. Mirrors recurrent-forward.ts. Batch rows are
// independent through the recurrence, so rows are split across threads, each running the whole
// time loop on its rows (one dispatch per call, no synchronization inside the loop).
#include <algorithm>
#include <cstring>
#include <vector>

#include "kernels/gemm.hpp"
#include "kernels/packed-gemm.hpp"
#include "kernels/recurrent.hpp"
#include "kernels/recurrent-parallel.hpp"
#include "kernels/scratch.hpp"
#include "kernels/thread-pool.hpp"

namespace recur {

namespace {

void addRowVector(float* matrix, std::int64_t rows, std::int64_t columns, const float* vector) {
  for (std::int64_t r = 0; r < rows; ++r) {
    float* __restrict row = matrix + r * columns;
    for (std::int64_t j = 0; j < columns; ++j) row[j] += vector[j];
  }
}

struct ForwardViews {
  float* gates;
  float* states;
  float* cells;
  float* extra;
};

// The recurrent weights as the per-step GEMMs use them, packed once per call: all of U (LSTM,
// SimpleRNN, GRU reset-after), or its z|r block and candidate block (GRU reset-before).
struct RecurrentOperands {
  PackedRhs whole;
  PackedRhs resetGates;
  PackedRhs candidate;
};

// The time loop for batch rows [b0, b1).
void forwardRows(const RecurrentProblem& p, const RecurrentForwardBuffers& out, const ForwardViews& v,
                 const RecurrentOperands& u, std::int64_t b0, std::int64_t b1) {
  const std::int64_t B = p.batch, T = p.steps, H = p.units;
  const std::int64_t G = gateCount(p.cell), GH = G * H, BH = B * H;
  const std::int64_t rows = b1 - b0;
  const bool gru = p.cell == Cell::Gru;
  const float* recurrentBias = gru && p.resetAfter && p.bias ? p.bias + GH : nullptr;
  const ActivationKernels& kernels = activationKernels();
  Scratch& scratch = threadScratch();
  scratch.reset(Scratch::rounded(rows * H) * 2 + Scratch::rounded(rows * GH));
  float* maskedState = scratch.take(rows * H);
  float* lastOutput = scratch.take(rows * H);
  float* recurrent = scratch.take(rows * GH);

  for (std::int64_t s = 0; s < T; ++s) {
    const std::int64_t t = p.goBackwards ? T - 1 - s : s;
    const float* hPrev = v.states + s * BH + b0 * H;
    float* hNext = v.states + (s + 1) * BH + b0 * H;
    const float* hIn = hPrev;
    if (p.recurrentDropoutMask) {
      const float* keep = p.recurrentDropoutMask + b0 * H;
      for (std::int64_t i = 0; i < rows * H; ++i) maskedState[i] = hPrev[i] * keep[i];
      hIn = maskedState;
    }
    float* g = v.gates + (s * B + b0) * GH;
    if (p.cell == Cell::Lstm) {
      gemmPacked(rows, hIn, H, u.whole, true, g, GH);
      const float* cPrev = v.cells + s * BH + b0 * H;
      float* cNext = v.cells + (s + 1) * BH + b0 * H;
      float* cellActivation = v.extra + s * BH + b0 * H;
      for (std::int64_t b = 0; b < rows; ++b) {
        float* __restrict row = g + b * GH;
        kernels.activate(p.recurrentActivation, row, 2 * H);
        kernels.activate(p.activation, row + 2 * H, H);
        kernels.activate(p.recurrentActivation, row + 3 * H, H);
        const float* __restrict cp = cPrev + b * H;
        float* __restrict cn = cNext + b * H;
        for (std::int64_t j = 0; j < H; ++j) cn[j] = row[H + j] * cp[j] + row[j] * row[2 * H + j];
      }
      std::memcpy(cellActivation, cNext, sizeof(float) * rows * H);
      kernels.activate(p.activation, cellActivation, rows * H);
      for (std::int64_t b = 0; b < rows; ++b) {
        const float* __restrict o = g + b * GH + 3 * H;
        const float* __restrict a = cellActivation + b * H;
        float* __restrict h = hNext + b * H;
        for (std::int64_t j = 0; j < H; ++j) h[j] = o[j] * a[j];
      }
    } else if (gru) {
      float* saved = v.extra + s * BH + b0 * H;
      if (p.resetAfter) {
        gemmPacked(rows, hIn, H, u.whole, false, recurrent, GH);
        if (recurrentBias) addRowVector(recurrent, rows, GH, recurrentBias);
        for (std::int64_t b = 0; b < rows; ++b) {
          float* __restrict row = g + b * GH;
          const float* __restrict rec = recurrent + b * GH;
          for (std::int64_t j = 0; j < 2 * H; ++j) row[j] += rec[j];
          kernels.activate(p.recurrentActivation, row, 2 * H);
          float* __restrict keep = saved + b * H;
          for (std::int64_t j = 0; j < H; ++j) {
            keep[j] = rec[2 * H + j];
            row[2 * H + j] += row[H + j] * rec[2 * H + j];
          }
          kernels.activate(p.activation, row + 2 * H, H);
        }
      } else {
        // z, r from the first 2H columns of U; the candidate multiplies (r * h) by the last H.
        gemmPacked(rows, hIn, H, u.resetGates, false, recurrent, 2 * H);
        for (std::int64_t b = 0; b < rows; ++b) {
          float* __restrict row = g + b * GH;
          const float* __restrict rec = recurrent + b * 2 * H;
          for (std::int64_t j = 0; j < 2 * H; ++j) row[j] += rec[j];
          kernels.activate(p.recurrentActivation, row, 2 * H);
          float* __restrict rh = saved + b * H;
          const float* __restrict h = hIn + b * H;
          for (std::int64_t j = 0; j < H; ++j) rh[j] = row[H + j] * h[j];
        }
        // The candidate's recurrent part accumulates straight into its pre-activations.
        gemmPacked(rows, saved, H, u.candidate, true, g + 2 * H, GH);
        for (std::int64_t b = 0; b < rows; ++b) kernels.activate(p.activation, g + b * GH + 2 * H, H);
      }
      for (std::int64_t b = 0; b < rows; ++b) {
        const float* __restrict row = g + b * GH;
        const float* __restrict hp = hPrev + b * H;
        float* __restrict h = hNext + b * H;
        for (std::int64_t j = 0; j < H; ++j) h[j] = row[j] * hp[j] + (1.0f - row[j]) * row[2 * H + j];
      }
    } else {
      gemmPacked(rows, hIn, H, u.whole, true, g, H);
      kernels.activate(p.activation, g, rows * H);
      std::memcpy(hNext, g, sizeof(float) * rows * H);
    }

    // Keras masking: a masked step carries the state and repeats the previous output.
    for (std::int64_t b = 0; b < rows; ++b) {
      const std::int64_t batchRow = b0 + b;
      float* sequenceRow = out.sequence + (batchRow * T + s) * H;
      if (p.mask && p.mask[batchRow * T + t] == 0.0f) {
        std::memcpy(hNext + b * H, hPrev + b * H, sizeof(float) * H);
        if (p.cell == Cell::Lstm) {
          std::memcpy(v.cells + (s + 1) * BH + batchRow * H, v.cells + s * BH + batchRow * H, sizeof(float) * H);
        }
        std::memcpy(sequenceRow, lastOutput + b * H, sizeof(float) * H);
      } else {
        std::memcpy(sequenceRow, hNext + b * H, sizeof(float) * H);
        if (p.mask) std::memcpy(lastOutput + b * H, hNext + b * H, sizeof(float) * H);
      }
    }
  }
}

}  // namespace

void recurrentForward(const RecurrentProblem& p, const RecurrentForwardBuffers& out) {
  const std::int64_t B = p.batch, T = p.steps, D = p.inputSize, H = p.units;
  const std::int64_t G = gateCount(p.cell), GH = G * H, BH = B * H, rows = T * B;
  const RecurrentWorkspaceLayout layout = recurrentWorkspaceLayout(p.cell, B, T, D, H);

  // Inference keeps what training keeps in the caller's workspace in a reused scratch buffer
  // (taken from the calling thread's scratch before the parallel part resets the others).
  static thread_local std::vector<float> inferenceWorkspace;
  float* workspace = out.workspace;
  if (!workspace) {
    if (inferenceWorkspace.size() < static_cast<std::size_t>(layout.size)) inferenceWorkspace.resize(layout.size);
    workspace = inferenceWorkspace.data();
  }
  float* inputs = workspace + layout.inputs;
  const ForwardViews views{workspace + layout.gates, workspace + layout.states, workspace + layout.cells,
                           workspace + layout.extra};

  // Time-major inputs in processing order, then Xg = X . kernel + input bias for all steps at once
  // (one large GEMM, split across threads by sgemmStrided).
  for (std::int64_t s = 0; s < T; ++s) {
    const std::int64_t t = p.goBackwards ? T - 1 - s : s;
    for (std::int64_t b = 0; b < B; ++b) std::memcpy(inputs + (s * B + b) * D, p.x + (b * T + t) * D, sizeof(float) * D);
  }
  sgemmStrided(false, false, rows, GH, D, 1.0f, inputs, D, p.kernel, GH, 0.0f, views.gates, GH);
  if (p.bias) addRowVector(views.gates, rows, GH, p.bias);

  if (p.initialH) std::memcpy(views.states, p.initialH, sizeof(float) * BH);
  else std::fill(views.states, views.states + BH, 0.0f);
  if (p.cell == Cell::Lstm) {
    if (p.initialC) std::memcpy(views.cells, p.initialC, sizeof(float) * BH);
    else std::fill(views.cells, views.cells + BH, 0.0f);
  }

  // Pack once per call, on this thread, before the workers read the panels.
  // A thread_local named inside the worker lambda would be the worker's own (empty) instance:
  // the workers get a reference to this thread's.
  static thread_local RecurrentOperands packedOperands;
  RecurrentOperands& operands = packedOperands;
  const bool pack = B * T >= kMinimumRowsToPack;
  if (p.cell == Cell::Gru && !p.resetAfter) {
    packRhs(p.recurrentKernel, GH, H, 2 * H, false, pack, operands.resetGates);
    packRhs(p.recurrentKernel + 2 * H, GH, H, H, false, pack, operands.candidate);
  } else {
    packRhs(p.recurrentKernel, GH, H, GH, false, pack, operands.whole);
  }

  const int parts = recurrentParts(B, H);
  runParallel(parts, [&](int part) {
    const RowRange range = rowRange(B, parts, part);
    forwardRows(p, out, views, operands, range.begin, range.end);
  });

  std::memcpy(out.finalH, views.states + T * BH, sizeof(float) * BH);
  if (out.finalC) std::memcpy(out.finalC, views.cells + T * BH, sizeof(float) * BH);
}

}  // namespace recur
