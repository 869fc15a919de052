// The packed-panel microkernel for AVX-512 (compiled with AVX-512 flags; called only when the CPU
// has them). Tiles of up to 8 rows x 32 columns keep 16 accumulators in zmm registers; per k step
// two panel loads and one broadcast per row feed 16 FMAs. Partial panels use lane masks.
#include <immintrin.h>

#include "kernels/packed-gemm.hpp"

namespace recur::avx512 {

namespace {

template <int Rows>
inline void tile(std::int64_t k, const float* a, std::int64_t lda, const float* panel, bool accumulate, float* c,
                 std::int64_t ldc, __mmask16 mask0, __mmask16 mask1) {
  __m512 low[Rows];
  __m512 high[Rows];
  for (int r = 0; r < Rows; ++r) {
    low[r] = accumulate ? _mm512_maskz_loadu_ps(mask0, c + r * ldc) : _mm512_setzero_ps();
    high[r] = accumulate ? _mm512_maskz_loadu_ps(mask1, c + r * ldc + 16) : _mm512_setzero_ps();
  }
  for (std::int64_t kk = 0; kk < k; ++kk) {
    const __m512 b0 = _mm512_loadu_ps(panel + kk * 32);
    const __m512 b1 = _mm512_loadu_ps(panel + kk * 32 + 16);
    for (int r = 0; r < Rows; ++r) {
      const __m512 value = _mm512_set1_ps(a[r * lda + kk]);
      low[r] = _mm512_fmadd_ps(value, b0, low[r]);
      high[r] = _mm512_fmadd_ps(value, b1, high[r]);
    }
  }
  for (int r = 0; r < Rows; ++r) {
    _mm512_mask_storeu_ps(c + r * ldc, mask0, low[r]);
    _mm512_mask_storeu_ps(c + r * ldc + 16, mask1, high[r]);
  }
}

}  // namespace

void gemmPanels(std::int64_t m, std::int64_t k, std::int64_t n, const float* a, std::int64_t lda, const float* panels,
                bool accumulate, float* c, std::int64_t ldc) {
  const std::int64_t panelCount = (n + kPanelWidth - 1) / kPanelWidth;
  for (std::int64_t p = 0; p < panelCount; ++p) {
    const std::int64_t columns = n - p * kPanelWidth < kPanelWidth ? n - p * kPanelWidth : kPanelWidth;
    const __mmask16 mask0 = columns >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << columns) - 1);
    const __mmask16 mask1 = columns >= 32 ? __mmask16(0xFFFF) : columns <= 16 ? __mmask16(0) : __mmask16((1u << (columns - 16)) - 1);
    const float* panel = panels + p * k * kPanelWidth;
    float* block = c + p * kPanelWidth;
    std::int64_t r = 0;
    for (; r + 8 <= m; r += 8) tile<8>(k, a + r * lda, lda, panel, accumulate, block + r * ldc, ldc, mask0, mask1);
    if (r + 4 <= m) {
      tile<4>(k, a + r * lda, lda, panel, accumulate, block + r * ldc, ldc, mask0, mask1);
      r += 4;
    }
    if (r + 2 <= m) {
      tile<2>(k, a + r * lda, lda, panel, accumulate, block + r * ldc, ldc, mask0, mask1);
      r += 2;
    }
    if (r < m) tile<1>(k, a + r * lda, lda, panel, accumulate, block + r * ldc, ldc, mask0, mask1);
  }
}

}  // namespace recur::avx512
