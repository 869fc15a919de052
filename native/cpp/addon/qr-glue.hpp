// Node-API entry point of the QR kernel.
#pragma once
#include <napi.h>

namespace recur::addon {

// qr(m, n, a, q, r): reduced QR of the row-major [m, n] a (m >= n >= 1) into q [m, n] and
// r [n, n]; a, q and r are all Float32Array or all Float64Array, pairwise disjoint.
Napi::Value Qr(const Napi::CallbackInfo& info);

}  // namespace recur::addon
