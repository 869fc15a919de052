// The SimpleRNN step: one gate block, h = act([x W + b] + h_in U). Its gates row is h itself, so
// its derivative is taken from the saved output. Mirrors simple-rnn-step.ts.
#pragma once
#include <cstring>

#include "kernels/recurrent-cell-step.hpp"

namespace recur {

struct SimpleRnnStep {
  static constexpr std::int64_t kGates = 1;
  static constexpr bool kCellState = false;
  static constexpr bool kSeparateRecurrentGradient = false;
  static constexpr bool kOwnRecurrentKernelGradient = false;

  static void pack(const RecurrentProblem& p, bool transposed, bool pack, PackedRecurrentKernel& weights) {
    packColumns(p, 0, p.units, transposed, pack, weights.whole);
  }

  static void forward(const RecurrentProblem& p, const ActivationKernels& kernels,
                      const PackedRecurrentKernel& weights, const ForwardStepViews& s) {
    const std::int64_t H = s.units;
    gemmPacked(s.rows, s.hIn, H, weights.whole, true, s.gates, H);
    kernels.activate(p.activation, s.gates, s.rows * H);
    std::memcpy(s.hNext, s.gates, sizeof(float) * s.rows * H);
  }

  static void backward(const RecurrentProblem& p, const ActivationKernels& kernels,
                       const PackedRecurrentKernel& weights, const BackwardStepViews& s) {
    const std::int64_t H = s.units;
    for (std::int64_t b = 0; b < s.rows; ++b) {
      if (s.valid[b] == 0.0f) continue;
      std::memcpy(s.preActivations + b * H, s.total + b * H, sizeof(float) * H);  // dL/d(pre-activation) = dh * act'
      kernels.scaleByDerivative(p.activation, s.preActivations + b * H, s.gates + b * H, H);
    }
    // dL/dh_in = dG . U^T
    gemmPacked(s.rows, s.recurrentPreActivations, H, weights.whole, false, s.recurrentGradient, H);
  }
};

}  // namespace recur
