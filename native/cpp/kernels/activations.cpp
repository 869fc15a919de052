#include "kernels/activations.hpp"

#include "kernels/cpu-features.hpp"

namespace recur {

const ActivationKernels& activationKernels() {
  // Chosen per call (a few branches) so setMaximumIsa takes effect at once.
  const CpuFeatures cpu = cpuFeatures();
  if (cpu.avx512f && cpu.avx512bw && cpu.avx512dq && cpu.avx512vl) return avx512::kernels();
  if (cpu.avx2 && cpu.fma) return avx2::kernels();
  return baseline::kernels();
}

}  // namespace recur
