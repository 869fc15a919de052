// Forward through time: one GEMM for the input projection of every step, then per step the
// recurrent GEMM(s) and one element-wise pass. Mirrors recurrent-forward.ts.
#include <algorithm>
#include <cstring>

#include "kernels/gemm.hpp"
#include "kernels/recurrent.hpp"
#include "kernels/scratch.hpp"

namespace recur {

namespace {

void addRowVector(float* matrix, std::int64_t rows, std::int64_t columns, const float* vector) {
  for (std::int64_t r = 0; r < rows; ++r) {
    float* __restrict row = matrix + r * columns;
    for (std::int64_t j = 0; j < columns; ++j) row[j] += vector[j];
  }
}

}  // namespace

void recurrentForward(const RecurrentProblem& p, const RecurrentForwardBuffers& out) {
  const std::int64_t B = p.batch, T = p.steps, D = p.inputSize, H = p.units;
  const std::int64_t G = gateCount(p.cell), GH = G * H, BH = B * H, rows = T * B;
  const bool gru = p.cell == Cell::Gru;
  const RecurrentWorkspaceLayout layout = recurrentWorkspaceLayout(p.cell, B, T, D, H);
  const ActivationKernels& kernels = activationKernels();

  // Inference reuses the thread's scratch for what training keeps in the caller's workspace.
  Scratch& scratch = threadScratch();
  std::size_t scratchSize = Scratch::rounded(BH) * 2 + Scratch::rounded(B * GH);
  if (!out.workspace) scratchSize += Scratch::rounded(static_cast<std::size_t>(layout.size));
  scratch.reset(scratchSize);
  float* workspace = out.workspace ? out.workspace : scratch.take(static_cast<std::size_t>(layout.size));
  float* inputs = workspace + layout.inputs;
  float* gates = workspace + layout.gates;
  float* states = workspace + layout.states;
  float* cells = workspace + layout.cells;
  float* extra = workspace + layout.extra;
  float* maskedState = scratch.take(BH);
  float* lastOutput = scratch.take(BH);
  float* recurrent = scratch.take(B * GH);

  // Time-major inputs in processing order, then Xg = X . kernel + input bias for all steps at once.
  for (std::int64_t s = 0; s < T; ++s) {
    const std::int64_t t = p.goBackwards ? T - 1 - s : s;
    for (std::int64_t b = 0; b < B; ++b) std::memcpy(inputs + (s * B + b) * D, p.x + (b * T + t) * D, sizeof(float) * D);
  }
  sgemmStrided(false, false, rows, GH, D, 1.0f, inputs, D, p.kernel, GH, 0.0f, gates, GH);
  if (p.bias) addRowVector(gates, rows, GH, p.bias);
  const float* recurrentBias = gru && p.resetAfter && p.bias ? p.bias + GH : nullptr;

  if (p.initialH) std::memcpy(states, p.initialH, sizeof(float) * BH);
  else std::fill(states, states + BH, 0.0f);
  if (p.cell == Cell::Lstm) {
    if (p.initialC) std::memcpy(cells, p.initialC, sizeof(float) * BH);
    else std::fill(cells, cells + BH, 0.0f);
  }

  for (std::int64_t s = 0; s < T; ++s) {
    const std::int64_t t = p.goBackwards ? T - 1 - s : s;
    const float* hPrev = states + s * BH;
    float* hNext = states + (s + 1) * BH;
    const float* hIn = hPrev;
    if (p.recurrentDropoutMask) {
      for (std::int64_t i = 0; i < BH; ++i) maskedState[i] = hPrev[i] * p.recurrentDropoutMask[i];
      hIn = maskedState;
    }
    float* g = gates + s * B * GH;
    if (p.cell == Cell::Lstm) {
      sgemmStrided(false, false, B, GH, H, 1.0f, hIn, H, p.recurrentKernel, GH, 1.0f, g, GH);
      const float* cPrev = cells + s * BH;
      float* cNext = cells + (s + 1) * BH;
      float* cellActivation = extra + s * BH;
      for (std::int64_t b = 0; b < B; ++b) {
        float* __restrict row = g + b * GH;
        kernels.activate(p.recurrentActivation, row, 2 * H);
        kernels.activate(p.activation, row + 2 * H, H);
        kernels.activate(p.recurrentActivation, row + 3 * H, H);
        const float* __restrict cp = cPrev + b * H;
        float* __restrict cn = cNext + b * H;
        for (std::int64_t j = 0; j < H; ++j) cn[j] = row[H + j] * cp[j] + row[j] * row[2 * H + j];
      }
      std::memcpy(cellActivation, cNext, sizeof(float) * BH);
      kernels.activate(p.activation, cellActivation, BH);
      for (std::int64_t b = 0; b < B; ++b) {
        const float* __restrict o = g + b * GH + 3 * H;
        const float* __restrict a = cellActivation + b * H;
        float* __restrict h = hNext + b * H;
        for (std::int64_t j = 0; j < H; ++j) h[j] = o[j] * a[j];
      }
    } else if (gru) {
      float* saved = extra + s * BH;
      if (p.resetAfter) {
        sgemmStrided(false, false, B, GH, H, 1.0f, hIn, H, p.recurrentKernel, GH, 0.0f, recurrent, GH);
        if (recurrentBias) addRowVector(recurrent, B, GH, recurrentBias);
        for (std::int64_t b = 0; b < B; ++b) {
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
        sgemmStrided(false, false, B, 2 * H, H, 1.0f, hIn, H, p.recurrentKernel, GH, 0.0f, recurrent, 2 * H);
        for (std::int64_t b = 0; b < B; ++b) {
          float* __restrict row = g + b * GH;
          const float* __restrict rec = recurrent + b * 2 * H;
          for (std::int64_t j = 0; j < 2 * H; ++j) row[j] += rec[j];
          kernels.activate(p.recurrentActivation, row, 2 * H);
          float* __restrict rh = saved + b * H;
          const float* __restrict h = hIn + b * H;
          for (std::int64_t j = 0; j < H; ++j) rh[j] = row[H + j] * h[j];
        }
        // Accumulate the candidate's recurrent part straight into the candidate pre-activations.
        sgemmStrided(false, false, B, H, H, 1.0f, saved, H, p.recurrentKernel + 2 * H, GH, 1.0f, g + 2 * H, GH);
        for (std::int64_t b = 0; b < B; ++b) kernels.activate(p.activation, g + b * GH + 2 * H, H);
      }
      for (std::int64_t b = 0; b < B; ++b) {
        const float* __restrict row = g + b * GH;
        const float* __restrict hp = hPrev + b * H;
        float* __restrict h = hNext + b * H;
        for (std::int64_t j = 0; j < H; ++j) h[j] = row[j] * hp[j] + (1.0f - row[j]) * row[2 * H + j];
      }
    } else {
      sgemmStrided(false, false, B, H, H, 1.0f, hIn, H, p.recurrentKernel, H, 1.0f, g, H);
      kernels.activate(p.activation, g, BH);
      std::memcpy(hNext, g, sizeof(float) * BH);
    }

    // Keras masking: a masked step carries the state and repeats the previous output.
    for (std::int64_t b = 0; b < B; ++b) {
      float* sequenceRow = out.sequence + (b * T + s) * H;
      if (p.mask && p.mask[b * T + t] == 0.0f) {
        std::memcpy(hNext + b * H, hPrev + b * H, sizeof(float) * H);
        if (p.cell == Cell::Lstm) std::memcpy(cells + (s + 1) * BH + b * H, cells + s * BH + b * H, sizeof(float) * H);
        std::memcpy(sequenceRow, lastOutput + b * H, sizeof(float) * H);
      } else {
        std::memcpy(sequenceRow, hNext + b * H, sizeof(float) * H);
        if (p.mask) std::memcpy(lastOutput + b * H, hNext + b * H, sizeof(float) * H);
      }
    }
  }
  std::memcpy(out.finalH, states + T * BH, sizeof(float) * BH);
  if (out.finalC) std::memcpy(out.finalC, cells + T * BH, sizeof(float) * BH);
}

}  // namespace recur
