// Activation kernels compiled for avx512 (see activations-impl.inc).
#include "kernels/activations.hpp"

#include "kernels/activations-impl.inc"

namespace recur::avx512 {

const ActivationKernels& kernels() {
  static const ActivationKernels table{activate, scaleByDerivative, "avx512"};
  return table;
}

}  // namespace recur::avx512
