// Element-wise activations over float ranges, dispatched at run time to the widest vector
// instruction set the CPU has (the shipped build targets baseline x86-64).
#pragma once
#include <cstddef>

namespace recur {

enum class Activation { Tanh, Sigmoid, HardSigmoid, Relu, Linear };

struct ActivationKernels {
  // a[i] = f(a[i]) for i < n.
  void (*activate)(Activation kind, float* a, std::size_t n);
  // g[i] *= f'(x_i) given y[i] = f(x_i); every supported f has a derivative in terms of its output.
  void (*scaleByDerivative)(Activation kind, float* g, const float* y, std::size_t n);
  const char* isa;
};

// The kernels for this CPU (chosen once).
const ActivationKernels& activationKernels();

// One implementation per instruction set; each is compiled in its own file with its own flags.
namespace baseline {
const ActivationKernels& kernels();
}
namespace avx2 {
const ActivationKernels& kernels();
}
namespace avx512 {
const ActivationKernels& kernels();
}

}  // namespace recur
