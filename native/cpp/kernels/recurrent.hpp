// Fused whole-sequence LSTM / GRU / SimpleRNN kernels, forward and backward through time. The same
// algorithm and workspace layout as the TypeScript twin (packages/tensor/src/backend/js/recurrent),
// which is the reference these kernels are tested against; see recurrent-kernels.ts there for the
// math, the Keras 3 layouts and the mask / recurrent-dropout semantics.
#pragma once
#include <cstdint>

#include "kernels/activations.hpp"

namespace recur {

enum class Cell { Lstm, Gru, SimpleRnn };

struct RecurrentProblem {
  Cell cell;
  bool resetAfter;
  std::int64_t batch;
  std::int64_t steps;
  std::int64_t inputSize;
  std::int64_t units;
  bool goBackwards;
  Activation activation;
  Activation recurrentActivation;
  const float* x;                     // [B, T, D]
  const float* kernel;                // [D, G*H]
  const float* recurrentKernel;       // [H, G*H]
  const float* bias;                  // [G*H], or [2, 3H] for GRU reset-after; may be null
  const float* initialH;              // [B, H] or null
  const float* initialC;              // [B, H] or null (LSTM)
  const float* mask;                  // [B, T] of 0/1 or null
  const float* recurrentDropoutMask;  // [B, H] or null
};

struct RecurrentForwardBuffers {
  float* sequence;   // [B, T, H] in processing order, or null (not wanted)
  float* finalH;     // [B, H]
  float* finalC;     // [B, H] (LSTM) or null
  float* workspace;  // training workspace, or null for inference
};

struct RecurrentBackwardBuffers {
  const float* workspace;
  const float* dSequence;  // each may be null
  const float* dFinalH;
  const float* dFinalC;
  float* dx;  // each may be null (not wanted)
  float* dKernel;
  float* dRecurrentKernel;
  float* dBias;
  float* dInitialH;
  float* dInitialC;
};

struct RecurrentWorkspaceLayout {
  std::int64_t inputs, gates, states, cells, extra, size;
};

std::int64_t gateCount(Cell cell);
// GRU reset-after keeps an input and a recurrent bias ([2, 3H]); the others one row.
inline std::int64_t biasRows(Cell cell, bool resetAfter) { return cell == Cell::Gru && resetAfter ? 2 : 1; }
RecurrentWorkspaceLayout recurrentWorkspaceLayout(Cell cell, std::int64_t batch, std::int64_t steps,
                                                  std::int64_t inputSize, std::int64_t units);

void recurrentForward(const RecurrentProblem& problem, const RecurrentForwardBuffers& buffers);
void recurrentBackward(const RecurrentProblem& problem, const RecurrentBackwardBuffers& buffers);

}  // namespace recur
