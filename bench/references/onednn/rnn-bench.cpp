// oneDNN reference runner for recur's RNN benchmarks.
//
// Times the model every reference framework defines identically: x [B, T, D] -> one recurrent
// layer (or two stacked, or one bidirectional) -> final hidden state h_T -> loss = mean((h_T - y)^2)
// -> plain SGD on every weight. "train" is forward (training) + backward + SGD; "infer" is the
// forward pass producing h_T only. Prints one JSON object on stdout.
//
// Build: g++ -O2 -std=c++17 -fopenmp rnn-bench.cpp -o rnn-bench -ldnnl
// Run:   OMP_NUM_THREADS=1 ./rnn-bench --cell lstm --batch 64 --steps 50 --features 8 --units 64
// Check: ./rnn-bench ... --gradient-check compares the gradients with finite differences.
//
// A stacked model is two primitives (oneDNN's multi-layer form needs equal input and hidden
// sizes); a bidirectional one is a single bidirectional_concat primitive. h_T comes from
// dst_iter, and its gradient enters the backward pass through diff_dst_iter.
//
// Cells use oneDNN's own forms: LSTM without peepholes (Keras' LSTM), lbr_gru (linear before
// reset, which is Keras' reset_after=True GRU; it has 4 bias vectors where Keras has 6 whose
// pairwise sums are equivalent) and vanilla_rnn with tanh (Keras' SimpleRNN).

#include <omp.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "oneapi/dnnl/dnnl.hpp"

namespace {

using dnnl::algorithm;
using dnnl::engine;
using dnnl::memory;
using dnnl::prop_kind;
using dnnl::rnn_direction;
using dnnl::stream;
using tag = memory::format_tag;
using dt = memory::data_type;

enum class Cell { lstm, gru, simple_rnn };

struct Options {
  Cell cell = Cell::lstm;
  std::string cell_name = "lstm";
  memory::dim batch = 64;
  memory::dim steps = 50;
  memory::dim features = 8;
  memory::dim units = 64;
  int layers = 1;
  bool bidirectional = false;
  bool gradient_check = false;
  bool infer = true;
  bool train = true;
  int warmup = 2;
  int min_runs = 5;
  int max_runs = 1000;
  double min_time_ms = 300;
  float learning_rate = 0.01f;
};

// Deterministic values so every run times the same numbers (no denormals, no saturation).
struct Random {
  std::uint64_t state;
  explicit Random(std::uint64_t seed) : state(seed) {}
  float uniform(float low, float high) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const float unit = static_cast<float>(state >> 40) / static_cast<float>(1ULL << 24);
    return low + (high - low) * unit;
  }
};

float *data_of(const memory &m) { return static_cast<float *>(m.get_data_handle()); }

std::size_t count_of(const memory::desc &md) { return md.get_size() / sizeof(float); }

void fill(const memory &m, Random &random, float scale) {
  float *data = data_of(m);
  const std::size_t count = count_of(m.get_desc());
  for (std::size_t i = 0; i < count; i++) data[i] = random.uniform(-scale, scale);
}

void zero(const memory &m) { std::memset(m.get_data_handle(), 0, m.get_desc().get_size()); }

int gate_count(Cell cell) {
  switch (cell) {
    case Cell::lstm: return 4;
    case Cell::gru: return 3;
    case Cell::simple_rnn: return 1;
  }
  return 1;
}

// lbr_gru keeps the recurrent candidate bias apart from the input one: one extra bias "gate".
int bias_gate_count(Cell cell) { return cell == Cell::gru ? 4 : gate_count(cell); }

// Memory descriptors of one layer's arguments; the RNN primitive takes the same list for every
// cell kind, plus the cell state (iter_c) for LSTM.
struct LayerDescs {
  memory::desc src_layer, src_iter, src_iter_c, weights_layer, weights_iter, bias, dst_layer,
      dst_iter, dst_iter_c;
};

dnnl::primitive_desc make_forward_desc(Cell cell, prop_kind kind, rnn_direction direction,
                                       const LayerDescs &d, const engine &eng) {
  switch (cell) {
    case Cell::lstm:
      return dnnl::lstm_forward::primitive_desc(
          dnnl::lstm_forward::desc(kind, direction, d.src_layer, d.src_iter, d.src_iter_c,
                                   d.weights_layer, d.weights_iter, d.bias, d.dst_layer, d.dst_iter,
                                   d.dst_iter_c),
          eng);
    case Cell::gru:
      return dnnl::lbr_gru_forward::primitive_desc(
          dnnl::lbr_gru_forward::desc(kind, direction, d.src_layer, d.src_iter, d.weights_layer,
                                      d.weights_iter, d.bias, d.dst_layer, d.dst_iter),
          eng);
    case Cell::simple_rnn:
      return dnnl::vanilla_rnn_forward::primitive_desc(
          dnnl::vanilla_rnn_forward::desc(kind, algorithm::eltwise_tanh, direction, d.src_layer,
                                          d.src_iter, d.weights_layer, d.weights_iter, d.bias,
                                          d.dst_layer, d.dst_iter),
          eng);
  }
  throw std::runtime_error("unknown cell");
}

dnnl::primitive_desc make_backward_desc(Cell cell, rnn_direction direction, const LayerDescs &d,
                                        const LayerDescs &diff, const engine &eng,
                                        const dnnl::primitive_desc &forward) {
  switch (cell) {
    case Cell::lstm:
      return dnnl::lstm_backward::primitive_desc(
          dnnl::lstm_backward::desc(
              prop_kind::backward, direction, d.src_layer, d.src_iter, d.src_iter_c,
              d.weights_layer, d.weights_iter, d.bias, d.dst_layer, d.dst_iter, d.dst_iter_c,
              diff.src_layer, diff.src_iter, diff.src_iter_c, diff.weights_layer,
              diff.weights_iter, diff.bias, diff.dst_layer, diff.dst_iter, diff.dst_iter_c),
          eng, dnnl::lstm_forward::primitive_desc(forward.get()));
    case Cell::gru:
      return dnnl::lbr_gru_backward::primitive_desc(
          dnnl::lbr_gru_backward::desc(prop_kind::backward, direction, d.src_layer, d.src_iter,
                                       d.weights_layer, d.weights_iter, d.bias, d.dst_layer,
                                       d.dst_iter, diff.src_layer, diff.src_iter,
                                       diff.weights_layer, diff.weights_iter, diff.bias,
                                       diff.dst_layer, diff.dst_iter),
          eng, dnnl::lbr_gru_forward::primitive_desc(forward.get()));
    case Cell::simple_rnn:
      return dnnl::vanilla_rnn_backward::primitive_desc(
          dnnl::vanilla_rnn_backward::desc(
              prop_kind::backward, algorithm::eltwise_tanh, direction, d.src_layer, d.src_iter,
              d.weights_layer, d.weights_iter, d.bias, d.dst_layer, d.dst_iter, diff.src_layer,
              diff.src_iter, diff.weights_layer, diff.weights_iter, diff.bias, diff.dst_layer,
              diff.dst_iter),
          eng, dnnl::vanilla_rnn_forward::primitive_desc(forward.get()));
  }
  throw std::runtime_error("unknown cell");
}

// A weight tensor as the user keeps it (plain ldigo/ldgo, updated by SGD) and as a primitive
// wants it (maybe a blocked layout). Training weights change every step, so a layout change is a
// reorder inside the timed step, as in any framework that trains with oneDNN.
struct Packed {
  memory user;
  memory primitive_view;
  dnnl::reorder pack;
  bool needs_reorder = false;

  Packed() = default;
  Packed(const memory &user_memory, const memory::desc &wanted, const engine &eng)
      : user(user_memory) {
    needs_reorder = wanted != user.get_desc();
    primitive_view = needs_reorder ? memory(wanted, eng) : user;
    if (needs_reorder) pack = dnnl::reorder(user, primitive_view);
  }
  void refresh(stream &s) {
    if (needs_reorder) pack.execute(s, user, primitive_view);
  }
};

// One recurrent layer (uni- or bidirectional) with its training and inference primitives.
struct Layer {
  Cell cell;
  rnn_direction direction;
  memory::dim directions, steps, batch, inputs, units;

  memory weights_layer, weights_iter, bias;                 // user layout, SGD-updated
  memory diff_weights_layer, diff_weights_iter, diff_bias;  // user layout

  // Training.
  dnnl::primitive forward_training, backward;
  Packed forward_weights_layer, forward_weights_iter, backward_weights_layer, backward_weights_iter;
  memory backward_diff_weights_layer, backward_diff_weights_iter;  // primitive layout
  bool diff_weights_layer_reorder = false, diff_weights_iter_reorder = false;
  dnnl::reorder unpack_diff_weights_layer, unpack_diff_weights_iter;
  memory src_iter, src_iter_c;  // zero initial states
  memory dst_layer, dst_iter, dst_iter_c, workspace;
  memory diff_src_layer, diff_src_iter, diff_src_iter_c, diff_dst_layer, diff_dst_iter,
      diff_dst_iter_c;

  // Inference.
  dnnl::primitive forward_inference;
  Packed inference_weights_layer, inference_weights_iter;
  memory inference_dst_layer, inference_dst_iter, inference_dst_iter_c;

  Layer(Cell cell_kind, bool bidirectional, memory::dim time_steps, memory::dim batch_size,
        memory::dim input_size, memory::dim unit_count, const engine &eng, Random &random)
      : cell(cell_kind),
        direction(bidirectional ? rnn_direction::bidirectional_concat
                                : rnn_direction::unidirectional_left2right),
        directions(bidirectional ? 2 : 1),
        steps(time_steps),
        batch(batch_size),
        inputs(input_size),
        units(unit_count) {
    const memory::dim gates = gate_count(cell), bias_gates = bias_gate_count(cell);
    const memory::desc weights_layer_md({1, directions, inputs, gates, units}, dt::f32, tag::ldigo);
    const memory::desc weights_iter_md({1, directions, units, gates, units}, dt::f32, tag::ldigo);
    const memory::desc bias_md({1, directions, bias_gates, units}, dt::f32, tag::ldgo);
    weights_layer = memory(weights_layer_md, eng);
    weights_iter = memory(weights_iter_md, eng);
    bias = memory(bias_md, eng);
    diff_weights_layer = memory(weights_layer_md, eng);
    diff_weights_iter = memory(weights_iter_md, eng);
    diff_bias = memory(bias_md, eng);
    // Glorot-uniform-like scale keeps activations away from saturation, as Keras' defaults do.
    fill(weights_layer, random, std::sqrt(6.0f / static_cast<float>(inputs + gates * units)));
    fill(weights_iter, random, std::sqrt(6.0f / static_cast<float>(units + gates * units)));
    zero(bias);

    LayerDescs d;
    d.src_layer = memory::desc({steps, batch, inputs}, dt::f32, tag::tnc);
    // Explicit zero initial states (Keras' default) rather than zero descriptors: with zero
    // descriptors, oneDNN 2.6.3's unidirectional backward pass returned wrong recurrent-weight
    // gradients (caught by --gradient-check).
    d.src_iter = memory::desc({1, directions, batch, units}, dt::f32, tag::ldnc);
    d.src_iter_c = cell == Cell::lstm ? d.src_iter : memory::desc();
    d.weights_layer = memory::desc(weights_layer_md.dims(), dt::f32, tag::any);
    d.weights_iter = memory::desc(weights_iter_md.dims(), dt::f32, tag::any);
    d.bias = bias_md;
    d.dst_layer = memory::desc({steps, batch, directions * units}, dt::f32, tag::tnc);
    d.dst_iter = memory::desc({1, directions, batch, units}, dt::f32, tag::ldnc);
    d.dst_iter_c = cell == Cell::lstm ? d.dst_iter : memory::desc();

    // Training asks for the user layout first, so that only layout changes a primitive really
    // needs (the backward pass wants ldgoi weights) cost a reorder inside the step.
    LayerDescs user_layout = d;
    user_layout.weights_layer = weights_layer_md;
    user_layout.weights_iter = weights_iter_md;
    dnnl::primitive_desc forward_pd, backward_pd;
    try {
      forward_pd = make_forward_desc(cell, prop_kind::forward_training, direction, user_layout, eng);
    } catch (const dnnl::error &) {
      forward_pd = make_forward_desc(cell, prop_kind::forward_training, direction, d, eng);
    }
    try {
      backward_pd = make_backward_desc(cell, direction, d, user_layout, eng, forward_pd);
    } catch (const dnnl::error &) {
      backward_pd = make_backward_desc(cell, direction, d, d, eng, forward_pd);
    }
    forward_training = dnnl::primitive(forward_pd);
    backward = dnnl::primitive(backward_pd);

    const auto md_of = [](const dnnl::primitive_desc &pd, int argument) {
      return pd.query_md(dnnl::query::exec_arg_md, argument);
    };
    forward_weights_layer = Packed(weights_layer, md_of(forward_pd, DNNL_ARG_WEIGHTS_LAYER), eng);
    forward_weights_iter = Packed(weights_iter, md_of(forward_pd, DNNL_ARG_WEIGHTS_ITER), eng);
    backward_weights_layer = Packed(weights_layer, md_of(backward_pd, DNNL_ARG_WEIGHTS_LAYER), eng);
    backward_weights_iter = Packed(weights_iter, md_of(backward_pd, DNNL_ARG_WEIGHTS_ITER), eng);
    const auto diff_layer_md = md_of(backward_pd, DNNL_ARG_DIFF_WEIGHTS_LAYER);
    const auto diff_iter_md = md_of(backward_pd, DNNL_ARG_DIFF_WEIGHTS_ITER);
    diff_weights_layer_reorder = diff_layer_md != weights_layer_md;
    diff_weights_iter_reorder = diff_iter_md != weights_iter_md;
    backward_diff_weights_layer =
        diff_weights_layer_reorder ? memory(diff_layer_md, eng) : diff_weights_layer;
    backward_diff_weights_iter =
        diff_weights_iter_reorder ? memory(diff_iter_md, eng) : diff_weights_iter;
    if (diff_weights_layer_reorder) {
      unpack_diff_weights_layer = dnnl::reorder(backward_diff_weights_layer, diff_weights_layer);
    }
    if (diff_weights_iter_reorder) {
      unpack_diff_weights_iter = dnnl::reorder(backward_diff_weights_iter, diff_weights_iter);
    }

    src_iter = memory(d.src_iter, eng);
    diff_src_iter = memory(d.src_iter, eng);
    zero(src_iter);
    if (cell == Cell::lstm) {
      src_iter_c = memory(d.src_iter_c, eng);
      diff_src_iter_c = memory(d.src_iter_c, eng);
      zero(src_iter_c);
    }
    dst_layer = memory(d.dst_layer, eng);
    dst_iter = memory(d.dst_iter, eng);
    if (cell == Cell::lstm) dst_iter_c = memory(d.dst_iter_c, eng);
    workspace = memory(forward_pd.workspace_desc(), eng);
    diff_src_layer = memory(d.src_layer, eng);
    diff_dst_layer = memory(d.dst_layer, eng);
    diff_dst_iter = memory(d.dst_iter, eng);
    zero(diff_dst_layer);
    zero(diff_dst_iter);
    if (cell == Cell::lstm) {
      diff_dst_iter_c = memory(d.dst_iter_c, eng);
      zero(diff_dst_iter_c);
    }

    const auto inference_pd =
        make_forward_desc(cell, prop_kind::forward_inference, direction, d, eng);
    forward_inference = dnnl::primitive(inference_pd);
    inference_weights_layer =
        Packed(weights_layer, md_of(inference_pd, DNNL_ARG_WEIGHTS_LAYER), eng);
    inference_weights_iter = Packed(weights_iter, md_of(inference_pd, DNNL_ARG_WEIGHTS_ITER), eng);
    inference_dst_layer = memory(d.dst_layer, eng);
    inference_dst_iter = memory(d.dst_iter, eng);
    if (cell == Cell::lstm) inference_dst_iter_c = memory(d.dst_iter_c, eng);
  }

  // Inference weights are constant, so they are packed once, as a deployed model would.
  void prepare_inference(stream &s) {
    inference_weights_layer.refresh(s);
    inference_weights_iter.refresh(s);
    s.wait();
  }

  void infer(stream &s, const memory &src_layer) {
    std::unordered_map<int, memory> args = {
        {DNNL_ARG_SRC_LAYER, src_layer},
        {DNNL_ARG_SRC_ITER, src_iter},
        {DNNL_ARG_WEIGHTS_LAYER, inference_weights_layer.primitive_view},
        {DNNL_ARG_WEIGHTS_ITER, inference_weights_iter.primitive_view},
        {DNNL_ARG_BIAS, bias},
        {DNNL_ARG_DST_LAYER, inference_dst_layer},
        {DNNL_ARG_DST_ITER, inference_dst_iter}};
    if (cell == Cell::lstm) {
      args[DNNL_ARG_SRC_ITER_C] = src_iter_c;
      args[DNNL_ARG_DST_ITER_C] = inference_dst_iter_c;
    }
    forward_inference.execute(s, args);
  }

  void forward(stream &s, const memory &src_layer) {
    forward_weights_layer.refresh(s);
    forward_weights_iter.refresh(s);
    std::unordered_map<int, memory> args = {
        {DNNL_ARG_SRC_LAYER, src_layer},
        {DNNL_ARG_SRC_ITER, src_iter},
        {DNNL_ARG_WEIGHTS_LAYER, forward_weights_layer.primitive_view},
        {DNNL_ARG_WEIGHTS_ITER, forward_weights_iter.primitive_view},
        {DNNL_ARG_BIAS, bias},
        {DNNL_ARG_DST_LAYER, dst_layer},
        {DNNL_ARG_DST_ITER, dst_iter},
        {DNNL_ARG_WORKSPACE, workspace}};
    if (cell == Cell::lstm) {
      args[DNNL_ARG_SRC_ITER_C] = src_iter_c;
      args[DNNL_ARG_DST_ITER_C] = dst_iter_c;
    }
    forward_training.execute(s, args);
  }

  // Expects diff_dst_layer and diff_dst_iter to hold the incoming gradients.
  void backpropagate(stream &s, const memory &src_layer) {
    backward_weights_layer.refresh(s);
    backward_weights_iter.refresh(s);
    // The RNN backward primitive accumulates into the weight gradients: zero them, as zero_grad.
    zero(backward_diff_weights_layer);
    zero(backward_diff_weights_iter);
    zero(diff_bias);
    std::unordered_map<int, memory> args = {
        {DNNL_ARG_SRC_LAYER, src_layer},
        {DNNL_ARG_SRC_ITER, src_iter},
        {DNNL_ARG_WEIGHTS_LAYER, backward_weights_layer.primitive_view},
        {DNNL_ARG_WEIGHTS_ITER, backward_weights_iter.primitive_view},
        {DNNL_ARG_BIAS, bias},
        {DNNL_ARG_DST_LAYER, dst_layer},
        {DNNL_ARG_DST_ITER, dst_iter},
        {DNNL_ARG_WORKSPACE, workspace},
        {DNNL_ARG_DIFF_SRC_LAYER, diff_src_layer},
        {DNNL_ARG_DIFF_SRC_ITER, diff_src_iter},
        {DNNL_ARG_DIFF_WEIGHTS_LAYER, backward_diff_weights_layer},
        {DNNL_ARG_DIFF_WEIGHTS_ITER, backward_diff_weights_iter},
        {DNNL_ARG_DIFF_BIAS, diff_bias},
        {DNNL_ARG_DIFF_DST_LAYER, diff_dst_layer},
        {DNNL_ARG_DIFF_DST_ITER, diff_dst_iter}};
    if (cell == Cell::lstm) {
      args[DNNL_ARG_SRC_ITER_C] = src_iter_c;
      args[DNNL_ARG_DST_ITER_C] = dst_iter_c;
      args[DNNL_ARG_DIFF_SRC_ITER_C] = diff_src_iter_c;
      args[DNNL_ARG_DIFF_DST_ITER_C] = diff_dst_iter_c;
    }
    backward.execute(s, args);
    if (diff_weights_layer_reorder) {
      unpack_diff_weights_layer.execute(s, backward_diff_weights_layer, diff_weights_layer);
    }
    if (diff_weights_iter_reorder) {
      unpack_diff_weights_iter.execute(s, backward_diff_weights_iter, diff_weights_iter);
    }
  }

  void sgd(float learning_rate) const {
    const std::pair<const memory *, const memory *> pairs[] = {
        {&weights_layer, &diff_weights_layer},
        {&weights_iter, &diff_weights_iter},
        {&bias, &diff_bias}};
    for (const auto &[weights, gradient] : pairs) {
      float *w = data_of(*weights);
      const float *g = data_of(*gradient);
      const std::int64_t count = static_cast<std::int64_t>(count_of(weights->get_desc()));
#pragma omp parallel for simd schedule(static)
      for (std::int64_t i = 0; i < count; i++) w[i] -= learning_rate * g[i];
    }
  }
};

struct Model {
  Options options;
  engine eng{engine::kind::cpu, 0};
  stream s{eng};
  std::vector<std::unique_ptr<Layer>> layers;
  memory x, y;
  double last_loss = 0;

  explicit Model(const Options &o) : options(o) {
    Random random(42);
    memory::dim inputs = o.features;
    for (int i = 0; i < o.layers; i++) {
      layers.push_back(std::make_unique<Layer>(o.cell, o.bidirectional, o.steps, o.batch, inputs,
                                               o.units, eng, random));
      inputs = layers.back()->directions * o.units;
    }
    x = memory({{o.steps, o.batch, o.features}, dt::f32, tag::tnc}, eng);
    fill(x, random, 1.0f);
    y = memory(layers.back()->dst_iter.get_desc(), eng);
    fill(y, random, 0.5f);
  }

  void infer() {
    const memory *input = &x;
    for (auto &layer : layers) {
      layer->infer(s, *input);
      input = &layer->inference_dst_layer;
    }
    s.wait();
  }

  // Forward (training) pass and the loss; leaves dL/dh_T in the top layer's diff_dst_iter.
  double forward_loss() {
    const memory *input = &x;
    for (auto &layer : layers) {
      layer->forward(s, *input);
      input = &layer->dst_layer;
    }
    s.wait();
    // h_T is the top layer's final state (both directions' for a bidirectional layer, so the
    // mean runs over the concatenation); dL/dh_T enters the backward pass through diff_dst_iter.
    Layer &top = *layers.back();
    const float *h = data_of(top.dst_iter);
    const float *target = data_of(y);
    float *dh = data_of(top.diff_dst_iter);
    const std::size_t count = count_of(top.dst_iter.get_desc());
    double loss = 0;
    for (std::size_t i = 0; i < count; i++) {
      const float difference = h[i] - target[i];
      loss += static_cast<double>(difference) * difference;
      dh[i] = 2.0f * difference / static_cast<float>(count);
    }
    return loss / static_cast<double>(count);
  }

  void compute_gradients() {
    last_loss = forward_loss();
    for (std::size_t i = layers.size(); i-- > 0;) {
      const memory &input_of_layer = i == 0 ? x : layers[i - 1]->dst_layer;
      layers[i]->backpropagate(s, input_of_layer);
      s.wait();
      // Lower layers get the gradient of their output sequence from the layer above.
      if (i > 0) {
        std::memcpy(layers[i - 1]->diff_dst_layer.get_data_handle(),
                    layers[i]->diff_src_layer.get_data_handle(),
                    layers[i]->diff_src_layer.get_desc().get_size());
      }
    }
  }

  void train_step() {
    compute_gradients();
    for (auto &layer : layers) layer->sgd(options.learning_rate);
  }

  // Compares backpropagated gradients with central differences of the loss at a few weights of
  // every tensor; returns the largest relative error. Guards the wiring of the primitives.
  double gradient_check() {
    compute_gradients();
    double worst = 0;
    Random pick(7);
    for (auto &layer : layers) {
      const std::pair<memory *, memory *> pairs[] = {
          {&layer->weights_layer, &layer->diff_weights_layer},
          {&layer->weights_iter, &layer->diff_weights_iter},
          {&layer->bias, &layer->diff_bias}};
      for (const auto &[weights, gradient] : pairs) {
        const std::size_t count = count_of(weights->get_desc());
        for (int probe = 0; probe < 4; probe++) {
          const auto index = static_cast<std::size_t>(pick.uniform(0, 1) * count) % count;
          float *w = data_of(*weights);
          const float saved = w[index], epsilon = 1e-2f;
          w[index] = saved + epsilon;
          const double plus = forward_loss();
          w[index] = saved - epsilon;
          const double minus = forward_loss();
          w[index] = saved;
          const double numeric = (plus - minus) / (2 * epsilon);
          const double analytic = data_of(*gradient)[index];
          const double error =
              std::fabs(numeric - analytic) / std::max(1e-4, std::fabs(numeric) + std::fabs(analytic));
          worst = std::max(worst, error);
        }
      }
    }
    return worst;
  }
};

struct Timing {
  double median_ms;
  int runs;
  double page_faults_per_run;  // minor + major, warm-up excluded (as recur's rows count them)
};

long page_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt + usage.ru_majflt;
}

Timing time_it(const Options &o, const std::function<void()> &run) {
  for (int i = 0; i < o.warmup; i++) run();
  std::vector<double> times;
  const long faults_before = page_faults();
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed_ms = [&start] {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
  };
  while (static_cast<int>(times.size()) < o.min_runs ||
         (elapsed_ms() < o.min_time_ms && static_cast<int>(times.size()) < o.max_runs)) {
    const auto t0 = std::chrono::steady_clock::now();
    run();
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  const double faults = static_cast<double>(page_faults() - faults_before) / times.size();
  std::sort(times.begin(), times.end());
  return {times[times.size() / 2], static_cast<int>(times.size()), faults};
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports kilobytes
}

const char *isa_name(dnnl::cpu_isa isa) {
  switch (isa) {
    case dnnl::cpu_isa::sse41: return "sse41";
    case dnnl::cpu_isa::avx: return "avx";
    case dnnl::cpu_isa::avx2: return "avx2";
    case dnnl::cpu_isa::avx2_vnni: return "avx2_vnni";
    case dnnl::cpu_isa::avx512_core: return "avx512_core";
    case dnnl::cpu_isa::avx512_core_vnni: return "avx512_core_vnni";
    case dnnl::cpu_isa::avx512_core_bf16: return "avx512_core_bf16";
    case dnnl::cpu_isa::avx512_core_amx: return "avx512_core_amx";
    default: return "other";
  }
}

[[noreturn]] void usage_error(const std::string &message) {
  std::fprintf(stderr,
               "rnn-bench: %s\nusage: rnn-bench --cell lstm|gru|simpleRnn --batch B --steps T "
               "--features D --units H [--layers 1|2] [--bidirectional] [--modes infer,train] "
               "[--warmup N] [--min-runs N] [--max-runs N] [--min-time-ms MS] [--gradient-check]\n",
               message.c_str());
  std::exit(2);
}

Options parse(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; i++) {
    const std::string flag = argv[i];
    if (flag == "--bidirectional") {
      o.bidirectional = true;
      continue;
    }
    if (flag == "--gradient-check") {
      o.gradient_check = true;
      continue;
    }
    if (i + 1 >= argc) usage_error("missing value after " + flag);
    const std::string value = argv[++i];
    if (flag == "--cell") {
      o.cell_name = value;
      if (value == "lstm") o.cell = Cell::lstm;
      else if (value == "gru") o.cell = Cell::gru;
      else if (value == "simpleRnn") o.cell = Cell::simple_rnn;
      else usage_error("unknown cell " + value);
    } else if (flag == "--batch") o.batch = std::stol(value);
    else if (flag == "--steps") o.steps = std::stol(value);
    else if (flag == "--features") o.features = std::stol(value);
    else if (flag == "--units") o.units = std::stol(value);
    else if (flag == "--layers") o.layers = std::stoi(value);
    else if (flag == "--warmup") o.warmup = std::stoi(value);
    else if (flag == "--min-runs") o.min_runs = std::stoi(value);
    else if (flag == "--max-runs") o.max_runs = std::stoi(value);
    else if (flag == "--min-time-ms") o.min_time_ms = std::stod(value);
    else if (flag == "--modes") {
      o.infer = value.find("infer") != std::string::npos;
      o.train = value.find("train") != std::string::npos;
    } else usage_error("unknown flag " + flag);
  }
  if (o.layers < 1 || o.layers > 2) usage_error("--layers must be 1 or 2");
  if (o.min_runs < 1) usage_error("--min-runs must be at least 1");
  return o;
}

}  // namespace

int main(int argc, char **argv) {
  const Options o = parse(argc, argv);
  try {
    Model model(o);
    if (o.gradient_check) {
      std::printf("{\"maxRelativeError\":%.3g}\n", model.gradient_check());
      return 0;
    }
    const auto *version = dnnl::version();
    std::printf(
        "{\"reference\":\"onednn\",\"version\":\"%d.%d.%d\",\"isa\":\"%s\",\"threads\":%d,"
        "\"cell\":\"%s\",\"batch\":%ld,\"steps\":%ld,\"features\":%ld,\"units\":%ld,"
        "\"layers\":%d,\"bidirectional\":%s,\"results\":[",
        version->major, version->minor, version->patch, isa_name(dnnl::get_effective_cpu_isa()),
        omp_get_max_threads(), o.cell_name.c_str(), static_cast<long>(o.batch),
        static_cast<long>(o.steps), static_cast<long>(o.features), static_cast<long>(o.units),
        o.layers, o.bidirectional ? "true" : "false");
    bool first = true;
    // Inference first: peak RSS only grows, so its reading is not inflated by training buffers.
    if (o.infer) {
      for (auto &layer : model.layers) layer->prepare_inference(model.s);
      const Timing t = time_it(o, [&model] { model.infer(); });
      std::printf("{\"mode\":\"infer\",\"msPerStep\":%.6f,\"runs\":%d,\"peakRssMb\":%.1f,"
                  "\"pageFaultsPerStep\":%.1f}",
                  t.median_ms, t.runs, peak_rss_mb(), t.page_faults_per_run);
      first = false;
    }
    if (o.train) {
      const Timing t = time_it(o, [&model] { model.train_step(); });
      std::printf("%s{\"mode\":\"train\",\"msPerStep\":%.6f,\"runs\":%d,\"peakRssMb\":%.1f,"
                  "\"pageFaultsPerStep\":%.1f,\"loss\":%.6g}",
                  first ? "" : ",", t.median_ms, t.runs, peak_rss_mb(), t.page_faults_per_run,
                  model.last_loss);
    }
    std::printf("]}\n");
  } catch (const dnnl::error &e) {
    std::fprintf(stderr, "rnn-bench: oneDNN error %d: %s\n", static_cast<int>(e.status), e.what());
    return 1;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "rnn-bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
