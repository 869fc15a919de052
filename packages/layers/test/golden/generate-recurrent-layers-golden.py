#!/usr/bin/python3
"""Generate PyTorch (float64) golden values for recur's recurrent layers (@recur/layers).

Run from anywhere with Debian's PyTorch (torch 1.13; NOT the `python3` on PATH):

    /usr/bin/python3 packages/layers/test/golden/generate-recurrent-layers-golden.py

It (re)writes packages/layers/test/golden/recurrent-layers.json next to this script,
deterministically (per-case torch.Generator seeded from a fixed base seed and the case name).
CI never runs Python: the JSON is committed together with this script.

The single-layer recurrence is the reference loop of the kernel goldens,
packages/tensor/test/golden/recurrent_reference.py, imported through sys.path (see that file
and packages/tensor/test/golden/README.md for the kernel semantics). This script adds the
Keras 3 layer semantics on top:
  - returnSequences=false: the output is the last element of the (processing-order) output
    sequence, i.e. Keras's `last_output` (with a mask: the last valid output, zeros for a fully
    masked row).
  - returnState=true: [output, *states] (LSTM: h, c; GRU / SimpleRNN: h).
  - Bidirectional (keras/src/layers/rnn/bidirectional.py): the backward layer is a copy of the
    layer with goBackwards=true; both get the same (original-order) mask; both have
    zero_output_for_mask forced to returnSequences (so with returnSequences=true the output at a
    masked step is ZERO in both directions, not the repeated previous output); when returning
    sequences the backward output is flipped back along time; merge: concat (forward first), sum,
    mul, ave = (f + b) / 2; with returnState the outputs are
    [output, forward_h, forward_c, backward_h, backward_c].
  - Stacked layers: the mask is propagated unchanged to the next layer when the layer returns
    sequences (RNN.compute_mask).

JSON format (all arrays flat, row-major, float64 written with Python's repr):
{ "generator": "<this script, repo-relative>", "torch": "<torch.__version__>", "note": "...",
  "cases": [ {
    "name": "...", "seed": <int>, "note": "<what the case exercises>",
    "layers": [ { "type": "LSTM" | "GRU" | "SimpleRNN" | "Bidirectional",
                  "config": { camelCase Keras config: units, activation, recurrentActivation
                              (LSTM/GRU), useBias, returnSequences, returnState, goBackwards,
                              resetAfter (GRU); Bidirectional: { "mergeMode": ...,
                              "layer": { "type": ..., "config": {...} } } },
                  "weights": [[flat...], ...],     # Keras order: kernel, recurrentKernel, bias;
                                                   # Bidirectional: forward's three, backward's
                  "weightShapes": [[...], ...] } ],
    "input": { "x": [...], "shape": [B, T, D], "mask": [B*T of 0/1] | null,
               "initialState": [[flat...], ...] | null },   # LSTM: [h0, c0]
    "outputs": [ { "name": "output" | "h" | "c" | "forward_h" | ..., "shape": [...],
                   "values": [...] } ],                      # outputs of the LAST layer
    "lossWeights": [[...], ...],                             # one per output, same shape
    "gradients": { "x": [...], "weights": [[...], ...],      # weights: all layers, in order
                   "initialState": [[...], ...] | null },
    "crossCheck": "<how the case was cross-checked against torch.nn>" } ] }
Gradients are of L = sum_k sum(outputs[k] * lossWeights[k]).
Value ranges: x ~ U(-1, 1); weights ~ U(-0.5, 0.5); initial states ~ U(-0.5, 0.5);
loss weights ~ U(-1, 1).

Every case is cross-checked (outputs and all gradients, max abs diff <= 1e-10) against a
composition of torch.nn.LSTM / torch.nn.GRU / torch.nn.RNN modules: Bidirectional and stacked
cases without a mask or with a right-padding mask use torch's own bidirectional modules and
pack_padded_sequence; the others use the per-row compaction of
recurrent_reference.torch_run. The script exits non-zero if anything fails.
"""

import json
import os
import sys
import zlib

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
TENSOR_GOLDEN = os.path.join(REPO_ROOT, "packages", "tensor", "test", "golden")
sys.path.insert(0, TENSOR_GOLDEN)

import torch  # noqa: E402
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence  # noqa: E402

import recurrent_reference as ref  # noqa: E402

GENERATOR = os.path.relpath(os.path.abspath(__file__), REPO_ROOT)
OUT_PATH = os.path.join(HERE, "recurrent-layers.json")
BASE_SEED = 20250102
TOL = 1e-10
DTYPE = ref.DTYPE

NOTE = (
    "Golden values for recur's recurrent layers (LSTM, GRU, SimpleRNN, Bidirectional, stacks), "
    "float64, Keras 3 semantics, built on the kernel reference loop of "
    "packages/tensor/test/golden/recurrent_reference.py and cross-checked against torch.nn "
    "modules. Weights are in Keras order and layout (Bidirectional: forward layer's kernel, "
    "recurrentKernel, bias, then the backward layer's). mask is [B, T] in original time order "
    "and is passed to every layer. Bidirectional forces zero_output_for_mask=returnSequences on "
    "both sub-layers (masked steps output zeros when returning sequences), flips the backward "
    "sequence back along time before merging, and concat puts the forward output first. "
    "returnSequences=false returns Keras's last_output (last valid output with a mask). "
    "Gradients are of L = sum_k sum(outputs[k] * lossWeights[k]) w.r.t. x, all weights and the "
    "initial state."
)

CELL_OF = {"LSTM": "lstm", "GRU": "gru", "SimpleRNN": "simpleRnn"}
TORCH_OF = {"LSTM": "torch.nn.LSTM", "GRU": "torch.nn.GRU", "SimpleRNN": "torch.nn.RNN"}

B, T, D = 3, 5, 4
MASK_RIGHT = [[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [1, 1, 0, 0, 0]]
# Row 1 has a leading masked step (output zeros before it, state = initial state) and a trailing
# one; row 2 is right-padded.
MASK_MIXED = [[1, 1, 1, 1, 1], [0, 1, 1, 1, 0], [1, 1, 0, 0, 0]]
# Row 1 has holes and a leading masked step; row 2 is left-padded.
MASK_HOLES = [[1, 1, 1, 1, 1], [0, 1, 0, 1, 1], [0, 0, 1, 1, 1]]


def rnn_config(layer_type, units, **kw):
    cfg = {"units": units, "activation": "tanh"}
    if layer_type != "SimpleRNN":
        cfg["recurrentActivation"] = "sigmoid"
    cfg.update(
        {
            "useBias": True,
            "returnSequences": False,
            "returnState": False,
            "goBackwards": False,
            "stateful": False,
            "unroll": False,
        }
    )
    if layer_type == "GRU":
        cfg["resetAfter"] = True
    cfg.update(kw)
    return cfg


def rnn(layer_type, units, **kw):
    return {"type": layer_type, "config": rnn_config(layer_type, units, **kw)}


def bidi(layer_type, units, merge_mode="concat", **kw):
    return {
        "type": "Bidirectional",
        "config": {"mergeMode": merge_mode, "layer": rnn(layer_type, units, **kw)},
    }


def case_specs():
    return [
        dict(
            name="bidirectional-lstm-concat-sequences",
            note="Bidirectional(LSTM(3, returnSequences)) mergeMode concat, no mask",
            layers=[bidi("LSTM", 3, "concat", returnSequences=True)],
        ),
        dict(
            name="bidirectional-lstm-concat-sequences-mask-holes",
            note="concat with a mask with holes/left padding: masked steps output zeros in both "
            "directions (zero_output_for_mask forced by Bidirectional)",
            layers=[bidi("LSTM", 3, "concat", returnSequences=True)],
            mask=MASK_HOLES,
        ),
        dict(
            name="bidirectional-lstm-sum-sequences",
            note="Bidirectional(LSTM(3, returnSequences)) mergeMode sum",
            layers=[bidi("LSTM", 3, "sum", returnSequences=True)],
        ),
        dict(
            name="bidirectional-lstm-mul-sequences",
            note="Bidirectional(LSTM(3, returnSequences)) mergeMode mul",
            layers=[bidi("LSTM", 3, "mul", returnSequences=True)],
        ),
        dict(
            name="bidirectional-lstm-ave-sequences-mask-right-padding",
            note="mergeMode ave with a right-padding mask: padded steps are zeros in both "
            "directions",
            layers=[bidi("LSTM", 3, "ave", returnSequences=True)],
            mask=MASK_RIGHT,
        ),
        dict(
            name="bidirectional-gru-last-output-mask-right-padding",
            note="Bidirectional(GRU(3)) returnSequences=false, concat, right-padding mask: forward "
            "part is the last valid output, backward part the output after processing t=0",
            layers=[bidi("GRU", 3, "concat")],
            mask=MASK_RIGHT,
        ),
        dict(
            name="bidirectional-lstm-return-state",
            note="Bidirectional(LSTM(3, returnState)) returnSequences=false, concat: outputs "
            "[output, forward_h, forward_c, backward_h, backward_c]",
            layers=[bidi("LSTM", 3, "concat", returnState=True)],
        ),
        dict(
            name="bidirectional-lstm-return-state-sequences-mask-right-padding",
            note="Bidirectional(LSTM(3, returnSequences, returnState)) mergeMode sum with a "
            "right-padding mask",
            layers=[bidi("LSTM", 3, "sum", returnSequences=True, returnState=True)],
            mask=MASK_RIGHT,
        ),
        dict(
            name="stacked-lstm-gru",
            note="LSTM(4, returnSequences) then GRU(3) (resetAfter), no mask",
            layers=[rnn("LSTM", 4, returnSequences=True), rnn("GRU", 3)],
        ),
        dict(
            name="stacked-lstm-gru-mask-right-padding",
            note="LSTM(4, returnSequences) then GRU(3) with a right-padding mask passed to both "
            "layers (the LSTM's outputs at masked steps repeat, the GRU skips them)",
            layers=[rnn("LSTM", 4, returnSequences=True), rnn("GRU", 3)],
            mask=MASK_RIGHT,
        ),
        dict(
            name="lstm-sequences-state-mask-initial-state",
            note="LSTM(3, returnSequences, returnState) with a mask and an initial state: outputs "
            "[sequence, h, c]; row 1's leading masked step outputs zeros and keeps the initial "
            "state",
            layers=[rnn("LSTM", 3, returnSequences=True, returnState=True)],
            mask=MASK_MIXED,
            initial_state=True,
        ),
        dict(
            name="simple-rnn-go-backwards-last-output-mask",
            note="SimpleRNN(3, goBackwards) returnSequences=false with a right-padding mask: the "
            "output is the one after processing t=0",
            layers=[rnn("SimpleRNN", 3, goBackwards=True)],
            mask=MASK_RIGHT,
        ),
    ]


def uniform(gen, shape, lo, hi):
    return torch.rand(shape, generator=gen, dtype=DTYPE) * (hi - lo) + lo


def rnn_weight_shapes(layer_type, cfg, input_dim):
    units = cfg["units"]
    g = ref.GATES[CELL_OF[layer_type]]
    shapes = [[input_dim, g * units], [units, g * units]]
    if cfg["useBias"]:
        if layer_type == "GRU" and cfg["resetAfter"]:
            shapes.append([2, 3 * units])
        else:
            shapes.append([g * units])
    return shapes


def layer_weight_shapes(layer, input_dim):
    """Returns (weight shapes, output feature dim)."""
    if layer["type"] == "Bidirectional":
        inner = layer["config"]["layer"]
        one = rnn_weight_shapes(inner["type"], inner["config"], input_dim)
        units = inner["config"]["units"]
        out_dim = 2 * units if layer["config"]["mergeMode"] == "concat" else units
        return one + one, out_dim
    return rnn_weight_shapes(layer["type"], layer["config"], input_dim), layer["config"]["units"]


def split_rnn_weights(cfg, weights):
    kernel, recurrent_kernel = weights[0], weights[1]
    bias = weights[2] if cfg["useBias"] else None
    return kernel, recurrent_kernel, bias


def n_rnn_weights(cfg):
    return 3 if cfg["useBias"] else 2


def state_names(layer_type):
    return ["h", "c"] if layer_type == "LSTM" else ["h"]


def merge(mode, y, y_rev):
    if mode == "concat":
        return torch.cat([y, y_rev], dim=-1)
    if mode == "sum":
        return y + y_rev
    if mode == "ave":
        return (y + y_rev) / 2
    if mode == "mul":
        return y * y_rev
    raise ValueError(mode)


# ---------------------------------------------------------------------------------------------
# Reference (explicit loop).
# ---------------------------------------------------------------------------------------------


def ref_rnn_layer(layer_type, cfg, x, mask, initial_state, weights, zero_output_for_mask=False):
    kernel, recurrent_kernel, bias = split_rnn_weights(cfg, weights)
    h0 = c0 = None
    if initial_state is not None:
        h0 = initial_state[0]
        c0 = initial_state[1] if layer_type == "LSTM" else None
    seq, h, c = ref.reference_rnn(
        CELL_OF[layer_type],
        x,
        kernel,
        recurrent_kernel,
        bias=bias,
        initial_h=h0,
        initial_c=c0,
        mask=mask,
        go_backwards=cfg["goBackwards"],
        activation=cfg["activation"],
        recurrent_activation=cfg.get("recurrentActivation", "sigmoid"),
        reset_after=cfg.get("resetAfter", True),
        zero_output_for_mask=zero_output_for_mask,
    )
    output = seq if cfg["returnSequences"] else seq[:, -1]
    states = [h, c] if layer_type == "LSTM" else [h]
    return output, states


def ref_layer(layer, x, mask, initial_state, weights):
    """Returns (list of (name, tensor) outputs, output mask)."""
    if layer["type"] == "Bidirectional":
        mode = layer["config"]["mergeMode"]
        inner = layer["config"]["layer"]
        lt, cfg = inner["type"], inner["config"]
        n = n_rnn_weights(cfg)
        if initial_state is not None:
            raise NotImplementedError("Bidirectional initial state is not exercised")
        zero = cfg["returnSequences"]  # Bidirectional's force_zero_output_for_mask
        y, fwd_states = ref_rnn_layer(lt, cfg, x, mask, None, weights[:n], zero)
        bcfg = dict(cfg, goBackwards=True)
        y_rev, bwd_states = ref_rnn_layer(lt, bcfg, x, mask, None, weights[n:], zero)
        if cfg["returnSequences"]:
            y_rev = y_rev.flip(1)
        outputs = [("output", merge(mode, y, y_rev))]
        if cfg["returnState"]:
            outputs += [("forward_" + s, v) for s, v in zip(state_names(lt), fwd_states)]
            outputs += [("backward_" + s, v) for s, v in zip(state_names(lt), bwd_states)]
        return outputs, (mask if cfg["returnSequences"] else None)
    cfg = layer["config"]
    output, states = ref_rnn_layer(layer["type"], cfg, x, mask, initial_state, weights)
    outputs = [("output", output)]
    if cfg["returnState"]:
        outputs += list(zip(state_names(layer["type"]), states))
    return outputs, (mask if cfg["returnSequences"] else None)


def ref_model(layers, x, mask, initial_state, weights_per_layer):
    outputs = None
    for i, layer in enumerate(layers):
        init = initial_state if i == 0 else None
        outputs, mask = ref_layer(layer, x, mask, init, weights_per_layer[i])
        x = outputs[0][1]
    return outputs


# ---------------------------------------------------------------------------------------------
# Cross-check with torch.nn modules.
# ---------------------------------------------------------------------------------------------


def is_right_padded(mask):
    if mask is None:
        return True
    m = mask != 0
    lengths = m.sum(1)
    if bool((lengths == 0).any()):
        return False
    expected = torch.arange(m.shape[1]).unsqueeze(0) < lengths.unsqueeze(1)
    return bool((m == expected).all())


class TorchModel:
    """Evaluates the same layer stack with torch.nn modules and maps gradients back."""

    def __init__(self, gen):
        self.gen = gen
        self.modules = []  # (module, cell, has_bias, suffixes) per layer, in weight order
        self.how = set()

    def _module(self, layer_type, cfg, input_dim, weights, bidirectional):
        cell = CELL_OF[layer_type]
        mod = ref.make_torch_module(
            cell, input_dim, cfg["units"], cfg["useBias"], cfg["activation"], bidirectional
        )
        n = n_rnn_weights(cfg)
        suffixes = ["_l0", "_l0_reverse"] if bidirectional else ["_l0"]
        for k, suffix in enumerate(suffixes):
            kernel, recurrent_kernel, bias = split_rnn_weights(cfg, weights[k * n : (k + 1) * n])
            ref.load_torch_weights(
                mod, cell, kernel, recurrent_kernel, bias, suffix=suffix, split_gen=self.gen
            )
        self.modules.append((mod, cell, cfg["useBias"], suffixes))
        return mod

    def _run_unidirectional(self, mod, layer_type, cfg, x, mask, initial_state, zero_output):
        cell = CELL_OF[layer_type]
        h0 = c0 = None
        if initial_state is not None:
            h0 = initial_state[0]
            c0 = initial_state[1] if cell == "lstm" else None
        seq, h, c = ref.torch_run(mod, cell, x, h0, c0, mask, cfg["goBackwards"])
        if zero_output and mask is not None:
            m = mask.flip(1) if cfg["goBackwards"] else mask
            seq = seq * (m != 0).to(DTYPE).unsqueeze(-1)
        output = seq if cfg["returnSequences"] else seq[:, -1]
        return output, ([h, c] if cell == "lstm" else [h])

    def _run_packed(self, mod, x, mask):
        """torch's own (possibly bidirectional) module on a right-padded batch."""
        if mask is None:
            return mod(x)
        lengths = (mask != 0).sum(1).to(torch.int64)
        packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        out, hidden = mod(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=x.shape[1])
        return out, hidden

    def layer(self, layer, x, mask, initial_state, weights):
        input_dim = x.shape[-1]
        if layer["type"] == "Bidirectional":
            mode = layer["config"]["mergeMode"]
            inner = layer["config"]["layer"]
            lt, cfg = inner["type"], inner["config"]
            units = cfg["units"]
            cell = CELL_OF[lt]
            if is_right_padded(mask):
                self.how.add(f"{TORCH_OF[lt]}(bidirectional=True)" + (
                    " + pack_padded_sequence" if mask is not None else ""))
                mod = self._module(lt, cfg, input_dim, weights, bidirectional=True)
                out, hidden = self._run_packed(mod, x, mask)
                hn, cn = hidden if cell == "lstm" else (hidden, None)
                if cfg["returnSequences"]:
                    y, y_rev = out[..., :units], out[..., units:]
                else:
                    y, y_rev = hn[0], hn[1]
                fwd_states = [hn[0], cn[0]] if cell == "lstm" else [hn[0]]
                bwd_states = [hn[1], cn[1]] if cell == "lstm" else [hn[1]]
            else:
                self.how.add(f"two {TORCH_OF[lt]} per-row compaction")
                n = n_rnn_weights(cfg)
                zero = cfg["returnSequences"]
                fmod = self._module(lt, cfg, input_dim, weights[:n], bidirectional=False)
                y, fwd_states = self._run_unidirectional(fmod, lt, cfg, x, mask, None, zero)
                bcfg = dict(cfg, goBackwards=True)
                bmod = self._module(lt, bcfg, input_dim, weights[n:], bidirectional=False)
                y_rev, bwd_states = self._run_unidirectional(bmod, lt, bcfg, x, mask, None, zero)
                if cfg["returnSequences"]:
                    y_rev = y_rev.flip(1)
            outputs = [("output", merge(mode, y, y_rev))]
            if cfg["returnState"]:
                outputs += [("forward_" + s, v) for s, v in zip(state_names(lt), fwd_states)]
                outputs += [("backward_" + s, v) for s, v in zip(state_names(lt), bwd_states)]
            return outputs, (mask if cfg["returnSequences"] else None)

        lt, cfg = layer["type"], layer["config"]
        cell = CELL_OF[lt]
        mod = self._module(lt, cfg, input_dim, weights, bidirectional=False)
        if initial_state is None and not cfg["goBackwards"] and is_right_padded(mask):
            self.how.add(TORCH_OF[lt] + (" + pack_padded_sequence" if mask is not None else ""))
            out, hidden = self._run_packed(mod, x, mask)
            hn, cn = hidden if cell == "lstm" else (hidden, None)
            if cfg["returnSequences"]:
                if mask is not None:
                    # Keras repeats the last valid output at padded steps (torch pads zeros).
                    lengths = (mask != 0).sum(1)
                    idx = torch.minimum(
                        torch.arange(x.shape[1]).unsqueeze(0), (lengths - 1).unsqueeze(1)
                    )
                    out = out[torch.arange(x.shape[0]).unsqueeze(1), idx]
                output = out
            else:
                output = hn[0]
            states = [hn[0], cn[0]] if cell == "lstm" else [hn[0]]
        else:
            self.how.add(f"{TORCH_OF[lt]} per-row compaction")
            output, states = self._run_unidirectional(mod, lt, cfg, x, mask, initial_state, False)
        outputs = [("output", output)]
        if cfg["returnState"]:
            outputs += list(zip(state_names(lt), states))
        return outputs, (mask if cfg["returnSequences"] else None)

    def model(self, layers, x, mask, initial_state, weights_per_layer):
        outputs = None
        for i, layer in enumerate(layers):
            init = initial_state if i == 0 else None
            outputs, mask = self.layer(layer, x, mask, init, weights_per_layer[i])
            x = outputs[0][1]
        return outputs

    def weight_grads(self):
        grads = []
        for mod, cell, has_bias, suffixes in self.modules:
            for suffix in suffixes:
                gk, grk, gb = ref.torch_weight_grads(mod, cell, has_bias, suffix)
                grads += [gk, grk] + ([gb] if has_bias else [])
        return grads


# ---------------------------------------------------------------------------------------------


def weighted_loss(outputs, loss_weights):
    return sum((v * w).sum() for (_, v), w in zip(outputs, loss_weights))


def build_case(spec):
    seed = (BASE_SEED * 1000003 + zlib.crc32(spec["name"].encode())) % (2**31)
    gen = torch.Generator().manual_seed(seed)
    layers = spec["layers"]
    x = uniform(gen, (B, T, D), -1.0, 1.0)

    weight_shapes, weights = [], []
    input_dim = D
    for layer in layers:
        shapes, input_dim = layer_weight_shapes(layer, input_dim)
        weight_shapes.append(shapes)
        weights.append([uniform(gen, tuple(s), -0.5, 0.5) for s in shapes])

    mask = torch.tensor(spec["mask"], dtype=DTYPE) if spec.get("mask") is not None else None
    initial_state = None
    if spec.get("initial_state"):
        first = layers[0]
        assert first["type"] != "Bidirectional"
        units = first["config"]["units"]
        initial_state = [
            uniform(gen, (B, units), -0.5, 0.5) for _ in state_names(first["type"])
        ]

    # Reference forward + gradients.
    x_leaf = x.clone().requires_grad_(True)
    w_leaf = [[w.clone().requires_grad_(True) for w in ws] for ws in weights]
    s_leaf = (
        [s.clone().requires_grad_(True) for s in initial_state] if initial_state else None
    )
    outputs = ref_model(layers, x_leaf, mask, s_leaf, w_leaf)
    loss_weights = [uniform(gen, tuple(v.shape), -1.0, 1.0) for _, v in outputs]
    total = weighted_loss(outputs, loss_weights)
    flat_w = [w for ws in w_leaf for w in ws]
    leaves = [x_leaf] + flat_w + (s_leaf or [])
    grads = torch.autograd.grad(total, leaves, allow_unused=True)
    grads = [g if g is not None else torch.zeros_like(v) for g, v in zip(grads, leaves)]
    g_x, g_w, g_s = grads[0], grads[1 : 1 + len(flat_w)], grads[1 + len(flat_w) :]

    # Cross-check.
    tm = TorchModel(gen)
    tx = x.clone().requires_grad_(True)
    ts = [s.clone().requires_grad_(True) for s in initial_state] if initial_state else None
    t_outputs = tm.model(layers, tx, mask, ts, weights)
    assert [n for n, _ in t_outputs] == [n for n, _ in outputs], spec["name"]
    weighted_loss(t_outputs, loss_weights).backward()
    worst = 0.0
    for (_, a), (_, b) in zip(outputs, t_outputs):
        assert a.shape == b.shape, spec["name"]
        worst = max(worst, ref.max_abs_diff(a.detach(), b.detach()))
    worst = max(worst, ref.max_abs_diff(g_x, tx.grad))
    t_gw = tm.weight_grads()
    assert len(t_gw) == len(g_w), spec["name"]
    for a, b in zip(g_w, t_gw):
        assert a.shape == b.shape, spec["name"]
        worst = max(worst, ref.max_abs_diff(a, b))
    if ts:
        for a, s in zip(g_s, ts):
            worst = max(worst, ref.max_abs_diff(a, s.grad))
    if not worst <= TOL:
        raise AssertionError(f"{spec['name']}: cross-check against torch.nn failed: {worst:.3e}")

    case = {
        "name": spec["name"],
        "seed": seed,
        "note": spec["note"],
        "layers": [
            {
                "type": layer["type"],
                "config": layer["config"],
                "weights": [ref.flat(w) for w in ws],
                "weightShapes": shapes,
            }
            for layer, ws, shapes in zip(layers, weights, weight_shapes)
        ],
        "input": {
            "x": ref.flat(x),
            "shape": [B, T, D],
            "mask": ref.flat_mask(mask),
            "initialState": [ref.flat(s) for s in initial_state] if initial_state else None,
        },
        "outputs": [
            {"name": n, "shape": list(v.shape), "values": ref.flat(v)} for n, v in outputs
        ],
        "lossWeights": [ref.flat(w) for w in loss_weights],
        "gradients": {
            "x": ref.flat(g_x),
            "weights": [ref.flat(g) for g in g_w],
            "initialState": [ref.flat(g) for g in g_s] if initial_state else None,
        },
        "crossCheck": "; ".join(sorted(tm.how)),
    }
    return case, worst


def write_json(path, header, cases):
    lines = ["{"]
    for key, value in header.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value)},")
    lines.append('  "cases": [')
    for i, case in enumerate(cases):
        sep = "," if i + 1 < len(cases) else ""
        lines.append("    " + json.dumps(case, separators=(",", ":"), allow_nan=False) + sep)
    lines.append("  ]")
    lines.append("}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    torch.set_default_dtype(DTYPE)
    cases = []
    names = set()
    for spec in case_specs():
        assert spec["name"] not in names, spec["name"]
        names.add(spec["name"])
        case, worst = build_case(spec)
        cases.append(case)
        print(f"{spec['name']:<62} max abs diff {worst:.3e} via {case['crossCheck']}")
    header = {"generator": GENERATOR, "torch": torch.__version__, "note": NOTE}
    write_json(OUT_PATH, header, cases)
    with open(OUT_PATH) as f:
        assert len(json.load(f)["cases"]) == len(cases)
    print(
        f"wrote {os.path.relpath(OUT_PATH, REPO_ROOT)}: {len(cases)} cases, "
        f"{os.path.getsize(OUT_PATH)} bytes"
    )


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"FAILED: {e}", file=sys.stderr)
        sys.exit(1)
