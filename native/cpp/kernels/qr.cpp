#include "kernels/qr.hpp"

#include <cblas.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels/cholesky-qr.hpp"
#include "kernels/thread-pool.hpp"

// LAPACK's Fortran entry points, which Debian's libopenblas exports (its headers declare none of
// them). Every argument is passed by reference and blasint is LAPACK's INTEGER in this build; the
// trailing std::size_t parameters are gfortran's hidden lengths of the CHARACTER arguments.
extern "C" {
void sgeqrf_(const blasint* m, const blasint* n, float* a, const blasint* lda, float* tau,
             float* work, const blasint* lwork, blasint* info);
void dgeqrf_(const blasint* m, const blasint* n, double* a, const blasint* lda, double* tau,
             double* work, const blasint* lwork, blasint* info);
void slarft_(const char* direct, const char* storev, const blasint* n, const blasint* k,
             const float* v, const blasint* ldv, const float* tau, float* t, const blasint* ldt,
             std::size_t, std::size_t);
void dlarft_(const char* direct, const char* storev, const blasint* n, const blasint* k,
             const double* v, const blasint* ldv, const double* tau, double* t, const blasint* ldt,
             std::size_t, std::size_t);
void slarfb_(const char* side, const char* trans, const char* direct, const char* storev,
             const blasint* m, const blasint* n, const blasint* k, const float* v,
             const blasint* ldv, const float* t, const blasint* ldt, float* c, const blasint* ldc,
             float* work, const blasint* ldwork, std::size_t, std::size_t, std::size_t,
             std::size_t);
void dlarfb_(const char* side, const char* trans, const char* direct, const char* storev,
             const blasint* m, const blasint* n, const blasint* k, const double* v,
             const blasint* ldv, const double* t, const blasint* ldt, double* c,
             const blasint* ldc, double* work, const blasint* ldwork, std::size_t, std::size_t,
             std::size_t, std::size_t);
}

namespace recur {
namespace {

// The algorithm is LAPACK's blocked one (?geqrf, then ?orgqr to form Q), driven from here so that
// its level-3 part runs on recur's threads: OpenBLAS stays single-threaded (thread-pool.hpp says
// why), and a one-thread ?geqrf + ?orgqr of 4096 x 1024 floats (an LSTM(1024)'s recurrent
// kernel) took 0.22-0.3 s, half of the layer's build; on 2 threads this takes 0.13-0.2 s.
// Per block of kBlock columns: ?geqrf factors the panel (unblocked at this width, as inside
// ?geqrf), ?larft forms T of its block reflector H = I - V T V^T, and ?larfb applies H^T to the
// trailing columns. Q is then formed from the identity's first n columns, applying H of each block
// from the last to the first (what ?orgqr does). Every ?larfb is split into column chunks, which
// are independent; the chunks depend on the shape only, never on the thread count, so every
// thread count makes the same LAPACK calls and gets the same bits.
constexpr blasint kBlock = 32;  // ?geqrf's own block size (ilaenv)
constexpr std::int64_t kMinimumChunkColumns = 64;
constexpr std::int64_t kMaximumChunks = 16;
// Below this many multiply-adds a chunk is not worth waking a pool worker (see gemm.cpp).
constexpr std::int64_t kMinimumChunkVolume = std::int64_t{1} << 19;

void geqrf(blasint m, blasint n, float* a, blasint lda, float* tau, float* work, blasint lwork,
           blasint* info) {
  sgeqrf_(&m, &n, a, &lda, tau, work, &lwork, info);
}
void geqrf(blasint m, blasint n, double* a, blasint lda, double* tau, double* work,
           blasint lwork, blasint* info) {
  dgeqrf_(&m, &n, a, &lda, tau, work, &lwork, info);
}
void larft(blasint n, blasint k, const float* v, blasint ldv, const float* tau, float* t,
           blasint ldt) {
  slarft_("F", "C", &n, &k, v, &ldv, tau, t, &ldt, 1, 1);
}
void larft(blasint n, blasint k, const double* v, blasint ldv, const double* tau, double* t,
           blasint ldt) {
  dlarft_("F", "C", &n, &k, v, &ldv, tau, t, &ldt, 1, 1);
}
void larfb(const char* trans, blasint m, blasint n, blasint k, const float* v, blasint ldv,
           const float* t, blasint ldt, float* c, blasint ldc, float* work) {
  slarfb_("L", trans, "F", "C", &m, &n, &k, v, &ldv, t, &ldt, c, &ldc, work, &n, 1, 1, 1, 1);
}
void larfb(const char* trans, blasint m, blasint n, blasint k, const double* v, blasint ldv,
           const double* t, blasint ldt, double* c, blasint ldc, double* work) {
  dlarfb_("L", trans, "F", "C", &m, &n, &k, v, &ldv, t, &ldt, c, &ldc, work, &n, 1, 1, 1, 1);
}

void check(blasint info, const char* routine) {
  // info < 0 names a bad argument: a defect here, since the sizes were validated.
  if (info != 0) throw std::logic_error(std::string(routine) + " returned info " + std::to_string(info));
}

std::int64_t chunkCount(std::int64_t columns, std::int64_t volume) {
  const std::int64_t limit =
      std::min({kMaximumChunks, columns / kMinimumChunkColumns, volume / kMinimumChunkVolume});
  std::int64_t chunks = 1;
  while (chunks * 2 <= limit) chunks *= 2;
  return chunks;
}

// Applies H (trans "N") or H^T ("T") of a block of k reflectors (v, t) from the left to the
// rows x columns column-major c, in column chunks shared among recur's threads.
template <typename T>
void applyBlockReflector(const char* trans, std::int64_t rows, std::int64_t columns, blasint k,
                         const T* v, std::int64_t ldv, const T* t, T* c, std::int64_t ldc) {
  const std::int64_t chunks = chunkCount(columns, rows * columns * k);
  auto runChunk = [&](std::int64_t chunk) {
    const std::int64_t begin = columns * chunk / chunks;
    const std::int64_t end = columns * (chunk + 1) / chunks;
    std::vector<T> work(static_cast<std::size_t>((end - begin) * k));
    larfb(trans, static_cast<blasint>(rows), static_cast<blasint>(end - begin), k, v,
          static_cast<blasint>(ldv), t, kBlock, c + begin * ldc, static_cast<blasint>(ldc),
          work.data());
  };
  const int parts = static_cast<int>(std::min<std::int64_t>(kernelThreads(), chunks));
  runParallel(parts, [&](int part) {
    for (std::int64_t chunk = chunks * part / parts; chunk < chunks * (part + 1) / parts; ++chunk)
      runChunk(chunk);
  });
}

// out (cols x rows, row-major) = transpose of x (rows x cols, row-major). Row-major [m, n] is
// column-major [n, m]: this turns the caller's layout into LAPACK's and back. Blocks of 64 x 64
// in tiles of 8 x 8: with a power-of-two row length (4096 floats, 16 KiB) the 32 output rows of a
// 32 x 32 tile all map to one L1 set and evict each other, which made the 4096 x 1024 transpose
// ~9x slower than this.
template <typename T>
void transpose(std::int64_t rows, std::int64_t cols, const T* x, T* out) {
  constexpr std::int64_t kBlockSide = 64;
  constexpr std::int64_t kTile = 8;
  for (std::int64_t i0 = 0; i0 < rows; i0 += kBlockSide) {
    const std::int64_t i1 = std::min(rows, i0 + kBlockSide);
    for (std::int64_t j0 = 0; j0 < cols; j0 += kBlockSide) {
      const std::int64_t j1 = std::min(cols, j0 + kBlockSide);
      for (std::int64_t ii = i0; ii < i1; ii += kTile) {
        for (std::int64_t jj = j0; jj < j1; jj += kTile) {
          const std::int64_t ie = std::min(i1, ii + kTile);
          const std::int64_t je = std::min(j1, jj + kTile);
          for (std::int64_t j = jj; j < je; ++j) {
            for (std::int64_t i = ii; i < ie; ++i) out[j * rows + i] = x[i * cols + j];
          }
        }
      }
    }
  }
}

template <typename T>
void reducedQr(std::int64_t m, std::int64_t n, const T* a, T* q, T* r) {
  const auto ld = static_cast<blasint>(m);
  // Column-major copy of a (leading dimension m): R above the diagonal, the Householder vectors
  // below it once factored.
  // Not zero-filled: the transpose writes every element.
  std::unique_ptr<T[]> factored(new T[static_cast<std::size_t>(m * n)]);
  transpose(m, n, a, factored.get());
  std::vector<T> tau(static_cast<std::size_t>(n));
  // T of every block, kBlock x kBlock each (leading dimension kBlock), kept for forming Q.
  const std::int64_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<T> factors(static_cast<std::size_t>(blocks * kBlock * kBlock));

  // ?geqrf's workspace for the widest panel (lwork = -1 returns the optimal size in work[0]).
  T optimal = 0;
  blasint info = 0;
  geqrf(ld, static_cast<blasint>(std::min<std::int64_t>(kBlock, n)), factored.get(), ld,
        tau.data(), &optimal, -1, &info);
  check(info, "geqrf");
  const blasint lwork = std::max<blasint>(static_cast<blasint>(optimal), kBlock);
  std::vector<T> work(static_cast<std::size_t>(lwork));

  for (std::int64_t block = 0; block < blocks; ++block) {
    const std::int64_t k = block * kBlock;
    const auto width = static_cast<blasint>(std::min<std::int64_t>(kBlock, n - k));
    const auto rows = static_cast<blasint>(m - k);
    T* panel = factored.get() + k * m + k;
    T* t = factors.data() + block * kBlock * kBlock;
    geqrf(rows, width, panel, ld, tau.data() + k, work.data(), lwork, &info);
    check(info, "geqrf");
    larft(rows, width, panel, ld, tau.data() + k, t, kBlock);
    if (k + width < n)
      applyBlockReflector("T", rows, n - k - width, width, panel, m, t, panel + width * m, m);
  }

  // R from the upper triangle (column j holds R[0..j, j] in its first j + 1 entries).
  for (std::int64_t i = 0; i < n; ++i) {
    for (std::int64_t j = 0; j < n; ++j) r[i * n + j] = j >= i ? factored[j * m + i] : T(0);
  }

  // Q = H_0 ... H_{n-1} I[:, :n], formed in place over the factored matrix as ?orgqr does: going
  // back from the last block, the columns right of block k already hold Q's (zero above row k),
  // so block k's reflectors are copied out, its columns set to the identity's, and its H applied
  // to columns k.. from row k.
  std::vector<T> reflectors(static_cast<std::size_t>(m * kBlock));
  for (std::int64_t block = blocks - 1; block >= 0; --block) {
    const std::int64_t k = block * kBlock;
    const std::int64_t width = std::min<std::int64_t>(kBlock, n - k);
    const std::int64_t rows = m - k;
    for (std::int64_t j = 0; j < width; ++j) {
      T* column = factored.get() + (k + j) * m;
      std::copy(column + k, column + m, reflectors.data() + j * rows);
      std::fill(column, column + m, T(0));
      column[k + j] = T(1);
    }
    applyBlockReflector("N", rows, n - k, static_cast<blasint>(width), reflectors.data(), rows,
                        factors.data() + block * kBlock * kBlock, factored.get() + k * m + k, m);
  }
  transpose(n, m, factored.get(), q);
}

}  // namespace

// float32 takes CholeskyQR when it is accurate to float32 (cholesky-qr.cpp), as on the TS backend.
void qr(std::int64_t m, std::int64_t n, const float* a, float* q, float* r) {
  if (!choleskyQr(m, n, a, q, r)) reducedQr(m, n, a, q, r);
}
void qr(std::int64_t m, std::int64_t n, const double* a, double* q, double* r) { reducedQr(m, n, a, q, r); }

}  // namespace recur
