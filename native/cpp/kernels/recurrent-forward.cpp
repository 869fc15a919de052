// Forward through time. Training: one GEMM for the input projection of every step, then the time
// loop (recurrent-time-loop.hpp) with the cell's step; inference: the time loop projects each step
// itself. Mirrors recurrentForward in recurrent-time-loop.ts.
#include <cstring>
#include <vector>

#include "kernels/gemm.hpp"
#include "kernels/packed-gemm.hpp"
#include "kernels/recurrent-cell-steps.hpp"
#include "kernels/recurrent-time-loop.hpp"

namespace recur {

namespace {

// Inference projects each step's inputs inside the time loop when the input kernel W (D x G*H
// floats) is at most this (128 KiB): it is then read from L2 every step beside the recurrent
// kernel. A larger W streamed from memory every step costs more than the whole-sequence
// projection saves (charlm, D 64 and 4H 1024: 2 threads 0.92x; large, D 1024: 0.89x; imdb,
// 32 x 400: 1.4x faster).
constexpr std::int64_t kMaximumPerStepInputKernel = 32 * 1024;
// ... and when each step's read of W is shared by at least this many batch rows: with one or two
// (a streamed sequence) W would be read from L2 for every row of every step, and one projection
// of all T steps reads it once per tile of six (stream-b1, B 1: 1.07x; B 2 1.2x; B 4 and 8
// are faster per step).
constexpr std::int64_t kMinimumPerStepRows = 4;

}  // namespace

void recurrentForward(const RecurrentProblem& p, const RecurrentForwardBuffers& out) {
  const std::int64_t B = p.batch, T = p.steps, D = p.inputSize, H = p.units;
  const std::int64_t GH = gateCount(p.cell) * H, rows = T * B;
  const RecurrentWorkspaceLayout layout = recurrentWorkspaceLayout(p.cell, B, T, D, H);

  // Packed once per call on this thread; the workers get a reference to this thread's panels (a
  // thread_local named inside a worker would be the worker's own, empty, instance).
  static thread_local PackedRecurrentKernel packedKernel;
  if (!out.workspace && D * GH <= kMaximumPerStepInputKernel && B >= kMinimumPerStepRows) {
    // Inference with a small input kernel and enough rows: the time loop projects each step's inputs itself (see
    // forwardTimeLoop).
    static thread_local PackedRhs packedInputKernel;
    packRhs(p.kernel, GH, D, GH, false, rows >= kMinimumRowsToPack, packedInputKernel);
    const WorkspaceViews<float> none{nullptr, nullptr, nullptr, nullptr};
    withCellStep(p, [&](auto step) { forwardTimeLoop<decltype(step)>(p, out, none, packedKernel, &packedInputKernel); });
    return;
  }
  // Inference keeps what training keeps in the caller's workspace in a reused scratch buffer
  // (taken from the calling thread's scratch before the parallel part resets the others).
  static thread_local std::vector<float> inferenceWorkspace;
  float* workspace = out.workspace;
  if (!workspace) {
    if (inferenceWorkspace.size() < static_cast<std::size_t>(layout.size)) inferenceWorkspace.resize(layout.size);
    workspace = inferenceWorkspace.data();
  }
  float* inputs = workspace + layout.inputs;
  const WorkspaceViews<float> views{workspace + layout.gates, workspace + layout.states, workspace + layout.cells,
                                    workspace + layout.extra};

  // Time-major inputs in processing order, then Xg = X . kernel + input bias for all steps at once
  // (one large GEMM, split across threads by sgemmStrided).
  for (std::int64_t s = 0; s < T; ++s) {
    const std::int64_t t = p.goBackwards ? T - 1 - s : s;
    for (std::int64_t b = 0; b < B; ++b) std::memcpy(inputs + (s * B + b) * D, p.x + (b * T + t) * D, sizeof(float) * D);
  }
  sgemmStrided(false, false, rows, GH, D, 1.0f, inputs, D, p.kernel, GH, 0.0f, views.gates, GH);
  if (p.bias) {
    for (std::int64_t r = 0; r < rows; ++r) {
      float* __restrict row = views.gates + r * GH;
      for (std::int64_t j = 0; j < GH; ++j) row[j] += p.bias[j];
    }
  }
  withCellStep(p, [&](auto step) { forwardTimeLoop<decltype(step)>(p, out, views, packedKernel, nullptr); });
}

}  // namespace recur
