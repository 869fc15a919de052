// The GRU step. Gate blocks in Keras order, H columns each: z (update), r (reset), and the
// candidate hh; z, r take the recurrent activation, hh the activation:
//   reset after (Keras default):  hh = act([x W_h + b_h] + r * (h_in U_h + b'_h)), bias [2, 3H]
//   reset before:                 hh = act([x W_h + b_h] + (r * h_in) U_h)
//   h = z * h_prev + (1 - z) * hh.
// `saved` (the workspace's extra section) keeps h_in U_h + b'_h (reset after) or r * h_in (reset
// before) for backward.
// Mirrors gru-step.ts.
#pragma once
#include <cstring>

#include "kernels/gemm.hpp"
#include "kernels/recurrent-cell-step.hpp"
#include "kernels/recurrent-rows.hpp"

namespace recur {

template <bool ResetAfter>
struct GruStep {
  static constexpr std::int64_t kGates = 3;
  static constexpr bool kCellState = false;
  static constexpr bool kSeparateRecurrentGradient = ResetAfter;
  static constexpr bool kOwnRecurrentKernelGradient = !ResetAfter;

  static void pack(const RecurrentProblem& p, bool transposed, bool pack, PackedRecurrentKernel& weights) {
    const std::int64_t H = p.units;
    if constexpr (ResetAfter) {
      packColumns(p, 0, kGates * H, transposed, pack, weights.whole);
    } else {
      packColumns(p, 0, 2 * H, transposed, pack, weights.resetGates);
      packColumns(p, 2 * H, H, transposed, pack, weights.candidate);
    }
  }

  static void forward(const RecurrentProblem& p, const ActivationKernels& kernels,
                      const PackedRecurrentKernel& weights, const ForwardStepViews& s) {
    const std::int64_t H = s.units, GH = kGates * H;
    if constexpr (ResetAfter) {
      const float* recurrentBias = p.bias ? p.bias + GH : nullptr;
      gemmPacked(s.rows, s.hIn, H, weights.whole, false, s.product, GH);
      if (const GruRowKernels* fused = gruRowKernels(p.recurrentActivation, p.activation)) {
        fused->forward(s.rows, H, s.gates, s.product, recurrentBias, s.saved, s.hPrev, s.hNext);
        return;
      }
      for (std::int64_t b = 0; b < s.rows; ++b) {
        float* __restrict gates = s.gates + b * GH;
        float* __restrict product = s.product + b * GH;  // h_in U (+ b')
        float* __restrict saved = s.saved + b * H;
        if (recurrentBias) for (std::int64_t j = 0; j < GH; ++j) product[j] += recurrentBias[j];
        #pragma GCC ivdep
        for (std::int64_t j = 0; j < 2 * H; ++j) gates[j] += product[j];
        kernels.activate(p.recurrentActivation, gates, 2 * H);  // z and r
        #pragma GCC ivdep
        for (std::int64_t j = 0; j < H; ++j) {
          saved[j] = product[2 * H + j];
          gates[2 * H + j] += gates[H + j] * product[2 * H + j];  // + r * (h_in U_h + b'_h)
        }
        kernels.activate(p.activation, gates + 2 * H, H);
      }
    } else {
      gemmPacked(s.rows, s.hIn, H, weights.resetGates, false, s.product, 2 * H);
      for (std::int64_t b = 0; b < s.rows; ++b) {
        float* __restrict gates = s.gates + b * GH;
        const float* __restrict product = s.product + b * 2 * H;
        #pragma GCC ivdep
        for (std::int64_t j = 0; j < 2 * H; ++j) gates[j] += product[j];
        kernels.activate(p.recurrentActivation, gates, 2 * H);  // z and r
        float* __restrict resetState = s.saved + b * H;
        const float* __restrict hIn = s.hIn + b * H;
        #pragma GCC ivdep
        for (std::int64_t j = 0; j < H; ++j) resetState[j] = gates[H + j] * hIn[j];
      }
      // (r * h_in) U_h accumulates straight into the candidate's pre-activations.
      gemmPacked(s.rows, s.saved, H, weights.candidate, true, s.gates + 2 * H, GH);
      for (std::int64_t b = 0; b < s.rows; ++b) kernels.activate(p.activation, s.gates + b * GH + 2 * H, H);
    }
    for (std::int64_t b = 0; b < s.rows; ++b) {
      const float* __restrict z = s.gates + b * GH;
      const float* __restrict candidate = z + 2 * H;
      const float* __restrict hPrev = s.hPrev + b * H;
      float* __restrict h = s.hNext + b * H;
      #pragma GCC ivdep
      for (std::int64_t j = 0; j < H; ++j) h[j] = z[j] * hPrev[j] + (1.0f - z[j]) * candidate[j];
    }
  }

  static void backward(const RecurrentProblem& p, const ActivationKernels& kernels,
                       const PackedRecurrentKernel& weights, const BackwardStepViews& s) {
    const std::int64_t H = s.units, GH = kGates * H;
    const GruRowKernels* fused = ResetAfter ? gruRowKernels(p.recurrentActivation, p.activation) : nullptr;
    if (fused) {
      fused->backward(s.rows, H, s.gates, s.valid, s.total, s.hPrev, s.saved, s.preActivations,
                      s.recurrentPreActivations, s.direct);
    }
    for (std::int64_t b = 0; b < s.rows && !fused; ++b) {
      if (s.valid[b] == 0.0f) continue;
      const float* __restrict gates = s.gates + b * GH;      // z | r | hh, only read here
      float* __restrict dGates = s.preActivations + b * GH;  // dz | dr | dhh, of the pre-activations
      const float* __restrict dh = s.total + b * H;
      const float* __restrict hPrev = s.hPrev + b * H;
      float* __restrict direct = s.direct + b * H;
      #pragma GCC ivdep
      for (std::int64_t j = 0; j < H; ++j) {
        dGates[j] = dh[j] * (hPrev[j] - gates[2 * H + j]);
        dGates[2 * H + j] = dh[j] * (1.0f - gates[j]);
        direct[j] = dh[j] * gates[j];  // through h = z * h_prev
      }
      kernels.scaleByDerivative(p.recurrentActivation, dGates, gates, H);
      kernels.scaleByDerivative(p.activation, dGates + 2 * H, gates + 2 * H, H);
      if constexpr (ResetAfter) {
        // The recurrent product's gradients: z's as dz, r's as dr, its candidate block r * dhh.
        float* __restrict dRecurrent = s.recurrentPreActivations + b * GH;
        const float* __restrict saved = s.saved + b * H;  // h_in U_h + b'_h
        #pragma GCC ivdep
        for (std::int64_t j = 0; j < H; ++j) {
          const float dCandidate = dGates[2 * H + j];
          dGates[H + j] = dCandidate * saved[j];
          dRecurrent[j] = dGates[j];
          dRecurrent[2 * H + j] = dCandidate * gates[H + j];
        }
        kernels.scaleByDerivative(p.recurrentActivation, dGates + H, gates + H, H);
        std::memcpy(dRecurrent + H, dGates + H, sizeof(float) * H);
      }
    }
    if constexpr (ResetAfter) {
      // dL/dh_in = dGr . U^T
      gemmPacked(s.rows, s.recurrentPreActivations, GH, weights.whole, false, s.recurrentGradient, H);
    } else {
      // d(r * h_in) = dhh . U_h^T; dr = d(r * h_in) * h_in; h_in gets d(r * h_in) * r plus
      // [dz dr] . U_zr^T.
      gemmPacked(s.rows, s.preActivations + 2 * H, GH, weights.candidate, false, s.recurrentGradient, H);
      for (std::int64_t b = 0; b < s.rows; ++b) {
        if (s.valid[b] == 0.0f) continue;
        const float* __restrict gates = s.gates + b * GH;
        float* __restrict dGates = s.preActivations + b * GH;
        float* __restrict viaReset = s.recurrentGradient + b * H;
        const float* __restrict hPrev = s.hPrev + b * H;
        #pragma GCC ivdep
        for (std::int64_t j = 0; j < H; ++j) {
          const float hIn = s.keep ? hPrev[j] * s.keep[b * H + j] : hPrev[j];
          dGates[H + j] = viaReset[j] * hIn;
          viaReset[j] *= gates[H + j];
        }
        kernels.scaleByDerivative(p.recurrentActivation, dGates + H, gates + H, H);
      }
      float* resetGatesGradient = s.scratch;  // dz | dr, packed rows for the GEMM
      for (std::int64_t b = 0; b < s.rows; ++b) {
        std::memcpy(resetGatesGradient + b * 2 * H, s.preActivations + b * GH, sizeof(float) * 2 * H);
      }
      gemmPacked(s.rows, resetGatesGradient, 2 * H, weights.resetGates, true, s.recurrentGradient, H);
    }
  }

  // dL/dU for reset-before, whose candidate block multiplies r * h_in rather than h_in: columns
  // [0, 2H) from h_in^T dG[:, :2H], columns [2H, 3H) from (r * h_in)^T dhh. The other cells use
  // h_in^T dGr whole.
  static void recurrentKernelGradient(const RecurrentProblem& p, const float* hiddenInputs, const float* resetStates,
                                      const float* dG, float* dRecurrentKernel) {
    const std::int64_t H = p.units, GH = kGates * H, rows = p.steps * p.batch;
    sgemmStrided(true, false, H, 2 * H, rows, 1.0f, hiddenInputs, H, dG, GH, 0.0f, dRecurrentKernel, GH);
    sgemmStrided(true, false, H, H, rows, 1.0f, resetStates, H, dG + 2 * H, GH, 0.0f, dRecurrentKernel + 2 * H, GH);
  }
};

}  // namespace recur
