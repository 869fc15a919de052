// Backward through time. Per step (in reverse) one element-wise pass writes the pre-activation
// gradients dG_t into one [T*B, G*H] buffer and dh_{t-1} = dG_t . U^T; after the loop the weight
// gradients are single GEMMs over all steps. Mirrors recurrent-backward.ts. As in the forward
// pass, batch rows are independent through the loop and are split across threads.
#include <algorithm>
#include <cstring>
#include <vector>

#include "kernels/gemm.hpp"
#include "kernels/packed-gemm.hpp"
#include "kernels/recurrent.hpp"
#include "kernels/recurrent-parallel.hpp"
#include "kernels/scratch.hpp"
#include "kernels/thread-pool.hpp"

namespace recur {

namespace {

void columnSums(const float* matrix, std::int64_t rows, std::int64_t columns, std::int64_t ld, float* out) {
  std::fill(out, out + columns, 0.0f);
  for (std::int64_t r = 0; r < rows; ++r) {
    const float* __restrict row = matrix + r * ld;
    for (std::int64_t j = 0; j < columns; ++j) out[j] += row[j];
  }
}

struct BackwardViews {
  const float* gates;
  const float* states;
  const float* cells;
  const float* extra;
  float* dG;   // gradients of the pre-activations fed by the input projection
  float* dGr;  // of those fed by the recurrent product (== dG except for GRU reset-after)
};

// U^T as the per-step GEMMs use it, packed once per call: all of it (dh = dG . U^T), or for GRU
// reset-before its candidate block and z|r block.
struct TransposedOperands {
  PackedRhs whole;
  PackedRhs candidate;
  PackedRhs resetGates;
};

// The reverse time loop for batch rows [b0, b1): fills their rows of dG (and dGr) and their
// initial-state gradients.
void backwardRows(const RecurrentProblem& p, const RecurrentBackwardBuffers& io, const BackwardViews& v,
                  const TransposedOperands& u, std::int64_t b0, std::int64_t b1) {
  const std::int64_t B = p.batch, T = p.steps, H = p.units;
  const std::int64_t G = gateCount(p.cell), GH = G * H, BH = B * H;
  const std::int64_t rows = b1 - b0;
  const bool gru = p.cell == Cell::Gru;
  const bool separateRecurrentGradient = gru && p.resetAfter;
  const ActivationKernels& kernels = activationKernels();
  const float* keep = p.recurrentDropoutMask ? p.recurrentDropoutMask + b0 * H : nullptr;

  Scratch& scratch = threadScratch();
  scratch.reset(Scratch::rounded(rows * H) * 7 + Scratch::rounded(rows * 2 * H));
  float* dh = scratch.take(rows * H);
  float* dc = scratch.take(rows * H);
  float* total = scratch.take(rows * H);
  float* carry = scratch.take(rows * H);
  float* direct = scratch.take(rows * H);
  float* recurrentGradient = scratch.take(rows * H);
  float* valid = scratch.take(rows);
  float* zrGradient = scratch.take(rows * 2 * H);
  if (io.dFinalH) std::memcpy(dh, io.dFinalH + b0 * H, sizeof(float) * rows * H);
  if (io.dFinalC && p.cell == Cell::Lstm) std::memcpy(dc, io.dFinalC + b0 * H, sizeof(float) * rows * H);

  for (std::int64_t s = T - 1; s >= 0; --s) {
    const std::int64_t t = p.goBackwards ? T - 1 - s : s;
    const float* g = v.gates + (s * B + b0) * GH;
    float* d = v.dG + (s * B + b0) * GH;
    float* dr = v.dGr + (s * B + b0) * GH;
    const float* hPrev = v.states + s * BH + b0 * H;
    // The output at step s is h_s on a valid step, else the previous output: its gradient waits in
    // `carry` until the valid step that produced it.
    if (io.dSequence) {
      for (std::int64_t b = 0; b < rows; ++b) {
        const float* __restrict from = io.dSequence + ((b0 + b) * T + s) * H;
        float* __restrict c = carry + b * H;
        for (std::int64_t j = 0; j < H; ++j) c[j] += from[j];
      }
    }
    for (std::int64_t b = 0; b < rows; ++b) {
      valid[b] = !p.mask || p.mask[(b0 + b) * T + t] != 0.0f ? 1.0f : 0.0f;
      float* __restrict tot = total + b * H;
      float* __restrict car = carry + b * H;
      float* __restrict dir = direct + b * H;
      const float* __restrict dhb = dh + b * H;
      if (valid[b] != 0.0f) {
        for (std::int64_t j = 0; j < H; ++j) {
          tot[j] = dhb[j] + car[j];
          car[j] = 0.0f;
          dir[j] = 0.0f;
        }
      } else {
        // A masked step passes h and c through unchanged and produces no gate gradients.
        std::fill(tot, tot + H, 0.0f);
        std::memcpy(dir, dhb, sizeof(float) * H);
        std::fill(d + b * GH, d + (b + 1) * GH, 0.0f);
        if (separateRecurrentGradient) std::fill(dr + b * GH, dr + (b + 1) * GH, 0.0f);
      }
    }

    if (p.cell == Cell::Lstm) {
      const float* cPrev = v.cells + s * BH + b0 * H;
      const float* cellActivation = v.extra + s * BH + b0 * H;
      for (std::int64_t b = 0; b < rows; ++b) {
        if (valid[b] == 0.0f) continue;
        const float* __restrict row = g + b * GH;
        float* __restrict dRow = d + b * GH;
        const float* __restrict tot = total + b * H;
        const float* __restrict ac = cellActivation + b * H;
        const float* __restrict cp = cPrev + b * H;
        float* __restrict dcb = dc + b * H;
        float* __restrict viaOutput = recurrentGradient + b * H;
        // dc_total = dc_next + dh * o * act'(c)
        for (std::int64_t j = 0; j < H; ++j) viaOutput[j] = tot[j] * row[3 * H + j];
        kernels.scaleByDerivative(p.activation, viaOutput, ac, H);
        for (std::int64_t j = 0; j < H; ++j) {
          const float dcTotal = dcb[j] + viaOutput[j];
          dRow[j] = dcTotal * row[2 * H + j];
          dRow[H + j] = dcTotal * cp[j];
          dRow[2 * H + j] = dcTotal * row[j];
          dRow[3 * H + j] = tot[j] * ac[j];
          dcb[j] = dcTotal * row[H + j];
        }
        kernels.scaleByDerivative(p.recurrentActivation, dRow, row, 2 * H);
        kernels.scaleByDerivative(p.activation, dRow + 2 * H, row + 2 * H, H);
        kernels.scaleByDerivative(p.recurrentActivation, dRow + 3 * H, row + 3 * H, H);
      }
    } else if (gru) {
      const float* saved = v.extra + s * BH + b0 * H;
      for (std::int64_t b = 0; b < rows; ++b) {
        if (valid[b] == 0.0f) continue;
        const float* __restrict row = g + b * GH;
        float* __restrict dRow = d + b * GH;
        const float* __restrict tot = total + b * H;
        const float* __restrict hp = hPrev + b * H;
        float* __restrict dir = direct + b * H;
        for (std::int64_t j = 0; j < H; ++j) {
          dRow[j] = tot[j] * (hp[j] - row[2 * H + j]);
          dRow[2 * H + j] = tot[j] * (1.0f - row[j]);
          dir[j] = tot[j] * row[j];
        }
        kernels.scaleByDerivative(p.recurrentActivation, dRow, row, H);
        kernels.scaleByDerivative(p.activation, dRow + 2 * H, row + 2 * H, H);
        if (p.resetAfter) {
          float* __restrict drRow = dr + b * GH;
          const float* __restrict hr = saved + b * H;
          for (std::int64_t j = 0; j < H; ++j) {
            const float dA = dRow[2 * H + j];
            dRow[H + j] = dA * hr[j];
            drRow[j] = dRow[j];
            drRow[2 * H + j] = dA * row[H + j];
          }
          kernels.scaleByDerivative(p.recurrentActivation, dRow + H, row + H, H);
          std::memcpy(drRow + H, dRow + H, sizeof(float) * H);
        }
      }
      if (!p.resetAfter) {
        // d(r * h_in) = dA . U_h^T; dr = d(r*h_in) * h_in; the h_in path gets d(r*h_in) * r.
        gemmPacked(rows, d + 2 * H, GH, u.candidate, false, recurrentGradient, H);
        for (std::int64_t b = 0; b < rows; ++b) {
          if (valid[b] == 0.0f) continue;
          const float* __restrict row = g + b * GH;
          float* __restrict dRow = d + b * GH;
          float* __restrict viaReset = recurrentGradient + b * H;
          const float* __restrict hp = hPrev + b * H;
          for (std::int64_t j = 0; j < H; ++j) {
            const float hIn = keep ? hp[j] * keep[b * H + j] : hp[j];
            dRow[H + j] = viaReset[j] * hIn;
            viaReset[j] *= row[H + j];
          }
          kernels.scaleByDerivative(p.recurrentActivation, dRow + H, row + H, H);
        }
        for (std::int64_t b = 0; b < rows; ++b) std::memcpy(zrGradient + b * 2 * H, d + b * GH, sizeof(float) * 2 * H);
        gemmPacked(rows, zrGradient, 2 * H, u.resetGates, true, recurrentGradient, H);
      }
    } else {
      for (std::int64_t b = 0; b < rows; ++b) {
        if (valid[b] == 0.0f) continue;
        std::memcpy(d + b * H, total + b * H, sizeof(float) * H);
        kernels.scaleByDerivative(p.activation, d + b * H, g + b * H, H);
      }
    }

    if (!(gru && !p.resetAfter)) {
      gemmPacked(rows, dr, GH, u.whole, false, recurrentGradient, H);
    }
    for (std::int64_t k = 0; k < rows * H; ++k) {
      dh[k] = direct[k] + (keep ? recurrentGradient[k] * keep[k] : recurrentGradient[k]);
    }
  }
  if (io.dInitialH) std::memcpy(io.dInitialH + b0 * H, dh, sizeof(float) * rows * H);
  if (io.dInitialC) std::memcpy(io.dInitialC + b0 * H, dc, sizeof(float) * rows * H);
}

}  // namespace

void recurrentBackward(const RecurrentProblem& p, const RecurrentBackwardBuffers& io) {
  const std::int64_t B = p.batch, T = p.steps, D = p.inputSize, H = p.units;
  const std::int64_t G = gateCount(p.cell), GH = G * H, rows = T * B;
  const bool gru = p.cell == Cell::Gru;
  const bool separateRecurrentGradient = gru && p.resetAfter;
  const RecurrentWorkspaceLayout layout = recurrentWorkspaceLayout(p.cell, B, T, D, H);
  const float* inputs = io.workspace + layout.inputs;
  const float* states = io.workspace + layout.states;
  const float* extra = io.workspace + layout.extra;

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
  const BackwardViews views{io.workspace + layout.gates, states, io.workspace + layout.cells, extra, dG, dGr};

  // U^T packed once per call, on this thread, before the workers read the panels.
  // A thread_local named inside the worker lambda would be the worker's own (empty) instance:
  // the workers get a reference to this thread's.
  static thread_local TransposedOperands packedOperands;
  TransposedOperands& operands = packedOperands;
  const bool pack = B * T >= kMinimumRowsToPack;
  if (gru && !p.resetAfter) {
    packRhs(p.recurrentKernel + 2 * H, GH, H, H, true, pack, operands.candidate);
    packRhs(p.recurrentKernel, GH, 2 * H, H, true, pack, operands.resetGates);
  } else {
    packRhs(p.recurrentKernel, GH, GH, H, true, pack, operands.whole);
  }

  const int parts = recurrentParts(B, H);
  runParallel(parts, [&](int part) {
    const RowRange range = rowRange(B, parts, part);
    backwardRows(p, io, views, operands, range.begin, range.end);
  });

  // Weight gradients: one large GEMM each, over all steps (split across threads by sgemmStrided).
  if (io.dKernel) sgemmStrided(true, false, D, GH, rows, 1.0f, inputs, D, dG, GH, 0.0f, io.dKernel, GH);
  if (io.dBias) {
    columnSums(dG, rows, GH, GH, io.dBias);
    if (separateRecurrentGradient) columnSums(dGr, rows, GH, GH, io.dBias + GH);
  }
  if (io.dRecurrentKernel) {
    const float* hiddenInputs = states;
    if (p.recurrentDropoutMask) {
      float* masked = spare;
      spare += rows * H;
      for (std::int64_t r = 0; r < rows; ++r) {
        const float* __restrict k = p.recurrentDropoutMask + (r % B) * H;
        for (std::int64_t j = 0; j < H; ++j) masked[r * H + j] = states[r * H + j] * k[j];
      }
      hiddenInputs = masked;
    }
    if (gru && !p.resetAfter) {
      // Columns [0, 2H) from h_in^T dG[:, :2H]; columns [2H, 3H) from (r * h_in)^T dA.
      sgemmStrided(true, false, H, 2 * H, rows, 1.0f, hiddenInputs, H, dG, GH, 0.0f, io.dRecurrentKernel, GH);
      sgemmStrided(true, false, H, H, rows, 1.0f, extra, H, dG + 2 * H, GH, 0.0f, io.dRecurrentKernel + 2 * H, GH);
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
