// Activation kernels compiled for avx2 (see activations-impl.inc).
#include "kernels/activations.hpp"

#include "kernels/activations-impl.inc"

namespace recur::avx2 {

const ActivationKernels& kernels() {
  static const ActivationKernels table{activate, scaleByDerivative, "avx2"};
  return table;
}

}  // namespace recur::avx2
