// Node-API entry points of the fused recurrent kernels.
#pragma once
#include <napi.h>

namespace recur::addon {

Napi::Value RecurrentForward(const Napi::CallbackInfo& info);
Napi::Value RecurrentBackward(const Napi::CallbackInfo& info);
Napi::Value RecurrentWorkspaceLayoutOf(const Napi::CallbackInfo& info);

}  // namespace recur::addon
