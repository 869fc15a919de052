// recurrentForward(options) / recurrentBackward(options): the memory-safety checks only (sizes that
// cannot overflow, enums the kernels switch on, array lengths, no aliased outputs), so a lying
// caller gets an error rather than a crash. The typed, user-facing validation is @recur/tensor's
// recurrent op; the contract itself (cells, gates, layout) is recurrent.hpp's, mirrored there by
// recurrent-kernels.ts and compared by a test through recurrentWorkspaceLayout() below.
#include "addon/recurrent-glue.hpp"

#include <string>
#include <utility>
#include <vector>

#include "addon/arguments.hpp"
#include "addon/recurrent-arguments.hpp"
#include "kernels/recurrent.hpp"

namespace recur::addon {

Napi::Value RecurrentForward(const Napi::CallbackInfo& info) {
  constexpr const char* kName = "recurrentForward";
  const Napi::Object o = objectArgument(info, 0, kName);
  Parsed parsed = parseProblem(o, kName);
  const RecurrentProblem& p = parsed.problem;
  const std::int64_t state = p.batch * p.units;
  auto add = [&](const char* name, std::int64_t length, bool optional) {
    const Float32View view = float32Property(o, kName, name, length, optional);
    parsed.views.push_back({name, view, true});
    return view.data;
  };
  RecurrentForwardBuffers out{};
  out.sequence = add("sequence", p.batch * p.steps * p.units, true);
  out.finalH = add("finalH", state, false);
  out.finalC = add("finalC", state, p.cell != Cell::Lstm);
  if (p.cell == Cell::Lstm && !out.finalC) throwArgumentError(info.Env(), kName, "finalC", "a Float32Array for LSTM", "null");
  if (p.cell != Cell::Lstm && out.finalC) throwArgumentError(info.Env(), kName, "finalC", "null (only LSTM has a cell state)", "a Float32Array");
  out.workspace = add("workspace", parsed.workspaceSize, true);
  requireOutputsDisjoint(info.Env(), kName, parsed.views);
  recurrentForward(p, out);
  return info.Env().Undefined();
}

Napi::Value RecurrentBackward(const Napi::CallbackInfo& info) {
  constexpr const char* kName = "recurrentBackward";
  const Napi::Object o = objectArgument(info, 0, kName);
  Parsed parsed = parseProblem(o, kName);
  const RecurrentProblem& p = parsed.problem;
  const std::int64_t B = p.batch, T = p.steps, D = p.inputSize, H = p.units, G = gateCount(p.cell);
  auto add = [&](const char* name, std::int64_t length, bool optional, bool output) {
    const Float32View view = float32Property(o, kName, name, length, optional);
    parsed.views.push_back({name, view, output});
    return view.data;
  };
  RecurrentBackwardBuffers io{};
  io.workspace = add("workspace", parsed.workspaceSize, false, false);
  io.dSequence = add("dSequence", B * T * H, true, false);
  io.dFinalH = add("dFinalH", B * H, true, false);
  io.dFinalC = add("dFinalC", B * H, true, false);
  io.dx = add("dx", B * T * D, true, true);
  io.dKernel = add("dKernel", D * G * H, true, true);
  io.dRecurrentKernel = add("dRecurrentKernel", H * G * H, true, true);
  io.dBias = add("dBias", biasRows(p.cell, p.resetAfter) * G * H, true, true);
  io.dInitialH = add("dInitialH", B * H, true, true);
  io.dInitialC = add("dInitialC", B * H, true, true);
  requireOutputsDisjoint(info.Env(), kName, parsed.views);
  recurrentBackward(p, io);
  return info.Env().Undefined();
}

// recurrentWorkspaceLayout({ cell, batch, steps, inputSize, units }): the C++ layout, so a test can
// compare it with recurrent-kernels.ts' and the two cannot drift apart.
Napi::Value RecurrentWorkspaceLayoutOf(const Napi::CallbackInfo& info) {
  constexpr const char* kName = "recurrentWorkspaceLayout";
  const Napi::Object o = objectArgument(info, 0, kName);
  const Cell cell = parseCell(o, kName);
  const std::int64_t B = dimensionProperty(o, kName, "batch", 1, kMaximumDimension);
  const std::int64_t T = dimensionProperty(o, kName, "steps", 1, kMaximumDimension);
  const std::int64_t D = dimensionProperty(o, kName, "inputSize", 1, kMaximumDimension);
  const std::int64_t H = dimensionProperty(o, kName, "units", 1, kMaximumDimension);
  checkedProduct(info.Env(), kName, "workspace", {T + 1, B, D + gateCount(cell) * H + 3 * H});
  const RecurrentWorkspaceLayout layout = recurrentWorkspaceLayout(cell, B, T, D, H);
  Napi::Object result = Napi::Object::New(info.Env());
  result.Set("inputs", static_cast<double>(layout.inputs));
  result.Set("gates", static_cast<double>(layout.gates));
  result.Set("states", static_cast<double>(layout.states));
  result.Set("cells", static_cast<double>(layout.cells));
  result.Set("extra", static_cast<double>(layout.extra));
  result.Set("size", static_cast<double>(layout.size));
  result.Set("gateCount", static_cast<double>(gateCount(cell)));
  return result;
}

}  // namespace recur::addon
