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

// The features the kernels may use: the CPU's, capped by setMaximumIsa (tests run every vector
// path on one machine this way).
CpuFeatures cpuFeatures();

enum class Isa { Baseline, Avx2, Avx512 };
void setMaximumIsa(Isa isa);
Isa maximumIsa();
std::vector<std::string> cpuFeatureNames();

}  // namespace recur
