"""Explicit float64 reference loop for recur's recurrent kernels (Keras 3 semantics).

Shared by:
  - packages/tensor/test/golden/generate-recurrent-golden.py (kernel-level golden values), and
  - packages/layers/test/golden/generate-recurrent-layers-golden.py (layer-level golden values),
which import this module through sys.path. Run only with Debian's PyTorch (/usr/bin/python3,
torch 1.13); CI never runs Python.

Layouts and conventions (Keras 3):
  x [B, T, D]; units H.
  LSTM       kernel [D, 4H], recurrentKernel [H, 4H], bias [4H] or None; gate order i, f, c, o.
  GRU        kernel [D, 3H], recurrentKernel [H, 3H]; gate order z, r, h;
             resetAfter=True:  bias [2, 3H] (row 0 input bias, row 1 recurrent bias) or None;
             resetAfter=False: bias [3H] or None.
  SimpleRNN  kernel [D, H], recurrentKernel [H, H], bias [H] or None.
  mask       [B, T] of 0/1 in the ORIGINAL time order (reversed together with x when
             goBackwards=True).

Masking follows Keras 3's generic `backend.rnn()` as implemented by the TensorFlow backend
(keras/src/backend/tensorflow/rnn.py, both the while_loop and the unrolled path) and the torch
backend (keras/src/backend/torch/rnn.py): at a masked step the states (h and c) are carried
unchanged and the output is the previous *output*, which is zeros before the first valid step
(`flat_zero_output` / `prev_output = zeros_like(output)`); with zero_output_for_mask=True
(what `Bidirectional` forces on its sub-layers when return_sequences=True) the output at a
masked step is zeros instead.
Keras 3's JAX and NumPy backends differ in their default (unroll=False) scan: there the masked
output is `states[0]` (the previous h), i.e. the initial state before the first valid step. The
two agree except for leading masked steps with a nonzero initial state; this reference follows
the TensorFlow/torch backends.

The returned sequence is in processing order (for goBackwards, sequence[:, 0] is the output
after processing x[:, T-1]), exactly as Keras returns it.
"""

import torch
import torch.nn.functional as F

DTYPE = torch.float64


def hard_sigmoid(x):
    """Keras 3 hard_sigmoid: relu6(x + 3) / 6 (slope 1/6, NOT Keras 2's 0.2 x + 0.5)."""
    return F.relu6(x + 3.0) / 6.0


ACTIVATIONS = {
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "hardSigmoid": hard_sigmoid,
    "relu": torch.relu,
    "linear": lambda x: x,
}

GATES = {"lstm": 4, "gru": 3, "simpleRnn": 1}


def _split(z, n):
    h = z.shape[-1] // n
    return [z[..., k * h : (k + 1) * h] for k in range(n)]


def lstm_step(x_t, h, c, kernel, recurrent_kernel, bias, act, ract):
    z = x_t @ kernel + h @ recurrent_kernel
    if bias is not None:
        z = z + bias
    z_i, z_f, z_c, z_o = _split(z, 4)
    i = ract(z_i)
    f = ract(z_f)
    g = act(z_c)
    o = ract(z_o)
    c_new = f * c + i * g
    h_new = o * act(c_new)
    return h_new, c_new


def gru_step(x_t, h, kernel, recurrent_kernel, bias, act, ract, reset_after):
    units = h.shape[-1]
    if reset_after:
        mx = x_t @ kernel
        mh = h @ recurrent_kernel
        if bias is not None:
            mx = mx + bias[0]
            mh = mh + bias[1]
        x_z, x_r, x_h = _split(mx, 3)
        r_z, r_r, r_h = _split(mh, 3)
        z = ract(x_z + r_z)
        r = ract(x_r + r_r)
        hh = act(x_h + r * r_h)
    else:
        mx = x_t @ kernel
        if bias is not None:
            mx = mx + bias
        x_z, x_r, x_h = _split(mx, 3)
        u_z = recurrent_kernel[:, :units]
        u_r = recurrent_kernel[:, units : 2 * units]
        u_h = recurrent_kernel[:, 2 * units :]
        z = ract(x_z + h @ u_z)
        r = ract(x_r + h @ u_r)
        hh = act(x_h + (r * h) @ u_h)
    return z * h + (1.0 - z) * hh


def simple_rnn_step(x_t, h, kernel, recurrent_kernel, bias, act):
    z = x_t @ kernel + h @ recurrent_kernel
    if bias is not None:
        z = z + bias
    return act(z)


def reference_rnn(
    cell,
    x,
    kernel,
    recurrent_kernel,
    bias=None,
    initial_h=None,
    initial_c=None,
    mask=None,
    go_backwards=False,
    activation="tanh",
    recurrent_activation="sigmoid",
    reset_after=True,
    zero_output_for_mask=False,
):
    """Run one recurrent layer over x [B, T, D].

    Returns (sequence [B, T, H] in processing order, h [B, H], c [B, H] or None).
    All arguments are torch tensors (float64) except mask, which may be any 0/1 tensor.
    """
    if cell not in GATES:
        raise ValueError(f"unknown cell {cell!r}")
    batch, steps, _ = x.shape
    units = recurrent_kernel.shape[0]
    act = ACTIVATIONS[activation]
    ract = ACTIVATIONS[recurrent_activation] if cell != "simpleRnn" else None
    zeros = torch.zeros(batch, units, dtype=x.dtype)
    h = initial_h if initial_h is not None else zeros
    c = None
    if cell == "lstm":
        c = initial_c if initial_c is not None else zeros
    mask_b = None if mask is None else (mask != 0)

    prev_out = zeros
    outputs = []
    order = range(steps - 1, -1, -1) if go_backwards else range(steps)
    for t in order:
        x_t = x[:, t, :]
        c_new = None
        if cell == "lstm":
            h_new, c_new = lstm_step(x_t, h, c, kernel, recurrent_kernel, bias, act, ract)
        elif cell == "gru":
            h_new = gru_step(x_t, h, kernel, recurrent_kernel, bias, act, ract, reset_after)
        else:
            h_new = simple_rnn_step(x_t, h, kernel, recurrent_kernel, bias, act)
        out = h_new
        if mask_b is not None:
            m = mask_b[:, t].unsqueeze(-1)
            out = torch.where(m, out, zeros if zero_output_for_mask else prev_out)
            h_new = torch.where(m, h_new, h)
            if c_new is not None:
                c_new = torch.where(m, c_new, c)
        h, c = h_new, c_new
        prev_out = out
        outputs.append(out)
    return torch.stack(outputs, dim=1), h, c


def max_abs_diff(a, b):
    if a is None and b is None:
        return 0.0
    return float((a - b).abs().max()) if a.numel() else 0.0


def flat(t):
    """Row-major flat list of Python floats (full precision on json.dumps via repr)."""
    if t is None:
        return None
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def flat_mask(m):
    if m is None:
        return None
    return [int(v) for v in m.reshape(-1).tolist()]


# ---------------------------------------------------------------------------------------------
# Independent cross-check through torch.nn.LSTM / torch.nn.GRU / torch.nn.RNN.
# ---------------------------------------------------------------------------------------------


def _gru_keras_to_torch_rows(w_t):
    """Keras gate blocks [z, r, h] along dim 0 (of a transposed kernel) -> torch [r, z, n]."""
    z, r, h = _split(w_t.transpose(0, -1), 3)
    return torch.cat([r, z, h], dim=-1).transpose(0, -1)


def _gru_torch_to_keras_rows(g):
    r, z, n = _split(g.transpose(0, -1), 3)
    return torch.cat([z, r, n], dim=-1).transpose(0, -1)


def torch_expressible(cell, activation, recurrent_activation, reset_after):
    if cell == "simpleRnn":
        return activation in ("tanh", "relu")
    if cell == "gru" and not reset_after:
        return False
    return activation == "tanh" and recurrent_activation == "sigmoid"


def make_torch_module(cell, input_size, units, has_bias, activation="tanh", bidirectional=False):
    kwargs = dict(bias=has_bias, batch_first=True, bidirectional=bidirectional)
    if cell == "lstm":
        mod = torch.nn.LSTM(input_size, units, **kwargs)
    elif cell == "gru":
        mod = torch.nn.GRU(input_size, units, **kwargs)
    else:
        mod = torch.nn.RNN(input_size, units, nonlinearity=activation, **kwargs)
    return mod.to(DTYPE)


def load_torch_weights(mod, cell, kernel, recurrent_kernel, bias, suffix="_l0", split_gen=None):
    """Copy Keras-layout weights into a torch RNN module (direction given by suffix)."""
    with torch.no_grad():
        if cell == "gru":
            getattr(mod, "weight_ih" + suffix).copy_(_gru_keras_to_torch_rows(kernel.t()))
            getattr(mod, "weight_hh" + suffix).copy_(_gru_keras_to_torch_rows(recurrent_kernel.t()))
            if bias is not None:
                getattr(mod, "bias_ih" + suffix).copy_(_gru_keras_to_torch_rows(bias[0]))
                getattr(mod, "bias_hh" + suffix).copy_(_gru_keras_to_torch_rows(bias[1]))
        else:
            # LSTM gate order i, f, g, o == Keras i, f, c, o: only a transpose.
            getattr(mod, "weight_ih" + suffix).copy_(kernel.t())
            getattr(mod, "weight_hh" + suffix).copy_(recurrent_kernel.t())
            if bias is not None:
                # torch has two biases that sum: split the Keras bias at random.
                part = (
                    torch.rand(bias.shape, generator=split_gen, dtype=DTYPE) - 0.5
                    if split_gen is not None
                    else torch.zeros_like(bias)
                )
                getattr(mod, "bias_ih" + suffix).copy_(bias - part)
                getattr(mod, "bias_hh" + suffix).copy_(part)


def torch_weight_grads(mod, cell, has_bias, suffix="_l0"):
    """Gradients of a torch RNN module's parameters, mapped back to Keras layout."""

    def g(name):
        p = getattr(mod, name + suffix)
        return torch.zeros_like(p) if p.grad is None else p.grad

    if cell == "gru":
        gk = _gru_torch_to_keras_rows(g("weight_ih")).t()
        grk = _gru_torch_to_keras_rows(g("weight_hh")).t()
        gb = None
        if has_bias:
            gb = torch.stack(
                [_gru_torch_to_keras_rows(g("bias_ih")), _gru_torch_to_keras_rows(g("bias_hh"))]
            )
        return gk, grk, gb
    gk = g("weight_ih").t()
    grk = g("weight_hh").t()
    gb = None
    if has_bias:
        gb_ih, gb_hh = g("bias_ih"), g("bias_hh")
        if max_abs_diff(gb_ih, gb_hh) > 1e-12:
            raise AssertionError("torch bias_ih and bias_hh gradients differ")
        gb = gb_ih
    return gk, grk, gb


def torch_run(mod, cell, x, initial_h, initial_c, mask, go_backwards):
    """Run a unidirectional torch module with Keras masking semantics.

    Without a mask: one batched call (goBackwards by flipping the input along time).
    With a mask: per batch row, the valid steps (in processing order) are compacted and fed to
    the module alone; the Keras sequence is rebuilt from the compacted outputs (the output at a
    masked step repeats the last valid output, zeros before the first one) and a fully masked row
    keeps its initial state. This is an independent construction of the same semantics.
    Returns (sequence [B, T, H] in processing order, h, c or None); differentiable w.r.t. x,
    initial states and the module parameters.
    """
    batch, steps, _ = x.shape
    units = mod.hidden_size
    h0 = initial_h if initial_h is not None else torch.zeros(batch, units, dtype=DTYPE)
    c0 = initial_c if initial_c is not None else torch.zeros(batch, units, dtype=DTYPE)
    xs = x.flip(1) if go_backwards else x
    if mask is None:
        if cell == "lstm":
            seq, (hn, cn) = mod(xs, (h0.unsqueeze(0), c0.unsqueeze(0)))
            return seq, hn[0], cn[0]
        seq, hn = mod(xs, h0.unsqueeze(0))
        return seq, hn[0], None
    ms = (mask.flip(1) if go_backwards else mask) != 0
    seqs, hs, cs = [], [], []
    for b in range(batch):
        idx = torch.nonzero(ms[b]).reshape(-1)
        if idx.numel() == 0:
            seqs.append(torch.zeros(steps, units, dtype=DTYPE))
            hs.append(h0[b])
            cs.append(c0[b])
            continue
        xb = xs[b, idx].unsqueeze(0)
        if cell == "lstm":
            out, (hn, cn) = mod(xb, (h0[b].reshape(1, 1, -1), c0[b].reshape(1, 1, -1)))
            cs.append(cn[0, 0])
        else:
            out, hn = mod(xb, h0[b].reshape(1, 1, -1))
        hs.append(hn[0, 0])
        padded = torch.cat([torch.zeros(1, units, dtype=DTYPE), out[0]], dim=0)
        pick = torch.cumsum(ms[b].long(), dim=0)  # number of valid steps processed so far
        seqs.append(padded[pick])
    c = torch.stack(cs) if cell == "lstm" else None
    return torch.stack(seqs), torch.stack(hs), c
