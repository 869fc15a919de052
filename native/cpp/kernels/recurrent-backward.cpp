// Backward through time: the time loop (recurrent-time-loop.hpp) runs in reverse and writes the
// pre-activation gradients of every step into one [T*B, G*H] buffer dG (and dGr), then the
// weight gradients are single GEMMs over all steps (recurrent-weight-gradients.hpp).
// Mirrors recurrentBackward in recurrent-time-loop.ts.
#include <vector>

#include "kernels/recurrent-cell-steps.hpp"
#include "kernels/recurrent-time-loop.hpp"
#include "kernels/recurrent-weight-gradients.hpp"

namespace recur {

void recurrentBackward(const RecurrentProblem& p, const RecurrentBackwardBuffers& io) {
  const std::int64_t B = p.batch, T = p.steps, D = p.inputSize, H = p.units;
  const std::int64_t GH = gateCount(p.cell) * H, rows = T * B;
  const bool separateRecurrentGradient = biasRows(p.cell, p.resetAfter) == 2;
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

  // U^T packed once per call on this thread; the workers get a reference to this thread's panels
  // (a thread_local named inside a worker would be the worker's own, empty, instance).
  static thread_local PackedRecurrentKernel packedKernel;
  withCellStep(p, [&](auto step) {
    using Step = decltype(step);
    backwardTimeLoop<Step>(p, io, views, dG, dGr, packedKernel);
    recurrentWeightGradients<Step>(p, io, views, inputs, dG, dGr, spare);
  });
}

}  // namespace recur
