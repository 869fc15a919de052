// What the time loop (recurrent-time-loop.hpp) hands a cell's step, and what a step provides.
// A step is a struct of static members, passed to the loop as a type parameter (static dispatch,
// inlined into the loop):
//   kGates                          gate blocks of H columns in a gates row (G)
//   kCellState                      whether the cell carries c (LSTM) besides h
//   kSeparateRecurrentGradient      whether the recurrent product has pre-activation gradients of
//                                   its own (GRU reset-after: its recurrent bias, r * (h U_h + b'))
//   kOwnRecurrentKernelGradient     whether dL/dU is not simply h_in^T dGr (then the step has
//                                   recurrentKernelGradient, see recurrent-weight-gradients.hpp)
//   pack(problem, transposed, pack, weights)  packs U (forward) or U^T (backward) for the GEMMs
//   forward(problem, kernels, weights, ForwardStepViews), backward(..., BackwardStepViews)
// In the step views each pointer is a block of the step's `rows` batch rows, row-major, each row
// as wide as noted. Mirrors recurrent-cell-step.ts.
#pragma once
#include <cstdint>

#include "kernels/activations.hpp"
#include "kernels/packed-gemm.hpp"
#include "kernels/recurrent.hpp"

namespace recur {

// The workspace sections (recurrent-layout.cpp): gates [T*B, G*H], states and cells [T+1, B, H],
// extra [T, B, H], all in processing order.
template <typename Float>
struct WorkspaceViews {
  Float* gates;
  Float* states;
  Float* cells;
  Float* extra;
};

struct ForwardStepViews {
  std::int64_t rows;
  std::int64_t units;
  float* gates;        // [G*H]: the input projection (input bias included) on entry, the activated gates on exit
  const float* hPrev;  // [H]: h_{t-1} as carried (the state update reads this one)
  const float* hIn;    // [H]: h_{t-1} as the recurrent GEMMs read it (times the recurrent dropout mask)
  float* hNext;        // [H]
  const float* cPrev;  // [H]: c_{t-1} (LSTM), else null
  float* cNext;        // [H]
  float* saved;        // [H]: this step's block of the workspace's `extra` section
  float* product;      // [G*H]: scratch for the recurrent product
};

struct BackwardStepViews {
  std::int64_t rows;
  std::int64_t units;
  const float* gates;              // [G*H]: the activated gates saved by forward
  const float* hPrev;              // [H]
  const float* cPrev;              // [H] (LSTM)
  const float* saved;              // [H]
  const float* valid;              // [1]: 1 on a valid step; a masked row's gradients are already zero
  const float* total;              // [H]: dL/dh_t of the valid rows
  float* dc;                       // [H]: dL/dc_t on entry, dL/dc_{t-1} on exit (LSTM)
  float* direct;                   // [H]: dL/dh_{t-1} bypassing the recurrent product (0 on valid rows on entry)
  float* preActivations;           // [G*H] out: gradients of the pre-activations fed by the input projection
  float* recurrentPreActivations;  // [G*H] out: of those fed by the recurrent product (== preActivations
                                   // unless kSeparateRecurrentGradient)
  float* recurrentGradient;        // [H] out: dL/dh_in through the recurrent product (scratch until then)
  const float* keep;               // [H]: the recurrent dropout mask of these rows, or null
  float* scratch;                  // [2H]
};

// The recurrent kernel as the per-step GEMMs use it, packed once per call: all of U (LSTM,
// SimpleRNN, GRU reset-after), or its z|r block and its candidate block (GRU reset-before).
struct PackedRecurrentKernel {
  PackedRhs whole;
  PackedRhs resetGates;
  PackedRhs candidate;
};

// Columns [first, first + count) of U [H, G*H], packed as the right-hand side U[:, cols] of
// forward's h . U or as U[:, cols]^T of backward's dG . U^T.
inline void packColumns(const RecurrentProblem& p, std::int64_t first, std::int64_t count, bool transposed,
                        bool pack, PackedRhs& out) {
  const std::int64_t H = p.units, GH = gateCount(p.cell) * H;
  packRhs(p.recurrentKernel + first, GH, transposed ? count : H, transposed ? H : count, transposed, pack, out);
}

}  // namespace recur
