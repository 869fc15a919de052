// Backward through time: the time loop (recurrent-time-loop.hpp) in reverse writes the
// pre-activation gradients dG of every step into one [T*B, G*H] buffer, then the weight gradients
// are single GEMMs over all steps. Mirrors recurrent-backward.ts.
#include <algorithm>
#include <cstring>
#include <vector>

#include "kernels/gemm.hpp"
#include "kernels/gru-step.hpp"
#include "kernels/lstm-step.hpp"
#include "kernels/recurrent-time-loop.hpp"
#include "kernels/simple-rnn-step.hpp"

namespace recur {

namespace {

void columnSums(const float* matrix, std::int64_t rows, std::int64_t columns, std::int64_t ld, float* out) {
  std::fill(out, out + columns, 0.0f);
  for (std::int64_t r = 0; r < rows; ++r) {
    const float* __restrict row = matrix + r * ld;
    for (std::int64_t j = 0; j < columns; ++j) out[j] += row[j];
  }
}

}  // namespace

void recurrentBackward(const RecurrentProblem& p, const RecurrentBackwardBuffers& io) {
  const std::int64_t B = p.batch, T = p.steps, D = p.inputSize, H = p.units;
  const std::int64_t GH = gateCount(p.cell) * H, rows = T * B;
  const bool resetBefore = p.cell == Cell::Gru && !p.resetAfter;
  const bool separateRecurrentGradient = p.cell == Cell::Gru && p.resetAfter;
  const RecurrentWorkspaceLayout layout = recurrentWorkspaceLayout(p.cell, B, T, D, H);
  const float* inputs = io.workspace + layout.inputs;
  const WorkspaceViews<const float> views{io.workspace + layout.gates, io.workspace + layout.states,
                                          io.workspace + layout.cells, io.workspace + layout.extra};

  // Buffers shared by every thread (each writes its own rows) and by the weight GEMMs after the
  // loop; reused across calls.
  static thread_local std::vector<float> shared;
  const std::size_t gradientSize = static_cast<std::size_t>(rows * GH);
  const std::size_t sharedSize = gradientSize * (separateRecurrentGradient ? 2 : 1) +
                                 (p.recurrentDropoutMask && io.dRecurrentKernel ? static_cast<std::size_t>(rows * H) : 0) +
                                 (io.dx ? static_cast<std::size_t>(rows * D) : 0);
  if (shared.size() < sharedSize) shared.resize(sharedSize);
  float* dG = shared.data();
  float* dGr = separateRecurrentGradient ? dG + gradientSize : dG;
  float* spare = dG + gradientSize * (separateRecurrentGradient ? 2 : 1);

  // U^T packed once per call on this thread; the workers get a reference to this thread's panels.
  static thread_local PackedRecurrentKernel packedKernel;
  switch (p.cell) {
    case Cell::Lstm:
      backwardTimeLoop<LstmStep>(p, io, views, dG, dGr, packedKernel);
      break;
    case Cell::Gru:
      if (p.resetAfter) backwardTimeLoop<GruStep<true>>(p, io, views, dG, dGr, packedKernel);
      else backwardTimeLoop<GruStep<false>>(p, io, views, dG, dGr, packedKernel);
      break;
    case Cell::SimpleRnn:
      backwardTimeLoop<SimpleRnnStep>(p, io, views, dG, dGr, packedKernel);
      break;
  }

  // Weight gradients: one large GEMM each, over all steps (split across threads by sgemmStrided).
  if (io.dKernel) sgemmStrided(true, false, D, GH, rows, 1.0f, inputs, D, dG, GH, 0.0f, io.dKernel, GH);
  if (io.dBias) {
    columnSums(dG, rows, GH, GH, io.dBias);
    if (separateRecurrentGradient) columnSums(dGr, rows, GH, GH, io.dBias + GH);
  }
  if (io.dRecurrentKernel) {
    // h_in of every step: the states [0, T) of the workspace, recurrent-dropout-masked.
    const float* hiddenInputs = views.states;
    if (p.recurrentDropoutMask) {
      float* masked = spare;
      spare += rows * H;
      for (std::int64_t r = 0; r < rows; ++r) {
        const float* __restrict k = p.recurrentDropoutMask + (r % B) * H;
        for (std::int64_t j = 0; j < H; ++j) masked[r * H + j] = views.states[r * H + j] * k[j];
      }
      hiddenInputs = masked;
    }
    if (resetBefore) {
      GruStep<false>::recurrentKernelGradient(p, hiddenInputs, views.extra, dG, io.dRecurrentKernel);
    } else {
      sgemmStrided(true, false, H, GH, rows, 1.0f, hiddenInputs, H, dGr, GH, 0.0f, io.dRecurrentKernel, GH);
    }
  }
  if (io.dx) {
    float* dInputs = spare;
    sgemmStrided(false, true, rows, D, GH, 1.0f, dG, GH, p.kernel, GH, 0.0f, dInputs, D);
    for (std::int64_t s = 0; s < T; ++s) {
      const std::int64_t t = p.goBackwards ? T - 1 - s : s;
      for (std::int64_t b = 0; b < B; ++b) {
        std::memcpy(io.dx + (b * T + t) * D, dInputs + (s * B + b) * D, sizeof(float) * D);
      }
    }
  }
}

}  // namespace recur
