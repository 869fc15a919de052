#include "kernels/cpu-features.hpp"

namespace recur {

namespace {

CpuFeatures detect() {
  CpuFeatures features;
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  features.avx2 = __builtin_cpu_supports("avx2");
  features.fma = __builtin_cpu_supports("fma");
  features.avx512f = __builtin_cpu_supports("avx512f");
  features.avx512bw = __builtin_cpu_supports("avx512bw");
  features.avx512dq = __builtin_cpu_supports("avx512dq");
  features.avx512vl = __builtin_cpu_supports("avx512vl");
#if defined(__GNUC__) && __GNUC__ >= 12
  features.avx512bf16 = __builtin_cpu_supports("avx512bf16");
#endif
#endif
  return features;
}

}  // namespace

const CpuFeatures& cpuFeatures() {
  static const CpuFeatures features = detect();
  return features;
}

std::vector<std::string> cpuFeatureNames() {
  const CpuFeatures& f = cpuFeatures();
  std::vector<std::string> names;
  if (f.avx2) names.emplace_back("avx2");
  if (f.fma) names.emplace_back("fma");
  if (f.avx512f) names.emplace_back("avx512f");
  if (f.avx512bw) names.emplace_back("avx512bw");
  if (f.avx512dq) names.emplace_back("avx512dq");
  if (f.avx512vl) names.emplace_back("avx512vl");
  if (f.avx512bf16) names.emplace_back("avx512bf16");
  return names;
}

}  // namespace recur
