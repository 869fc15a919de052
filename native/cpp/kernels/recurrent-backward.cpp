// Backward through time. Per step (in reverse) one element-wise pass writes the pre-activation
// gradients dG_t into one [T*B, G*H] buffer and dh_{t-1} = dG_t . U^T; after the loop the weight
// gradients are single GEMMs over all steps. Mirrors recurrent-backward.ts.
#include <algorithm>
#include <cstring>

#include "kernels/gemm.hpp"
#include "kernels/recurrent.hpp"
#include "kernels/scratch.hpp"

namespace recur {

namespace {

void columnSums(const float* matrix, std::int64_t rows, std::int64_t columns, std::int64_t ld, float* out) {
  std::fill(out, out + columns, 0.0f);
  for (std::int64_t r = 0; r < rows; ++r) {
    const float* __restrict row = matrix + r * ld;
    for (std::int64_t j = 0; j < columns; ++j) out[j] += row[j];
  }
}

}  // namespace

void recurrentBackward(const RecurrentProblem& p, const RecurrentBackwardBuffers& io) {
  const std::int64_t B = p.batch, T = p.steps, D = p.inputSize, H = p.units;
  const std::int64_t G = gateCount(p.cell), GH = G * H, BH = B * H, rows = T * B;
  const bool gru = p.cell == Cell::Gru;
  const bool separateRecurrentGradient = gru && p.resetAfter;
  const RecurrentWorkspaceLayout layout = recurrentWorkspaceLayout(p.cell, B, T, D, H);
  const ActivationKernels& kernels = activationKernels();
  const float* inputs = io.workspace + layout.inputs;
  const float* gates = io.workspace + layout.gates;
  const float* states = io.workspace + layout.states;
  const float* cells = io.workspace + layout.cells;
  const float* extra = io.workspace + layout.extra;
  const float* keep = p.recurrentDropoutMask;

  Scratch& scratch = threadScratch();
  const std::size_t gradientRows = static_cast<std::size_t>(rows * GH);
  std::size_t size = Scratch::rounded(gradientRows) * (separateRecurrentGradient ? 2 : 1) + Scratch::rounded(BH) * 6 +
                     Scratch::rounded(B * GH);
  if (keep && io.dRecurrentKernel) size += Scratch::rounded(static_cast<std::size_t>(rows * H));
  if (io.dx) size += Scratch::rounded(static_cast<std::size_t>(rows * D));
  scratch.reset(size);
  // dG: gradients of the pre-activations fed by the input projection. LSTM and SimpleRNN feed the
  // same pre-activations from the recurrent product; GRU reset-after scales the candidate's
  // recurrent part by r, so its recurrent gradient dGr differs in the last H columns.
  float* dG = scratch.take(gradientRows);
  float* dGr = separateRecurrentGradient ? scratch.take(gradientRows) : dG;
  float* dh = scratch.take(BH);
  float* dc = scratch.take(BH);
  float* total = scratch.take(BH);
  float* carry = scratch.take(BH);
  float* direct = scratch.take(BH);
  float* recurrentGradient = scratch.take(BH);
  float* zrGradient = scratch.take(B * GH);
  if (io.dFinalH) std::memcpy(dh, io.dFinalH, sizeof(float) * BH);
  if (io.dFinalC && p.cell == Cell::Lstm) std::memcpy(dc, io.dFinalC, sizeof(float) * BH);

  for (std::int64_t s = T - 1; s >= 0; --s) {
    const std::int64_t t = p.goBackwards ? T - 1 - s : s;
    const float* g = gates + s * B * GH;
    float* d = dG + s * B * GH;
    float* dr = dGr + s * B * GH;
    const float* hPrev = states + s * BH;
    // The output at step s is h_s on a valid step, else the previous output: its gradient waits in
    // `carry` until the valid step that produced it.
    if (io.dSequence) {
      for (std::int64_t b = 0; b < B; ++b) {
        const float* __restrict from = io.dSequence + (b * T + s) * H;
        float* __restrict c = carry + b * H;
        for (std::int64_t j = 0; j < H; ++j) c[j] += from[j];
      }
    }
    for (std::int64_t b = 0; b < B; ++b) {
      const bool valid = !p.mask || p.mask[b * T + t] != 0.0f;
      float* __restrict tot = total + b * H;
      float* __restrict car = carry + b * H;
      float* __restrict dir = direct + b * H;
      const float* __restrict dhb = dh + b * H;
      if (valid) {
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
    auto valid = [&](std::int64_t b) { return !p.mask || p.mask[b * T + t] != 0.0f; };

    if (p.cell == Cell::Lstm) {
      const float* cPrev = cells + s * BH;
      const float* cellActivation = extra + s * BH;
      for (std::int64_t b = 0; b < B; ++b) {
        if (!valid(b)) continue;
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
      const float* saved = extra + s * BH;
      for (std::int64_t b = 0; b < B; ++b) {
        if (!valid(b)) continue;
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
        sgemmStrided(false, true, B, H, H, 1.0f, d + 2 * H, GH, p.recurrentKernel + 2 * H, GH, 0.0f,
                     recurrentGradient, H);
        for (std::int64_t b = 0; b < B; ++b) {
          if (!valid(b)) continue;
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
        for (std::int64_t b = 0; b < B; ++b) std::memcpy(zrGradient + b * 2 * H, d + b * GH, sizeof(float) * 2 * H);
        sgemmStrided(false, true, B, H, 2 * H, 1.0f, zrGradient, 2 * H, p.recurrentKernel, GH, 1.0f,
                     recurrentGradient, H);
      }
    } else {
      for (std::int64_t b = 0; b < B; ++b) {
        if (!valid(b)) continue;
        std::memcpy(d + b * H, total + b * H, sizeof(float) * H);
        kernels.scaleByDerivative(p.activation, d + b * H, g + b * H, H);
      }
    }

    if (!(gru && !p.resetAfter)) {
      sgemmStrided(false, true, B, H, GH, 1.0f, dr, GH, p.recurrentKernel, GH, 0.0f, recurrentGradient, H);
    }
    for (std::int64_t k = 0; k < BH; ++k) {
      dh[k] = direct[k] + (keep ? recurrentGradient[k] * keep[k] : recurrentGradient[k]);
    }
  }

  if (io.dInitialH) std::memcpy(io.dInitialH, dh, sizeof(float) * BH);
  if (io.dInitialC) std::memcpy(io.dInitialC, dc, sizeof(float) * BH);
  if (io.dKernel) sgemmStrided(true, false, D, GH, rows, 1.0f, inputs, D, dG, GH, 0.0f, io.dKernel, GH);
  if (io.dBias) {
    columnSums(dG, rows, GH, GH, io.dBias);
    if (separateRecurrentGradient) columnSums(dGr, rows, GH, GH, io.dBias + GH);
  }
  if (io.dRecurrentKernel) {
    const float* hiddenInputs = states;
    if (keep) {
      float* masked = scratch.take(static_cast<std::size_t>(rows * H));
      for (std::int64_t r = 0; r < rows; ++r) {
        const float* __restrict k = keep + (r % B) * H;
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
    float* dInputs = scratch.take(static_cast<std::size_t>(rows * D));
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
