// The step of each cell, chosen once per kernel call: a new cell is one step file plus one case
// here. Mirrors recurrent-cell-steps.ts.
#pragma once
#include "kernels/gru-step.hpp"
#include "kernels/lstm-step.hpp"
#include "kernels/simple-rnn-step.hpp"

namespace recur {

// Calls run(Step{}) with the step type of p's cell; `run` is a generic lambda, so each cell gets
// its own instantiation of the time loop.
template <typename Run>
void withCellStep(const RecurrentProblem& p, Run&& run) {
  switch (p.cell) {
    case Cell::Lstm:
      return run(LstmStep{});
    case Cell::Gru:
      if (p.resetAfter) return run(GruStep<true>{});
      return run(GruStep<false>{});
    case Cell::SimpleRnn:
      return run(SimpleRnnStep{});
  }
}

}  // namespace recur
