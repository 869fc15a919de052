// The gradients that sum over time, each one GEMM over all T*B rows (split across threads by
// sgemmStrided) once backward through time has filled dG (and dGr):
//   dKernel = X^T dG,  dBias = colsum(dG) (and colsum(dGr) for a recurrent bias row),
//   dRecurrentKernel = H_in^T dGr (or the step's own),  dX = dG . kernel^T scattered to [B, T, D].
// Mirrors recurrent-weight-gradients.ts.
#pragma once
#include <algorithm>
#include <cstring>

#include "kernels/gemm.hpp"
#include "kernels/recurrent-cell-step.hpp"

namespace recur {

inline void columnSums(const float* matrix, std::int64_t rows, std::int64_t columns, std::int64_t ld, float* out) {
  std::fill(out, out + columns, 0.0f);
  for (std::int64_t r = 0; r < rows; ++r) {
    const float* __restrict row = matrix + r * ld;
    for (std::int64_t j = 0; j < columns; ++j) out[j] += row[j];
  }
}

// `spare` holds [T*B, H] floats when the recurrent kernel gradient and a dropout mask are both
// wanted, plus [T*B, D] when dx is.
template <typename Step>
void recurrentWeightGradients(const RecurrentProblem& p, const RecurrentBackwardBuffers& io,
                              const WorkspaceViews<const float>& v, const float* inputs, const float* dG,
                              const float* dGr, float* spare) {
  const std::int64_t B = p.batch, T = p.steps, D = p.inputSize, H = p.units;
  const std::int64_t GH = Step::kGates * H, rows = T * B;
  if (io.dKernel) sgemmStrided(true, false, D, GH, rows, 1.0f, inputs, D, dG, GH, 0.0f, io.dKernel, GH);
  if (io.dBias) {
    columnSums(dG, rows, GH, GH, io.dBias);
    if (Step::kSeparateRecurrentGradient) columnSums(dGr, rows, GH, GH, io.dBias + GH);
  }
  if (io.dRecurrentKernel) {
    // The recurrent GEMMs saw h_{t-1} times the dropout mask: so does their weight gradient.
    const float* hiddenInputs = v.states;
    if (p.recurrentDropoutMask) {
      float* masked = spare;
      spare += rows * H;
      for (std::int64_t r = 0; r < rows; ++r) {
        const float* __restrict k = p.recurrentDropoutMask + (r % B) * H;
        for (std::int64_t j = 0; j < H; ++j) masked[r * H + j] = v.states[r * H + j] * k[j];
      }
      hiddenInputs = masked;
    }
    if constexpr (Step::kOwnRecurrentKernelGradient) {
      Step::recurrentKernelGradient(p, hiddenInputs, v.extra, dG, io.dRecurrentKernel);
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
