// Parsing and memory-safety checks of the fused recurrent kernels' options record, shared by the
// Node-API entry points in recurrent-glue.cpp.
#pragma once
#include <napi.h>

#include <cstdint>
#include <vector>

#include "addon/arguments.hpp"
#include "kernels/recurrent.hpp"

namespace recur::addon {

// Generous but finite: keeps every size product far from int64 overflow.
constexpr std::int64_t kMaximumDimension = std::int64_t{1} << 31;

struct NamedView {
  const char* name;
  Float32View view;
  bool output;
};

// The problem (sizes, enums, input arrays) of a call, the views it has checked so far, and the
// workspace length its layout needs.
struct Parsed {
  RecurrentProblem problem;
  std::vector<NamedView> views;
  std::int64_t workspaceSize;
};

Cell parseCell(const Napi::Object& o, const char* function);
Parsed parseProblem(const Napi::Object& o, const char* function);
// Outputs must not share memory with any other array of the call.
void requireOutputsDisjoint(Napi::Env env, const char* function, const std::vector<NamedView>& views);

}  // namespace recur::addon
