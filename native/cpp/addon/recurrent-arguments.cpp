#include "addon/recurrent-arguments.hpp"

#include <string>

namespace recur::addon {
namespace {

Activation parseActivation(const Napi::Object& o, const char* function, const char* name) {
  const std::string value = stringProperty(o, function, name);
  if (value == "tanh") return Activation::Tanh;
  if (value == "sigmoid") return Activation::Sigmoid;
  if (value == "hardSigmoid") return Activation::HardSigmoid;
  if (value == "relu") return Activation::Relu;
  if (value == "linear") return Activation::Linear;
  throwArgumentError(o.Env(), function, name, "one of tanh, sigmoid, hardSigmoid, relu, linear", "'" + value + "'");
}

}  // namespace

Cell parseCell(const Napi::Object& o, const char* function) {
  const std::string cell = stringProperty(o, function, "cell");
  if (cell == "lstm") return Cell::Lstm;
  if (cell == "gru") return Cell::Gru;
  if (cell == "simpleRnn") return Cell::SimpleRnn;
  throwArgumentError(o.Env(), function, "cell", "'lstm', 'gru' or 'simpleRnn'", "'" + cell + "'");
}


void requireOutputsDisjoint(Napi::Env env, const char* function, const std::vector<NamedView>& views) {
  for (const NamedView& out : views) {
    if (!out.output || out.view.length == 0) continue;
    for (const NamedView& other : views) {
      if (&other == &out || other.view.length == 0) continue;
      requireDisjoint(env, function, out.name, out.view, other.name, other.view);
    }
  }
}

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

}  // namespace recur::addon
