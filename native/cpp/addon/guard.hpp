// Keeps C++ exceptions from crossing into V8: anything a kernel throws becomes a JS Error.
#pragma once
#include <napi.h>

#include <exception>
#include <new>
#include <string>

namespace recur::addon {

template <Napi::Value (*Function)(const Napi::CallbackInfo&)>
Napi::Value guarded(const Napi::CallbackInfo& info) {
  try {
    return Function(info);
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    Napi::Error error = Napi::RangeError::New(info.Env(), "recur native: out of memory");
    error.Set("code", Napi::String::New(info.Env(), "ERR_RECUR_NATIVE_OUT_OF_MEMORY"));
    throw error;
  } catch (const std::exception& exception) {
    Napi::Error error =
        Napi::Error::New(info.Env(), std::string("recur native: ") + exception.what());
    error.Set("code", Napi::String::New(info.Env(), "ERR_RECUR_NATIVE_INTERNAL"));
    throw error;
  } catch (...) {
    Napi::Error error = Napi::Error::New(info.Env(), "recur native: unknown C++ exception");
    error.Set("code", Napi::String::New(info.Env(), "ERR_RECUR_NATIVE_INTERNAL"));
    throw error;
  }
}

}  // namespace recur::addon
