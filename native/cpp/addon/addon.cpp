// Node-API entry point: thin wrappers that validate every argument, then call a kernel.
#include <napi.h>

#include "addon/arguments.hpp"
#include "addon/guard.hpp"
#include "addon/qr-glue.hpp"
#include "addon/recurrent-glue.hpp"
#include "kernels/activations.hpp"
#include "kernels/blas-runtime.hpp"
#include "kernels/cpu-features.hpp"
#include "kernels/packed-gemm.hpp"
#include "kernels/gemm.hpp"
#include "kernels/heap-policy.hpp"
#include "kernels/thread-pool.hpp"

namespace recur::addon {
namespace {

// sgemm(transposeA, transposeB, m, n, k, alpha, a, b, beta, c): c = alpha op(a) op(b) + beta c.
Napi::Value Sgemm(const Napi::CallbackInfo& info) {
  constexpr const char* kName = "sgemm";
  requireArgumentCount(info, 10, kName);
  SgemmArguments arguments{};
  arguments.transposeA = booleanArgument(info, 0, kName, "transposeA");
  arguments.transposeB = booleanArgument(info, 1, kName, "transposeB");
  arguments.m = dimensionArgument(info, 2, kName, "m", kMaximumBlasDimension);
  arguments.n = dimensionArgument(info, 3, kName, "n", kMaximumBlasDimension);
  arguments.k = dimensionArgument(info, 4, kName, "k", kMaximumBlasDimension);
  arguments.alpha = floatArgument(info, 5, kName, "alpha");
  // Each product of two dimensions below 2^31 fits in int64 without overflow.
  const Float32View a = float32ArrayArgument(info, 6, kName, "a", arguments.m * arguments.k);
  const Float32View b = float32ArrayArgument(info, 7, kName, "b", arguments.k * arguments.n);
  arguments.beta = floatArgument(info, 8, kName, "beta");
  const Float32View c = float32ArrayArgument(info, 9, kName, "c", arguments.m * arguments.n);
  requireDisjoint(info.Env(), kName, "c", c, "a", a);
  requireDisjoint(info.Env(), kName, "c", c, "b", b);
  arguments.a = a.data;
  arguments.b = b.data;
  arguments.c = c.data;
  sgemm(arguments);
  return info.Env().Undefined();
}

Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  requireArgumentCount(info, 1, "setNumThreads");
  const auto threads = dimensionArgument(info, 0, "setNumThreads", "threads", 1024);
  if (threads < 1) {
    throwArgumentError(info.Env(), "setNumThreads", "threads", "an integer in [1, 1024]", "0");
  }
  setKernelThreads(static_cast<int>(threads));
  return info.Env().Undefined();
}

// setMaximumIsa('baseline' | 'avx2' | 'avx512'): caps the vector paths (tests exercise each one).
Napi::Value SetMaximumIsa(const Napi::CallbackInfo& info) {
  requireArgumentCount(info, 1, "setMaximumIsa");
  const Napi::Value value = info[0];
  const std::string name = value.IsString() ? value.As<Napi::String>().Utf8Value() : "";
  if (name == "baseline") setMaximumIsa(Isa::Baseline);
  else if (name == "avx2") setMaximumIsa(Isa::Avx2);
  else if (name == "avx512") setMaximumIsa(Isa::Avx512);
  else throwArgumentError(info.Env(), "setMaximumIsa", "isa", "'baseline', 'avx2' or 'avx512'", describe(value));
  return info.Env().Undefined();
}

// keepLargeAllocationsInHeap(): the loader calls it unless the user opted out (heap-policy.hpp).
Napi::Value KeepLargeAllocationsInHeap(const Napi::CallbackInfo& info) {
  requireArgumentCount(info, 0, "keepLargeAllocationsInHeap");
  return Napi::Boolean::New(info.Env(), keepLargeAllocationsInHeap());
}

Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object result = Napi::Object::New(env);
  result.Set("coreName", blasCoreName());
  result.Set("config", blasConfig());
  result.Set("numThreads", kernelThreads());
  result.Set("blasThreads", blasNumThreads());
  Napi::Array features = Napi::Array::New(env);
  const auto names = cpuFeatureNames();
  for (std::size_t i = 0; i < names.size(); ++i) features.Set(i, names[i]);
  result.Set("cpuFeatures", features);
  result.Set("abiVersion", 7);
  result.Set("activationIsa", activationKernels().isa);
  return result;
}

}  // namespace

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  // recur's pool owns the threads; OpenBLAS runs on the calling thread (thread-pool.hpp says why).
  setBlasNumThreads(1);
  exports.Set("sgemm", Napi::Function::New<guarded<Sgemm>>(env, "sgemm"));
  exports.Set("setNumThreads", Napi::Function::New<guarded<SetNumThreads>>(env, "setNumThreads"));
  exports.Set("info", Napi::Function::New<guarded<Info>>(env, "info"));
  exports.Set("setMaximumIsa", Napi::Function::New<guarded<SetMaximumIsa>>(env, "setMaximumIsa"));
  exports.Set("keepLargeAllocationsInHeap",
              Napi::Function::New<guarded<KeepLargeAllocationsInHeap>>(env, "keepLargeAllocationsInHeap"));
  exports.Set("recurrentForward", Napi::Function::New<guarded<RecurrentForward>>(env, "recurrentForward"));
  exports.Set("recurrentBackward", Napi::Function::New<guarded<RecurrentBackward>>(env, "recurrentBackward"));
  exports.Set("recurrentWorkspaceLayout",
              Napi::Function::New<guarded<RecurrentWorkspaceLayoutOf>>(env, "recurrentWorkspaceLayout"));
  exports.Set("qr", Napi::Function::New<guarded<Qr>>(env, "qr"));
  return exports;
}

}  // namespace recur::addon

static Napi::Object InitRecurNative(Napi::Env env, Napi::Object exports) {
  return recur::addon::Init(env, exports);
}

NODE_API_MODULE(recur_native, InitRecurNative)
