// Fused per-row element-wise passes of the GRU step (reset after, the Keras default) and of the
// LSTM step's backward, compiled per instruction set (avx2/, avx512/) and chosen at run time like
// the activations. One pass per row applies the recurrent product, both activations and the state
// update (GRU forward), or writes all the gate gradients (backward) in registers; the steps keep
// their separate passes for other activations and baseline CPUs. Same formulas as those passes.
// (A fused LSTM forward measured slower than its separate passes: five transcendentals per
// element in one loop.)
#pragma once
#include <cstdint>

#include "kernels/activations.hpp"

namespace recur {

struct GruRowKernels {
  // For rows b < rows: gates [G*H] hold the input projection on entry, the activated z | r | hh
  // on exit; product [G*H] is h_in U; recurrentBias [G*H] or null; saved [H] gets
  // h_in U_h + b'_h; hNext [H] = z * hPrev + (1 - z) * hh.
  void (*forward)(std::int64_t rows, std::int64_t H, float* gates, const float* product, const float* recurrentBias,
                  float* saved, const float* hPrev, float* hNext);
  // For valid rows: dGates, dRecurrent [G*H] and direct [H] from dh (total) [H], the saved gates,
  // hPrev and saved (h_in U_h + b'_h).
  void (*backward)(std::int64_t rows, std::int64_t H, const float* gates, const float* valid, const float* dh,
                   const float* hPrev, const float* saved, float* dGates, float* dRecurrent, float* direct);
};

struct LstmRowKernels {
  // For valid rows: dGates [4H] from dh (total) and dc; dc becomes dL/dc_{t-1}.
  void (*backward)(std::int64_t rows, std::int64_t H, const float* gates, const float* valid, const float* dh,
                   const float* cPrev, const float* saved, float* dc, float* dGates);
};

// The fused LSTM kernels for this CPU and these activations (sigmoid, tanh), or null.
const LstmRowKernels* lstmRowKernels(Activation recurrentActivation, Activation activation);

// The fused kernels for this CPU and these activations (sigmoid recurrent activation, tanh
// activation), or null.
const GruRowKernels* gruRowKernels(Activation recurrentActivation, Activation activation);

namespace avx2 {
const GruRowKernels& gruRows();
const LstmRowKernels& lstmRows();
}
namespace avx512 {
const GruRowKernels& gruRows();
const LstmRowKernels& lstmRows();
}

}  // namespace recur
