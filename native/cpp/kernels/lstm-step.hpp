// The LSTM step. Gate blocks in Keras order, H columns each: i (input), f (forget), g (the
// candidate cell), o (output); i, f, o take the recurrent activation, g and the cell output the
// activation:
//   [i f g o] = act([x W + b] + h_in U),  c = f * c_prev + i * g,  h = o * act(c).
// `saved` (the workspace's extra section) keeps act(c) for backward; every derivative is taken
// from the saved activated value.
// Mirrors lstm-step.ts.
#pragma once
#include <cstring>

#include "kernels/recurrent-cell-step.hpp"
#include "kernels/recurrent-rows.hpp"

namespace recur {

struct LstmStep {
  static constexpr std::int64_t kGates = 4;
  static constexpr bool kCellState = true;
  static constexpr bool kSeparateRecurrentGradient = false;
  static constexpr bool kOwnRecurrentKernelGradient = false;

  static void pack(const RecurrentProblem& p, bool transposed, bool pack, PackedRecurrentKernel& weights) {
    packColumns(p, 0, kGates * p.units, transposed, pack, weights.whole);
  }

  static void forward(const RecurrentProblem& p, const ActivationKernels& kernels,
                      const PackedRecurrentKernel& weights, const ForwardStepViews& s) {
    const std::int64_t H = s.units, GH = kGates * H;
    gemmPacked(s.rows, s.hIn, H, weights.whole, true, s.gates, GH);
    for (std::int64_t b = 0; b < s.rows; ++b) {
      float* gates = s.gates + b * GH;
      kernels.activate(p.recurrentActivation, gates, 2 * H);  // i and f in one pass
      kernels.activate(p.activation, gates + 2 * H, H);
      kernels.activate(p.recurrentActivation, gates + 3 * H, H);
      {  // The __restrict names are scoped to the loop, where the gates are only read.
        const float* __restrict i = gates;
        const float* __restrict f = gates + H;
        const float* __restrict g = gates + 2 * H;
        const float* __restrict cPrev = s.cPrev + b * H;
        float* __restrict c = s.cNext + b * H;
        #pragma GCC ivdep
        for (std::int64_t j = 0; j < H; ++j) c[j] = f[j] * cPrev[j] + i[j] * g[j];
      }
    }
    float* cellOutput = s.saved;  // act(c), over all rows in one pass
    std::memcpy(cellOutput, s.cNext, sizeof(float) * s.rows * H);
    kernels.activate(p.activation, cellOutput, s.rows * H);
    for (std::int64_t b = 0; b < s.rows; ++b) {
      const float* __restrict o = s.gates + b * GH + 3 * H;
      const float* __restrict actC = cellOutput + b * H;
      float* __restrict h = s.hNext + b * H;
      #pragma GCC ivdep
      for (std::int64_t j = 0; j < H; ++j) h[j] = o[j] * actC[j];
    }
  }

  static void backward(const RecurrentProblem& p, const ActivationKernels& kernels,
                       const PackedRecurrentKernel& weights, const BackwardStepViews& s) {
    const std::int64_t H = s.units, GH = kGates * H;
    const LstmRowKernels* fused = lstmRowKernels(p.recurrentActivation, p.activation);
    if (fused) fused->backward(s.rows, H, s.gates, s.valid, s.total, s.cPrev, s.saved, s.dc, s.preActivations);
    for (std::int64_t b = 0; b < s.rows && !fused; ++b) {
      if (s.valid[b] == 0.0f) continue;
      const float* gates = s.gates + b * GH;  // only read here
      const float* __restrict i = gates;
      const float* __restrict f = gates + H;
      const float* __restrict g = gates + 2 * H;
      const float* __restrict o = gates + 3 * H;
      float* dGates = s.preActivations + b * GH;
      const float* __restrict dh = s.total + b * H;
      const float* __restrict actC = s.saved + b * H;
      // dL/dc through h = o * act(c): dh * o * act'(c), in recurrentGradient until the GEMM
      // below overwrites it.
      float* __restrict viaOutput = s.recurrentGradient + b * H;
      #pragma GCC ivdep
      for (std::int64_t j = 0; j < H; ++j) viaOutput[j] = dh[j] * o[j];
      kernels.scaleByDerivative(p.activation, viaOutput, actC, H);
      {  // The __restrict names of the gate gradients are scoped to the loop that writes them.
        float* __restrict di = dGates;
        float* __restrict df = dGates + H;
        float* __restrict dg = dGates + 2 * H;
        float* __restrict dO = dGates + 3 * H;
        const float* __restrict cPrev = s.cPrev + b * H;
        float* __restrict dc = s.dc + b * H;
        #pragma GCC ivdep
        for (std::int64_t j = 0; j < H; ++j) {
          const float dcTotal = dc[j] + viaOutput[j];
          di[j] = dcTotal * g[j];
          df[j] = dcTotal * cPrev[j];
          dg[j] = dcTotal * i[j];
          dO[j] = dh[j] * actC[j];
          dc[j] = dcTotal * f[j];  // dL/dc_prev
        }
      }
      kernels.scaleByDerivative(p.recurrentActivation, dGates, gates, 2 * H);  // i and f in one pass
      kernels.scaleByDerivative(p.activation, dGates + 2 * H, g, H);
      kernels.scaleByDerivative(p.recurrentActivation, dGates + 3 * H, o, H);
    }
    // dL/dh_in = dG . U^T
    gemmPacked(s.rows, s.recurrentPreActivations, GH, weights.whole, false, s.recurrentGradient, H);
  }
};

}  // namespace recur
