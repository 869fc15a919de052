#include "kernels/recurrent-rows.hpp"

#include "kernels/cpu-features.hpp"

namespace recur {

const GruRowKernels* gruRowKernels(Activation recurrentActivation, Activation activation) {
  if (recurrentActivation != Activation::Sigmoid || activation != Activation::Tanh) return nullptr;
  const CpuFeatures cpu = cpuFeatures();
  if (cpu.avx512f && cpu.avx512bw && cpu.avx512dq && cpu.avx512vl) return &avx512::gruRows();
  if (cpu.avx2 && cpu.fma) return &avx2::gruRows();
  return nullptr;
}

const LstmRowKernels* lstmRowKernels(Activation recurrentActivation, Activation activation) {
  if (recurrentActivation != Activation::Sigmoid || activation != Activation::Tanh) return nullptr;
  const CpuFeatures cpu = cpuFeatures();
  if (cpu.avx512f && cpu.avx512bw && cpu.avx512dq && cpu.avx512vl) return &avx512::lstmRows();
  if (cpu.avx2 && cpu.fma) return &avx2::lstmRows();
  return nullptr;
}

}  // namespace recur
