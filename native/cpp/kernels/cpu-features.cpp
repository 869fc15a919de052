#include "kernels/cpu-features.hpp"

#include <atomic>

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

namespace {
std::atomic<int> maximum{static_cast<int>(Isa::Avx512)};
}

void setMaximumIsa(Isa isa) { maximum.store(static_cast<int>(isa)); }

Isa maximumIsa() { return static_cast<Isa>(maximum.load()); }

CpuFeatures cpuFeatures() {
  static const CpuFeatures detected = detect();
  CpuFeatures features = detected;
  const Isa cap = maximumIsa();
  if (cap < Isa::Avx512) features.avx512f = features.avx512bw = features.avx512dq = features.avx512vl = features.avx512bf16 = false;
  if (cap < Isa::Avx2) features.avx2 = features.fma = false;
  return features;
}

std::vector<std::string> cpuFeatureNames() {
  const CpuFeatures f = cpuFeatures();
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
