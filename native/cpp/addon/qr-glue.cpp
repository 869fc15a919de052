#include "addon/qr-glue.hpp"

#include <string>

#include "addon/arguments.hpp"
#include "kernels/gemm.hpp"
#include "kernels/qr.hpp"

namespace recur::addon {
namespace {

bool isTypedArrayOf(const Napi::Value& value, napi_typedarray_type type) {
  return value.IsTypedArray() && value.As<Napi::TypedArray>().TypedArrayType() == type;
}

// All three arrays of one element type: exact lengths, outputs disjoint from a and each other.
template <typename View, typename Read>
void run(const Napi::CallbackInfo& info, const char* name, std::int64_t m, std::int64_t n,
         std::int64_t size, Read read) {
  const View a = read(info, 2, name, "a", size);
  const View q = read(info, 3, name, "q", size);
  const View r = read(info, 4, name, "r", n * n);
  requireDisjoint(info.Env(), name, "q", q, "a", a);
  requireDisjoint(info.Env(), name, "r", r, "a", a);
  requireDisjoint(info.Env(), name, "r", r, "q", q);
  qr(m, n, a.data, q.data, r.data);
}

}  // namespace

Napi::Value Qr(const Napi::CallbackInfo& info) {
  constexpr const char* kName = "qr";
  Napi::Env env = info.Env();
  requireArgumentCount(info, 5, kName);
  const std::int64_t m = dimensionArgument(info, 0, kName, "m", kMaximumBlasDimension);
  const std::int64_t n = dimensionArgument(info, 1, kName, "n", kMaximumBlasDimension);
  if (n < 1) {
    throwArgumentError(env, kName, "n", "an integer in [1, " + std::to_string(kMaximumBlasDimension) + "]",
                       describe(info[1]));
  }
  if (m < n) {
    throwArgumentError(env, kName, "m", "an integer >= n (" + std::to_string(n) + ")", describe(info[0]));
  }
  const std::int64_t size = checkedProduct(env, kName, "a", {m, n});
  // n <= m and m * n fits in 2^53, so n * n does too.
  if (isTypedArrayOf(info[2], napi_float64_array)) {
    run<Float64View>(info, kName, m, n, size, float64ArrayArgument);
  } else if (isTypedArrayOf(info[2], napi_float32_array)) {
    run<Float32View>(info, kName, m, n, size, float32ArrayArgument);
  } else {
    throwArgumentError(env, kName, "a", "a Float32Array or Float64Array of length " + std::to_string(size),
                       describe(info[2]));
  }
  return env.Undefined();
}

}  // namespace recur::addon
