#!/usr/bin/python3
"""Generate PyTorch (float64) golden values for recur's fused recurrent kernels.

Run from anywhere with Debian's PyTorch (torch 1.13; NOT the `python3` on PATH):

    /usr/bin/python3 packages/tensor/test/golden/generate-recurrent-golden.py

It (re)writes packages/tensor/test/golden/recurrent-kernels.json next to this script. The output
is deterministic (per-case torch.Generator seeded from a fixed base seed and the case name).
CI never runs Python: the JSON is committed together with this script.

Semantics (Keras 3; see recurrent_reference.py for the reference loop and the Keras sources it
follows). Inputs x [B, T, D], units H.
  lstm       kernel [D, 4H], recurrentKernel [H, 4H], bias [4H]; gates i, f, c, o.
  gru        kernel [D, 3H], recurrentKernel [H, 3H]; gates z, r, h;
             resetAfter=true: bias [2, 3H] (row 0 input, row 1 recurrent); false: bias [3H].
  simpleRnn  kernel [D, H], recurrentKernel [H, H], bias [H].
  initialH / initialC [B, H] (zeros when null). mask [B, T] of 0/1 in original time order
  (reversed together with x when goBackwards). At a masked step h and c are carried and the
  output repeats the previous output (zeros before the first valid step). `sequence` is in
  processing order (goBackwards: sequence[:, 0] is the output after processing x[:, T-1]).
  hardSigmoid is Keras 3's relu6(x + 3) / 6.

JSON format (all arrays flat, row-major, float64 written with Python's repr):
{ "generator": "<this script, repo-relative>", "torch": "<torch.__version__>", "note": "...",
  "cases": [ {
    "name": "lstm-bias-initial-state", "seed": <int>,
    "cell": "lstm" | "gru" | "simpleRnn",
    "B": 3, "T": 5, "D": 3, "H": 4,
    "options": { "resetAfter": true|false (gru only), "goBackwards": false,
                 "activation": "tanh",
                 "recurrentActivation": "sigmoid" (lstm and gru only),
                 "hasBias": true, "hasInitialState": true, "hasMask": false },
    "inputs": { "x": [B*T*D], "kernel": [...], "recurrentKernel": [...], "bias": [...] | null,
                "initialH": [B*H] | null, "initialC": [B*H] | null (lstm only),
                "mask": [B*T of 0/1] | null },
    "outputs": { "sequence": [B*T*H], "h": [B*H], "c": [B*H] | null },
    "lossWeights": { "sequence": [B*T*H], "h": [B*H], "c": [B*H] | null },
    "gradients": { "x": [...], "kernel": [...], "recurrentKernel": [...], "bias": [...] | null,
                   "initialH": [...] | null, "initialC": [...] | null },
    "crossCheck": "torch.nn.LSTM" | "torch.nn.GRU" | "torch.nn.RNN" | null } ] }
Gradients are of L = sum(sequence * lossWeights.sequence) + sum(h * lossWeights.h)
                   + sum(c * lossWeights.c).
Value ranges: x ~ U(-1, 1); kernel, recurrentKernel, bias ~ U(-0.5, 0.5);
initial states ~ U(-0.5, 0.5); loss weights ~ U(-1, 1).

The script cross-checks the reference loop (outputs AND gradients, max abs diff <= 1e-10)
against torch.nn.LSTM / torch.nn.GRU / torch.nn.RNN for every case they can express (default
activations, GRU resetAfter=true, SimpleRNN tanh or relu; masks via per-row compaction of the
valid steps; goBackwards by flipping the input), runs torch.autograd.gradcheck on small
configurations of every feature, and exits non-zero if anything fails.
"""

import json
import os
import sys
import zlib

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import torch  # noqa: E402

import recurrent_reference as ref  # noqa: E402

REPO_ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
GENERATOR = os.path.relpath(os.path.abspath(__file__), REPO_ROOT)
OUT_PATH = os.path.join(HERE, "recurrent-kernels.json")
BASE_SEED = 20250101
TOL = 1e-10
DTYPE = ref.DTYPE

NOTE = (
    "Golden values for recur's fused recurrent kernels (lstm, gru, simpleRnn), computed in "
    "float64 by an explicit PyTorch reference loop following Keras 3 semantics and cross-checked "
    "against torch.nn.LSTM/GRU/RNN where expressible (crossCheck field). Layouts are Keras's "
    "(kernel [D, G*H], recurrentKernel [H, G*H], gate order LSTM i,f,c,o and GRU z,r,h; GRU "
    "resetAfter bias [2, 3H]). All arrays are flat row-major. mask is [B, T] in original time "
    "order; with goBackwards it is reversed along with x. At a masked step h and c are carried "
    "unchanged and the output repeats the previous output, which is zeros before the first valid "
    "step (Keras 3 TensorFlow/torch backends' generic rnn(), zero_output_for_mask=False; the "
    "JAX/NumPy backends' default scan use the initial h instead, which only differs for leading "
    "masked steps with a nonzero initial state, i.e. the *-mask-fully-masked-row-initial-state "
    "cases). "
    "sequence is in processing order (goBackwards: sequence[:, 0] is the output after "
    "processing the last time step). hardSigmoid = relu6(x + 3) / 6. Gradients are of "
    "L = sum(sequence*lossWeights.sequence) + sum(h*lossWeights.h) + sum(c*lossWeights.c)."
)

# Default sizes keep the JSON small.
B, T, D, H = 3, 5, 3, 4

MASK_RIGHT = [[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [1, 0, 0, 0, 0]]
MASK_LEFT = [[1, 1, 1, 1, 1], [0, 0, 1, 1, 1], [0, 0, 0, 0, 1]]
# Row 0 has a hole (output repeats), row 1 is fully masked (sequence zeros, h = initialH),
# row 2 is right-padded.
MASK_FULL_ROW = [[1, 1, 0, 1, 1], [0, 0, 0, 0, 0], [1, 1, 1, 1, 0]]
# Used with goBackwards: row 0 right-padded (leading masked steps in processing order),
# row 1 has holes, row 2 all valid.
MASK_BACKWARDS = [[1, 1, 1, 0, 0], [0, 1, 1, 0, 1], [1, 1, 1, 1, 1]]

CELLS = [
    # (name prefix, cell, resetAfter)
    ("lstm", "lstm", None),
    ("gru-reset-after", "gru", True),
    ("gru-reset-before", "gru", False),
    ("simple-rnn", "simpleRnn", None),
]


def case_specs():
    specs = []
    for prefix, cell, reset_after in CELLS:

        def spec(variant, **kw):
            s = dict(
                name=f"{prefix}-{variant}",
                cell=cell,
                reset_after=reset_after,
                B=B,
                T=T,
                D=D,
                H=H,
                go_backwards=False,
                activation="tanh",
                recurrent_activation="sigmoid",
                has_bias=True,
                has_initial_state=False,
                mask=None,
            )
            s.update(kw)
            specs.append(s)

        spec("defaults")
        spec("no-bias", has_bias=False)
        spec("initial-state", has_initial_state=True)
        spec("go-backwards", go_backwards=True, has_initial_state=True)
        spec("mask-right-padding", mask=MASK_RIGHT)
        spec("mask-left-padding", mask=MASK_LEFT)
        spec("mask-fully-masked-row-initial-state", mask=MASK_FULL_ROW, has_initial_state=True)
        spec("mask-go-backwards", mask=MASK_BACKWARDS, go_backwards=True)
        if cell != "simpleRnn":
            spec("recurrent-activation-hard-sigmoid", recurrent_activation="hardSigmoid")
        else:
            # SimpleRNN has no recurrent activation: hardSigmoid as its activation instead.
            spec("activation-hard-sigmoid", activation="hardSigmoid")
        spec("activation-relu", activation="relu")
        if cell == "simpleRnn":
            spec("activation-linear", activation="linear")
        # T=1: with a zero initial state recurrentKernel would get no gradient, so give one.
        spec("odd-sizes-h17-d7-t1", B=2, T=1, D=7, H=17, has_initial_state=True)
        spec("batch1", B=1, T=6, D=2, H=5)
    return specs


def uniform(gen, shape, lo, hi):
    return torch.rand(shape, generator=gen, dtype=DTYPE) * (hi - lo) + lo


def draw_inputs(s, gen):
    cell, b, t, d, h = s["cell"], s["B"], s["T"], s["D"], s["H"]
    g = ref.GATES[cell]
    x = uniform(gen, (b, t, d), -1.0, 1.0)
    kernel = uniform(gen, (d, g * h), -0.5, 0.5)
    recurrent_kernel = uniform(gen, (h, g * h), -0.5, 0.5)
    bias = None
    if s["has_bias"]:
        shape = (2, 3 * h) if (cell == "gru" and s["reset_after"]) else (g * h,)
        bias = uniform(gen, shape, -0.5, 0.5)
    initial_h = initial_c = None
    if s["has_initial_state"]:
        initial_h = uniform(gen, (b, h), -0.5, 0.5)
        if cell == "lstm":
            initial_c = uniform(gen, (b, h), -0.5, 0.5)
    mask = None
    if s["mask"] is not None:
        mask = torch.tensor(s["mask"], dtype=DTYPE)
        assert mask.shape == (b, t), s["name"]
    w_seq = uniform(gen, (b, t, h), -1.0, 1.0)
    w_h = uniform(gen, (b, h), -1.0, 1.0)
    w_c = uniform(gen, (b, h), -1.0, 1.0) if cell == "lstm" else None
    return dict(
        x=x,
        kernel=kernel,
        recurrentKernel=recurrent_kernel,
        bias=bias,
        initialH=initial_h,
        initialC=initial_c,
        mask=mask,
        w_seq=w_seq,
        w_h=w_h,
        w_c=w_c,
    )


def loss(seq, h, c, w_seq, w_h, w_c):
    total = (seq * w_seq).sum() + (h * w_h).sum()
    if c is not None:
        total = total + (c * w_c).sum()
    return total


GRAD_KEYS = ["x", "kernel", "recurrentKernel", "bias", "initialH", "initialC"]


def run_reference(s, inp):
    leaves = {
        k: inp[k].clone().requires_grad_(True) if inp[k] is not None else None for k in GRAD_KEYS
    }
    seq, h, c = ref.reference_rnn(
        s["cell"],
        leaves["x"],
        leaves["kernel"],
        leaves["recurrentKernel"],
        bias=leaves["bias"],
        initial_h=leaves["initialH"],
        initial_c=leaves["initialC"],
        mask=inp["mask"],
        go_backwards=s["go_backwards"],
        activation=s["activation"],
        recurrent_activation=s["recurrent_activation"],
        reset_after=bool(s["reset_after"]),
    )
    total = loss(seq, h, c, inp["w_seq"], inp["w_h"], inp["w_c"])
    present = [k for k in GRAD_KEYS if leaves[k] is not None]
    grads = torch.autograd.grad(total, [leaves[k] for k in present], allow_unused=True)
    gradients = {k: None for k in GRAD_KEYS}
    for k, gr in zip(present, grads):
        gradients[k] = gr if gr is not None else torch.zeros_like(leaves[k])
    return dict(sequence=seq.detach(), h=h.detach(), c=None if c is None else c.detach()), gradients


def run_torch(s, inp, gen):
    cell = s["cell"]
    mod = ref.make_torch_module(cell, s["D"], s["H"], s["has_bias"], activation=s["activation"])
    ref.load_torch_weights(
        mod, cell, inp["kernel"], inp["recurrentKernel"], inp["bias"], split_gen=gen
    )
    x = inp["x"].clone().requires_grad_(True)
    h0 = inp["initialH"].clone().requires_grad_(True) if inp["initialH"] is not None else None
    c0 = inp["initialC"].clone().requires_grad_(True) if inp["initialC"] is not None else None
    seq, h, c = ref.torch_run(mod, cell, x, h0, c0, inp["mask"], s["go_backwards"])
    total = loss(seq, h, c, inp["w_seq"], inp["w_h"], inp["w_c"])
    total.backward()
    gk, grk, gb = ref.torch_weight_grads(mod, cell, s["has_bias"])

    def grad_of(t):
        if t is None:
            return None
        return t.grad if t.grad is not None else torch.zeros_like(t)

    gradients = dict(
        x=grad_of(x),
        kernel=gk,
        recurrentKernel=grk,
        bias=gb,
        initialH=grad_of(h0),
        initialC=grad_of(c0),
    )
    return dict(sequence=seq.detach(), h=h.detach(), c=None if c is None else c.detach()), gradients


def cross_check(s, inp, outputs, gradients, gen):
    """Returns (module name, max abs diff) or (None, None) when torch cannot express the case."""
    if not ref.torch_expressible(
        s["cell"], s["activation"], s["recurrent_activation"], bool(s["reset_after"])
    ):
        return None, None
    t_out, t_grad = run_torch(s, inp, gen)
    worst = 0.0
    for k in ("sequence", "h", "c"):
        if (outputs[k] is None) != (t_out[k] is None):
            raise AssertionError(f"{s['name']}: output {k} presence differs")
        worst = max(worst, ref.max_abs_diff(outputs[k], t_out[k]))
    for k in GRAD_KEYS:
        if (gradients[k] is None) != (t_grad[k] is None):
            raise AssertionError(f"{s['name']}: gradient {k} presence differs")
        worst = max(worst, ref.max_abs_diff(gradients[k], t_grad[k]))
    name = {"lstm": "torch.nn.LSTM", "gru": "torch.nn.GRU", "simpleRnn": "torch.nn.RNN"}[s["cell"]]
    if not worst <= TOL:
        raise AssertionError(f"{s['name']}: cross-check against {name} failed: {worst:.3e}")
    return name, worst


def gradchecks():
    """Finite-difference check of the reference loop's autograd on small configurations."""
    configs = []
    mask = torch.tensor([[1, 0, 1], [0, 0, 1]], dtype=DTYPE)
    for cell, reset_after in (("lstm", True), ("gru", True), ("gru", False), ("simpleRnn", True)):
        configs.append((cell, reset_after, None, False, "tanh", "sigmoid"))
        configs.append((cell, reset_after, mask, True, "tanh", "hardSigmoid"))
        configs.append((cell, reset_after, mask, False, "relu", "sigmoid"))
    gen = torch.Generator().manual_seed(BASE_SEED)
    count = 0
    for cell, reset_after, m, back, act, ract in configs:
        g = ref.GATES[cell]
        b, t, d, h = 2, 3, 2, 3
        x = uniform(gen, (b, t, d), -1, 1).requires_grad_(True)
        k = uniform(gen, (d, g * h), -0.5, 0.5).requires_grad_(True)
        rk = uniform(gen, (h, g * h), -0.5, 0.5).requires_grad_(True)
        bshape = (2, 3 * h) if (cell == "gru" and reset_after) else (g * h,)
        bias = uniform(gen, bshape, -0.5, 0.5).requires_grad_(True)
        h0 = uniform(gen, (b, h), -0.5, 0.5).requires_grad_(True)
        c0 = uniform(gen, (b, h), -0.5, 0.5).requires_grad_(True)

        def fn(x, k, rk, bias, h0, c0):
            seq, hn, cn = ref.reference_rnn(
                cell,
                x,
                k,
                rk,
                bias,
                h0,
                c0 if cell == "lstm" else None,
                mask=m,
                go_backwards=back,
                activation=act,
                recurrent_activation=ract,
                reset_after=reset_after,
            )
            outs = (seq, hn)
            return outs + ((cn,) if cn is not None else ())

        inputs = (x, k, rk, bias, h0, c0)
        if not torch.autograd.gradcheck(fn, inputs, eps=1e-6, atol=1e-7, rtol=1e-6):
            raise AssertionError(f"gradcheck failed for {cell} {reset_after} {act} {ract}")
        count += 1
    return count


def build_case(s):
    seed = (BASE_SEED * 1000003 + zlib.crc32(s["name"].encode())) % (2**31)
    gen = torch.Generator().manual_seed(seed)
    inp = draw_inputs(s, gen)
    outputs, gradients = run_reference(s, inp)
    checked, worst = cross_check(s, inp, outputs, gradients, gen)

    cell = s["cell"]
    options = {}
    if cell == "gru":
        options["resetAfter"] = bool(s["reset_after"])
    options["goBackwards"] = s["go_backwards"]
    options["activation"] = s["activation"]
    if cell != "simpleRnn":
        options["recurrentActivation"] = s["recurrent_activation"]
    options["hasBias"] = s["has_bias"]
    options["hasInitialState"] = s["has_initial_state"]
    options["hasMask"] = s["mask"] is not None

    case = {
        "name": s["name"],
        "seed": seed,
        "cell": cell,
        "B": s["B"],
        "T": s["T"],
        "D": s["D"],
        "H": s["H"],
        "options": options,
        "inputs": {
            "x": ref.flat(inp["x"]),
            "kernel": ref.flat(inp["kernel"]),
            "recurrentKernel": ref.flat(inp["recurrentKernel"]),
            "bias": ref.flat(inp["bias"]),
            "initialH": ref.flat(inp["initialH"]),
            "initialC": ref.flat(inp["initialC"]),
            "mask": ref.flat_mask(inp["mask"]),
        },
        "outputs": {k: ref.flat(outputs[k]) for k in ("sequence", "h", "c")},
        "lossWeights": {
            "sequence": ref.flat(inp["w_seq"]),
            "h": ref.flat(inp["w_h"]),
            "c": ref.flat(inp["w_c"]),
        },
        "gradients": {k: ref.flat(gradients[k]) for k in GRAD_KEYS},
        "crossCheck": checked,
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
    n_grad = gradchecks()
    print(f"gradcheck: {n_grad} configurations passed")
    cases = []
    names = set()
    for s in case_specs():
        assert s["name"] not in names, s["name"]
        names.add(s["name"])
        case, worst = build_case(s)
        cases.append(case)
        status = f"{case['crossCheck']} max abs diff {worst:.3e}" if worst is not None else "-"
        print(f"{s['name']:<52} cross-check: {status}")
    header = {"generator": GENERATOR, "torch": torch.__version__, "note": NOTE}
    write_json(OUT_PATH, header, cases)
    with open(OUT_PATH) as f:
        reloaded = json.load(f)
    assert len(reloaded["cases"]) == len(cases)
    n_checked = sum(1 for c in cases if c["crossCheck"])
    print(
        f"wrote {os.path.relpath(OUT_PATH, REPO_ROOT)}: {len(cases)} cases "
        f"({n_checked} cross-checked against torch.nn), {os.path.getsize(OUT_PATH)} bytes"
    )


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"FAILED: {e}", file=sys.stderr)
        sys.exit(1)
