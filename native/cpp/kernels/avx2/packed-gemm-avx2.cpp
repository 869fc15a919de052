// The packed-panel microkernel for AVX2 + FMA (compiled with those flags; called only when the CPU
// has them). Tiles of up to 6 rows x 16 columns keep 12 accumulators in ymm registers. Partial
// panels use masked loads and stores, full ones plain ones: AMD's vmaskmovps store is microcoded
// (several cycles each), and 12 of them per tile cost ts-small's 64 x 64 x 192 step product a
// quarter of its time on Zen.
#include <immintrin.h>

#include "kernels/packed-gemm.hpp"

namespace recur::avx2 {

namespace {

inline __m256i laneMask(std::int64_t lanes) {
  const __m256i index = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(lanes)), index);
}

template <int Rows, bool Full>
inline void tile(std::int64_t k, const float* a, std::int64_t lda, const float* panel, bool accumulate, float* c,
                 std::int64_t ldc, __m256i mask0, __m256i mask1) {
  // The row loops are unrolled before scalar replacement so the accumulators live in registers
  // (left to the late unroller, gcc 12 kept them in a stack array: a store and a reload per FMA).
  __m256 low[Rows];
  __m256 high[Rows];
#pragma GCC unroll 8
  for (int r = 0; r < Rows; ++r) {
    if (!accumulate) {
      low[r] = _mm256_setzero_ps();
      high[r] = _mm256_setzero_ps();
    } else if (Full) {
      low[r] = _mm256_loadu_ps(c + r * ldc);
      high[r] = _mm256_loadu_ps(c + r * ldc + 8);
    } else {
      low[r] = _mm256_maskload_ps(c + r * ldc, mask0);
      high[r] = _mm256_maskload_ps(c + r * ldc + 8, mask1);
    }
  }
  for (std::int64_t kk = 0; kk < k; ++kk) {
    const __m256 b0 = _mm256_loadu_ps(panel + kk * 16);
    const __m256 b1 = _mm256_loadu_ps(panel + kk * 16 + 8);
#pragma GCC unroll 8
    for (int r = 0; r < Rows; ++r) {
      const __m256 value = _mm256_broadcast_ss(a + r * lda + kk);
      low[r] = _mm256_fmadd_ps(value, b0, low[r]);
      high[r] = _mm256_fmadd_ps(value, b1, high[r]);
    }
  }
#pragma GCC unroll 8
  for (int r = 0; r < Rows; ++r) {
    if (Full) {
      _mm256_storeu_ps(c + r * ldc, low[r]);
      _mm256_storeu_ps(c + r * ldc + 8, high[r]);
    } else {
      _mm256_maskstore_ps(c + r * ldc, mask0, low[r]);
      _mm256_maskstore_ps(c + r * ldc + 8, mask1, high[r]);
    }
  }
}

// Rows taken by six-row tiles: all the sixes, except that a remainder of two rows becomes
// 8 = 4 + 4 (a narrow two-row tile does two loads per four FMAs; the 32-row step product of
// charlm would spend a sixteenth of its rows there).
std::int64_t sixRowTileRows(std::int64_t m) {
  const std::int64_t sixRowEnd = m % 6 == 2 && m >= 8 ? m - 8 : m;
  return sixRowEnd - sixRowEnd % 6;
}

// Rows taken by the tall (six- and four-row) tiles; the zero to three left over go to the
// narrow tiles (a partial panel) or to wideTile (full panels).
std::int64_t tallTileRows(std::int64_t m) {
  std::int64_t r = sixRowTileRows(m);
  while (r + 4 <= m) r += 4;
  return r;
}

// One or two rows across several full panels at once: a one-row tile on one panel has two
// accumulators, each waiting out the FMA latency every k step (a quarter of the FMA rate: the
// whole cost of a streaming batch of one); across 4 panels (or 2 for two rows) eight independent
// accumulators keep the FMA units busy. Each element is still summed over k in order, by the
// same FMAs, so its bits do not depend on which tile computed it.
template <int Rows, int Panels>
inline void wideTile(std::int64_t k, const float* a, std::int64_t lda, const float* panels, bool accumulate, float* c,
                     std::int64_t ldc) {
  constexpr int kVectors = 2 * Panels;  // two ymm per 16-column panel
  const std::int64_t panelStride = k * kPanelWidth;
  __m256 sum[Rows][kVectors];
#pragma GCC unroll 8
  for (int r = 0; r < Rows; ++r) {
#pragma GCC unroll 8
    for (int v = 0; v < kVectors; ++v) {
      float* out = c + r * ldc + v * 8;
      sum[r][v] = accumulate ? _mm256_loadu_ps(out) : _mm256_setzero_ps();
    }
  }
  for (std::int64_t kk = 0; kk < k; ++kk) {
#pragma GCC unroll 8
    for (int r = 0; r < Rows; ++r) {
      const __m256 value = _mm256_broadcast_ss(a + r * lda + kk);
#pragma GCC unroll 8
      for (int v = 0; v < kVectors; ++v) {
        const float* b = panels + (v / 2) * panelStride + kk * kPanelWidth + (v % 2) * 8;
        sum[r][v] = _mm256_fmadd_ps(value, _mm256_loadu_ps(b), sum[r][v]);
      }
    }
  }
#pragma GCC unroll 8
  for (int r = 0; r < Rows; ++r) {
#pragma GCC unroll 8
    for (int v = 0; v < kVectors; ++v) _mm256_storeu_ps(c + r * ldc + v * 8, sum[r][v]);
  }
}

// The one or two rows of `a` left by the tall tiles, over the first `fullPanels` panels.
template <int Rows>
void wideRows(std::int64_t fullPanels, std::int64_t k, const float* a, std::int64_t lda, const float* panels,
              bool accumulate, float* c, std::int64_t ldc) {
  constexpr int kPanels = Rows == 1 ? 4 : 2;
  const __m256i all = _mm256_set1_epi32(-1);
  std::int64_t p = 0;
  for (; p + kPanels <= fullPanels; p += kPanels) {
    wideTile<Rows, kPanels>(k, a, lda, panels + p * k * kPanelWidth, accumulate, c + p * kPanelWidth, ldc);
  }
  for (; p < fullPanels; ++p) {
    tile<Rows, true>(k, a, lda, panels + p * k * kPanelWidth, accumulate, c + p * kPanelWidth, ldc, all, all);
  }
}

template <bool Full>
void panelRows(std::int64_t m, std::int64_t k, const float* a, std::int64_t lda, const float* panel, bool accumulate,
               float* block, std::int64_t ldc, __m256i mask0, __m256i mask1) {
  // The tiles tallTileRows counts, then (only when m is not tallTileRows(m)) narrow ones.
  const std::int64_t sixRowEnd = sixRowTileRows(m);
  std::int64_t r = 0;
  for (; r < sixRowEnd; r += 6) tile<6, Full>(k, a + r * lda, lda, panel, accumulate, block + r * ldc, ldc, mask0, mask1);
  while (r + 4 <= m) {
    tile<4, Full>(k, a + r * lda, lda, panel, accumulate, block + r * ldc, ldc, mask0, mask1);
    r += 4;
  }
  if (r + 2 <= m) {
    tile<2, Full>(k, a + r * lda, lda, panel, accumulate, block + r * ldc, ldc, mask0, mask1);
    r += 2;
  }
  if (r < m) tile<1, Full>(k, a + r * lda, lda, panel, accumulate, block + r * ldc, ldc, mask0, mask1);
}

}  // namespace

void gemmPanels(std::int64_t m, std::int64_t k, std::int64_t n, const float* a, std::int64_t lda, const float* panels,
                bool accumulate, float* c, std::int64_t ldc) {
  const std::int64_t panelCount = (n + kPanelWidth - 1) / kPanelWidth;
  const std::int64_t fullPanels = n / kPanelWidth;
  const std::int64_t tallRows = tallTileRows(m);
  for (std::int64_t p = 0; p < panelCount; ++p) {
    const std::int64_t columns = n - p * kPanelWidth < kPanelWidth ? n - p * kPanelWidth : kPanelWidth;
    const __m256i mask0 = laneMask(columns);
    const __m256i mask1 = laneMask(columns - 8);
    const float* panel = panels + p * k * kPanelWidth;
    float* block = c + p * kPanelWidth;
    if (columns == kPanelWidth) {
      panelRows<true>(tallRows, k, a, lda, panel, accumulate, block, ldc, mask0, mask1);
    } else {
      panelRows<false>(m, k, a, lda, panel, accumulate, block, ldc, mask0, mask1);
    }
  }
  // The zero to three rows the tall tiles left, on the full panels.
  std::int64_t r = tallRows;
  if (r + 2 <= m) {
    wideRows<2>(fullPanels, k, a + r * lda, lda, panels, accumulate, c + r * ldc, ldc);
    r += 2;
  }
  if (r < m) wideRows<1>(fullPanels, k, a + r * lda, lda, panels, accumulate, c + r * ldc, ldc);
}

}  // namespace recur::avx2
