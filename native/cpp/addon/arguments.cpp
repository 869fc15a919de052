#include "addon/arguments.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace recur::addon {

void throwArgumentError(Napi::Env env, const char* function, const char* argument,
                        const std::string& expected, const std::string& received) {
  Napi::Error error = Napi::TypeError::New(env, std::string(function) + ": argument '" + argument +
                                                    "' expected " + expected + ", received " +
                                                    received);
  error.Set("code", Napi::String::New(env, "ERR_RECUR_NATIVE_ARGUMENT"));
  throw error;
}

std::string describe(const Napi::Value& value) {
  if (value.IsUndefined()) return "undefined";
  if (value.IsNull()) return "null";
  if (value.IsBoolean()) return value.As<Napi::Boolean>().Value() ? "true" : "false";
  if (value.IsNumber()) {
    const double number = value.As<Napi::Number>().DoubleValue();
    if (std::isnan(number)) return "NaN";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", number);
    return buffer;
  }
  if (value.IsString()) return "a string";
  if (value.IsTypedArray()) {
    const auto array = value.As<Napi::TypedArray>();
    static const char* names[] = {"Int8Array",    "Uint8Array",   "Uint8ClampedArray",
                                  "Int16Array",   "Uint16Array",  "Int32Array",
                                  "Uint32Array",  "Float32Array", "Float64Array",
                                  "BigInt64Array", "BigUint64Array"};
    const auto type = static_cast<std::size_t>(array.TypedArrayType());
    const std::string name = type < sizeof names / sizeof *names ? names[type] : "TypedArray";
    return name + " of length " + std::to_string(array.ElementLength());
  }
  if (value.IsArray()) return "an Array";
  if (value.IsFunction()) return "a function";
  if (value.IsObject()) return "an object";
  return "an unsupported value";
}

void requireArgumentCount(const Napi::CallbackInfo& info, std::size_t count, const char* function) {
  if (info.Length() != count) {
    throwArgumentError(info.Env(), function, "arguments", std::to_string(count) + " arguments",
                       std::to_string(info.Length()));
  }
}

std::int64_t dimensionArgument(const Napi::CallbackInfo& info, std::size_t index,
                               const char* function, const char* name, std::int64_t maximum) {
  const Napi::Value value = info[index];
  if (!value.IsNumber()) {
    throwArgumentError(info.Env(), function, name, "a non-negative integer", describe(value));
  }
  const double number = value.As<Napi::Number>().DoubleValue();
  if (!(number >= 0) || number != std::floor(number) || number > static_cast<double>(maximum)) {
    throwArgumentError(info.Env(), function, name,
                       "an integer in [0, " + std::to_string(maximum) + "]", describe(value));
  }
  return static_cast<std::int64_t>(number);
}

bool booleanArgument(const Napi::CallbackInfo& info, std::size_t index, const char* function,
                     const char* name) {
  const Napi::Value value = info[index];
  if (!value.IsBoolean()) {
    throwArgumentError(info.Env(), function, name, "a boolean", describe(value));
  }
  return value.As<Napi::Boolean>().Value();
}

float floatArgument(const Napi::CallbackInfo& info, std::size_t index, const char* function,
                    const char* name) {
  const Napi::Value value = info[index];
  if (!value.IsNumber()) {
    throwArgumentError(info.Env(), function, name, "a number", describe(value));
  }
  return static_cast<float>(value.As<Napi::Number>().DoubleValue());
}

Float32View float32ArrayArgument(const Napi::CallbackInfo& info, std::size_t index,
                                 const char* function, const char* name,
                                 std::int64_t expectedLength) {
  const Napi::Value value = info[index];
  if (!value.IsTypedArray() ||
      value.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    throwArgumentError(info.Env(), function, name,
                       "a Float32Array of length " + std::to_string(expectedLength),
                       describe(value));
  }
  auto array = value.As<Napi::Float32Array>();
  const std::size_t length = array.ElementLength();
  if (expectedLength < 0 || static_cast<std::uint64_t>(length) !=
                                static_cast<std::uint64_t>(expectedLength)) {
    throwArgumentError(info.Env(), function, name,
                       "a Float32Array of length " + std::to_string(expectedLength),
                       describe(value));
  }
  float* data = length == 0 ? nullptr : array.Data();
  if (length != 0 && data == nullptr) {
    throwArgumentError(info.Env(), function, name, "an attached Float32Array",
                       "a detached buffer");
  }
  return {data, length};
}

Float64View float64ArrayArgument(const Napi::CallbackInfo& info, std::size_t index,
                                 const char* function, const char* name,
                                 std::int64_t expectedLength) {
  const Napi::Value value = info[index];
  const std::string expected = "a Float64Array of length " + std::to_string(expectedLength);
  if (!value.IsTypedArray() ||
      value.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    throwArgumentError(info.Env(), function, name, expected, describe(value));
  }
  auto array = value.As<Napi::Float64Array>();
  const std::size_t length = array.ElementLength();
  if (expectedLength < 0 || static_cast<std::uint64_t>(length) !=
                                static_cast<std::uint64_t>(expectedLength)) {
    throwArgumentError(info.Env(), function, name, expected, describe(value));
  }
  double* data = length == 0 ? nullptr : array.Data();
  if (length != 0 && data == nullptr) {
    throwArgumentError(info.Env(), function, name, "an attached Float64Array",
                       "a detached buffer");
  }
  return {data, length};
}

namespace {

void requireDisjointBytes(Napi::Env env, const char* function, const char* outputName,
                          const void* output, std::size_t outputBytes, const char* inputName,
                          const void* input, std::size_t inputBytes) {
  if (outputBytes == 0 || inputBytes == 0) return;
  const auto outputBegin = reinterpret_cast<std::uintptr_t>(output);
  const auto outputEnd = outputBegin + outputBytes;
  const auto inputBegin = reinterpret_cast<std::uintptr_t>(input);
  const auto inputEnd = inputBegin + inputBytes;
  if (outputBegin < inputEnd && inputBegin < outputEnd) {
    throwArgumentError(env, function, outputName,
                       std::string("memory not shared with '") + inputName + "'",
                       "an overlapping view of the same buffer");
  }
}

}  // namespace

void requireDisjoint(Napi::Env env, const char* function, const char* outputName,
                     const Float32View& output, const char* inputName, const Float32View& input) {
  requireDisjointBytes(env, function, outputName, output.data, output.length * sizeof(float),
                       inputName, input.data, input.length * sizeof(float));
}

void requireDisjoint(Napi::Env env, const char* function, const char* outputName,
                     const Float64View& output, const char* inputName, const Float64View& input) {
  requireDisjointBytes(env, function, outputName, output.data, output.length * sizeof(double),
                       inputName, input.data, input.length * sizeof(double));
}

Napi::Object objectArgument(const Napi::CallbackInfo& info, std::size_t index, const char* function) {
  requireArgumentCount(info, index + 1, function);
  const Napi::Value value = info[index];
  if (!value.IsObject() || value.IsArray() || value.IsTypedArray() || value.IsFunction()) {
    throwArgumentError(info.Env(), function, "options", "an options object", describe(value));
  }
  return value.As<Napi::Object>();
}

std::int64_t dimensionProperty(const Napi::Object& object, const char* function, const char* name,
                               std::int64_t minimum, std::int64_t maximum) {
  const Napi::Value value = object.Get(name);
  const std::string expected =
      "an integer in [" + std::to_string(minimum) + ", " + std::to_string(maximum) + "]";
  if (!value.IsNumber()) throwArgumentError(object.Env(), function, name, expected, describe(value));
  const double number = value.As<Napi::Number>().DoubleValue();
  if (!(number >= static_cast<double>(minimum)) || number != std::floor(number) ||
      number > static_cast<double>(maximum)) {
    throwArgumentError(object.Env(), function, name, expected, describe(value));
  }
  return static_cast<std::int64_t>(number);
}

bool booleanProperty(const Napi::Object& object, const char* function, const char* name) {
  const Napi::Value value = object.Get(name);
  if (!value.IsBoolean()) throwArgumentError(object.Env(), function, name, "a boolean", describe(value));
  return value.As<Napi::Boolean>().Value();
}

std::string stringProperty(const Napi::Object& object, const char* function, const char* name) {
  const Napi::Value value = object.Get(name);
  if (!value.IsString()) throwArgumentError(object.Env(), function, name, "a string", describe(value));
  return value.As<Napi::String>().Utf8Value();
}

Float32View float32Property(const Napi::Object& object, const char* function, const char* name,
                            std::int64_t expectedLength, bool optional) {
  const Napi::Value value = object.Get(name);
  if (optional && (value.IsNull() || value.IsUndefined())) return {nullptr, 0};
  const std::string expected = "a Float32Array of length " + std::to_string(expectedLength) + (optional ? " or null" : "");
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    throwArgumentError(object.Env(), function, name, expected, describe(value));
  }
  auto array = value.As<Napi::Float32Array>();
  if (static_cast<std::uint64_t>(array.ElementLength()) != static_cast<std::uint64_t>(expectedLength)) {
    throwArgumentError(object.Env(), function, name, expected, describe(value));
  }
  float* data = array.ElementLength() == 0 ? nullptr : array.Data();
  if (array.ElementLength() != 0 && data == nullptr) {
    throwArgumentError(object.Env(), function, name, "an attached Float32Array", "a detached buffer");
  }
  return {data, array.ElementLength()};
}

std::int64_t checkedProduct(Napi::Env env, const char* function, const char* what,
                            std::initializer_list<std::int64_t> factors) {
  constexpr std::int64_t kLimit = std::int64_t{1} << 53;
  std::int64_t product = 1;
  for (const std::int64_t factor : factors) {
    if (factor != 0 && product > kLimit / factor) {
      throwArgumentError(env, function, what, "sizes whose product fits in a typed array",
                         "a product above 2^53");
    }
    product *= factor;
  }
  return product;
}

}  // namespace recur::addon
