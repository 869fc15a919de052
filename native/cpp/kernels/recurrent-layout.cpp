#include "kernels/recurrent.hpp"

namespace recur {

std::int64_t gateCount(Cell cell) {
  switch (cell) {
    case Cell::Lstm:
      return 4;
    case Cell::Gru:
      return 3;
    case Cell::SimpleRnn:
      return 1;
  }
  return 1;
}

// The same layout as recurrentWorkspaceLayout() in packages/tensor/src/backend/recurrent-kernels.ts;
// packages/tensor/test/recurrent-layout.test.ts compares the two through the addon.
RecurrentWorkspaceLayout recurrentWorkspaceLayout(Cell cell, std::int64_t batch, std::int64_t steps,
                                                  std::int64_t inputSize, std::int64_t units) {
  const std::int64_t rows = steps * batch;
  RecurrentWorkspaceLayout layout{};
  layout.inputs = 0;
  layout.gates = layout.inputs + rows * inputSize;
  layout.states = layout.gates + rows * gateCount(cell) * units;
  layout.cells = layout.states + (steps + 1) * batch * units;
  const std::int64_t cellSize = cell == Cell::Lstm ? (steps + 1) * batch * units : 0;
  layout.extra = layout.cells + cellSize;
  const std::int64_t extraSize = cell == Cell::SimpleRnn ? 0 : rows * units;
  layout.size = layout.extra + extraSize;
  return layout;
}

}  // namespace recur
