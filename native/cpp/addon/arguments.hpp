// Argument checks for the Node-API glue. Every exported function reads its arguments only through
// these helpers, so nothing reaches a kernel before its type, range and length have been checked.
#pragma once
#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace recur::addon {

// Thrown as a JS TypeError with code ERR_RECUR_NATIVE_ARGUMENT naming the function, the argument,
// what was expected and what came.
[[noreturn]] void throwArgumentError(Napi::Env env, const char* function, const char* argument,
                                     const std::string& expected, const std::string& received);

std::string describe(const Napi::Value& value);

std::int64_t dimensionArgument(const Napi::CallbackInfo& info, std::size_t index,
                               const char* function, const char* name, std::int64_t maximum);
bool booleanArgument(const Napi::CallbackInfo& info, std::size_t index, const char* function,
                     const char* name);
float floatArgument(const Napi::CallbackInfo& info, std::size_t index, const char* function,
                    const char* name);

struct Float32View {
  float* data;
  std::size_t length;
};

// A Float32Array of exactly `expectedLength` elements; `data` already includes its byteOffset.
Float32View float32ArrayArgument(const Napi::CallbackInfo& info, std::size_t index,
                                 const char* function, const char* name,
                                 std::int64_t expectedLength);

struct Float64View {
  double* data;
  std::size_t length;
};

// A Float64Array of exactly `expectedLength` elements; `data` already includes its byteOffset.
Float64View float64ArrayArgument(const Napi::CallbackInfo& info, std::size_t index,
                                 const char* function, const char* name,
                                 std::int64_t expectedLength);

// Outputs must not share memory with inputs (BLAS leaves that undefined).
void requireDisjoint(Napi::Env env, const char* function, const char* outputName,
                     const Float32View& output, const char* inputName, const Float32View& input);
void requireDisjoint(Napi::Env env, const char* function, const char* outputName,
                     const Float64View& output, const char* inputName, const Float64View& input);

void requireArgumentCount(const Napi::CallbackInfo& info, std::size_t count, const char* function);

// Readers for the fields of an options object (the recurrent kernels take one object).
Napi::Object objectArgument(const Napi::CallbackInfo& info, std::size_t index, const char* function);
std::int64_t dimensionProperty(const Napi::Object& object, const char* function, const char* name,
                               std::int64_t minimum, std::int64_t maximum);
bool booleanProperty(const Napi::Object& object, const char* function, const char* name);
std::string stringProperty(const Napi::Object& object, const char* function, const char* name);
// A Float32Array field of exactly `expectedLength` elements; null/undefined gives a null view when
// `optional`.
Float32View float32Property(const Napi::Object& object, const char* function, const char* name,
                            std::int64_t expectedLength, bool optional);
// a * b * ... as int64, or an argument error when the product exceeds 2^53 (no typed array is
// that long) before it can overflow.
std::int64_t checkedProduct(Napi::Env env, const char* function, const char* what,
                            std::initializer_list<std::int64_t> factors);

}  // namespace recur::addon
