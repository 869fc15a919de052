// How the recurrent kernels split batch rows across threads.
#pragma once
#include <algorithm>
#include <cstdint>

#include "kernels/thread-pool.hpp"

namespace recur {

struct RowRange {
  std::int64_t begin;
  std::int64_t end;
};

// Below this many rows per thread the per-step GEMMs get too thin to pay for a second thread.
constexpr std::int64_t kMinimumRowsPerThread = 4;

// Threads for a recurrence over `batch` rows. Only the rows count: each part runs the whole time
// loop with no synchronization inside it, so the per-step work (which grows with the units) sets
// no lower bound on a part's size beyond keeping its GEMMs a few rows tall.
inline int recurrentParts(std::int64_t batch) {
  const std::int64_t byRows = batch / kMinimumRowsPerThread;
  const std::int64_t parts = std::min<std::int64_t>(kernelThreads(), byRows);
  return parts < 1 ? 1 : static_cast<int>(parts);
}

// Contiguous, balanced row ranges.
inline RowRange rowRange(std::int64_t batch, int parts, int part) {
  const std::int64_t base = batch / parts, extra = batch % parts;
  const std::int64_t begin = part * base + (part < extra ? part : extra);
  return {begin, begin + base + (part < extra ? 1 : 0)};
}

}  // namespace recur
