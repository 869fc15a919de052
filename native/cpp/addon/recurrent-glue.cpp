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
#include "kernels/recurrent.hpp"

namespace recur::addon {
namespace {

// Generous but finite: keeps every size product far from int64 overflow.
constexpr std::int64_t kMaximumDimension = std::int64_t{1} << 31;

Cell parseCell(const Napi::Object& o, const char* function) {
  const std::string cell = stringProperty(o, function, "cell");
  if (cell == "lstm") return Cell::Lstm;
  if (cell == "gru") return Cell::Gru;
  if (cell == "simpleRnn") return Cell::SimpleRnn;
  throwArgumentError(o.Env(), function, "cell", "'lstm', 'gru' or 'simpleRnn'", "'" + cell + "'");
}

Activation parseActivation(const Napi::Object& o, const char* function, const char* name) {
  const std::string value = stringProperty(o, function, name);
  if (value == "tanh") return Activation::Tanh;
  if (value == "sigmoid") return Activation::Sigmoid;
  if (value == "hardSigmoid") return Activation::HardSigmoid;
  if (value == "relu") return Activation::Relu;
  if (value == "linear") return Activation::Linear;
  throwArgumentError(o.Env(), function, name, "one of tanh, sigmoid, hardSigmoid, relu, linear", "'" + value + "'");
}

struct NamedView {
  const char* name;
  Float32View view;
  bool output;
};

// Outputs must not share memory with any other array of the call.
void requireOutputsDisjoint(Napi::Env env, const char* function, const std::vector<NamedView>& views) {
  for (const NamedView& out : views) {
    if (!out.output || out.view.length == 0) continue;
    for (const NamedView& other : views) {
      if (&other == &out || other.view.length == 0) continue;
      requireDisjoint(env, function, out.name, out.view, other.name, other.view);
    }
  }
}

struct Parsed {
  RecurrentProblem problem;
  std::vector<NamedView> views;
  std::int64_t workspaceSize;
};

Parsed parseProblem(const Napi::Object& o, const char* function) {
  Napi::Env env = o.Env();
  RecurrentProblem p{};
  p.cell = parseCell(o, function);
  p.resetAfter = booleanProperty(o, function, "resetAfter");
  p.batch = dimensionProperty(o, function, "batch", 1, kMaximumDimension);
  p.steps = dimensionProperty(o, function, "steps", 1, kMaximumDimension);
  p.inputSize = dimensionProperty(o, function, "inputSize", 1, kMaximumDimension);
  p.units = dimensionProperty(o, function, "units", 1, kMaximumDimension);
  p.goBackwards = booleanProperty(o, function, "goBackwards");
  p.activation = parseActivation(o, function, "activation");
  p.recurrentActivation = parseActivation(o, function, "recurrentActivation");
  const std::int64_t B = p.batch, T = p.steps, D = p.inputSize, H = p.units, G = gateCount(p.cell);
  const std::int64_t x = checkedProduct(env, function, "x", {B, T, D});
  const std::int64_t kernel = checkedProduct(env, function, "kernel", {D, G, H});
  const std::int64_t recurrentKernel = checkedProduct(env, function, "recurrentKernel", {H, G, H});
  const std::int64_t bias = checkedProduct(env, function, "bias", {biasRows(p.cell, p.resetAfter), G, H});
  const std::int64_t state = checkedProduct(env, function, "initialH", {B, H});
  const std::int64_t mask = checkedProduct(env, function, "mask", {B, T});
  checkedProduct(env, function, "workspace", {T + 1, B, D + G * H + 3 * H});
  Parsed parsed{p, {}, 0};
  auto add = [&](const char* name, std::int64_t length, bool optional, bool output) {
    const Float32View view = float32Property(o, function, name, length, optional);
    parsed.views.push_back({name, view, output});
    return view.data;
  };
  parsed.problem.x = add("x", x, false, false);
  parsed.problem.kernel = add("kernel", kernel, false, false);
  parsed.problem.recurrentKernel = add("recurrentKernel", recurrentKernel, false, false);
  parsed.problem.bias = add("bias", bias, true, false);
  parsed.problem.initialH = add("initialH", state, true, false);
  parsed.problem.initialC = add("initialC", state, true, false);
  if (parsed.problem.initialC && p.cell != Cell::Lstm) {
    throwArgumentError(env, function, "initialC", "null (only LSTM has a cell state)", "a Float32Array");
  }
  parsed.problem.mask = add("mask", mask, true, false);
  parsed.problem.recurrentDropoutMask = add("recurrentDropoutMask", state, true, false);
  parsed.workspaceSize = recurrentWorkspaceLayout(p.cell, B, T, D, H).size;
  return parsed;
}

}  // namespace

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
  out.sequence = add("sequence", p.batch * p.steps * p.units, false);
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
