// Instruction sets the CPU and OS support, as the compiler's runtime sees them. Used to pick
// vector paths at run time (the shipped build targets baseline x86-64).
#pragma once
#include <string>
#include <vector>

namespace recur {

struct CpuFeatures {
  bool avx2 = false;
  bool fma = false;
  bool avx512f = false;
  bool avx512bw = false;
  bool avx512dq = false;
  bool avx512vl = false;
  bool avx512bf16 = false;
};

const CpuFeatures& cpuFeatures();
std::vector<std::string> cpuFeatureNames();

}  // namespace recur
