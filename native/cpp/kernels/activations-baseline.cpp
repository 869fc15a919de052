// Activation kernels compiled for baseline (see activations-impl.inc).
#include "kernels/activations.hpp"

#include "kernels/activations-impl.inc"

namespace recur::baseline {

const ActivationKernels& kernels() {
  static const ActivationKernels table{activate, scaleByDerivative, "baseline"};
  return table;
}

}  // namespace recur::baseline
