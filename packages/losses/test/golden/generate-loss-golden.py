#!/usr/bin/python3
"""Generate PyTorch (float64) golden values for @recur/losses: losses and metrics.

Run with Debian's PyTorch (torch 1.13; NOT the `python3` on PATH):

    /usr/bin/python3 packages/losses/test/golden/generate-loss-golden.py

It (re)writes `loss-golden.json` next to this script. The output is deterministic: every case
draws its inputs from its own torch.Generator seeded from a fixed base seed and the case name.
CI never runs Python: the JSON is committed together with this script.

What is computed (Keras 3 definitions, written with torch tensor math in float64):

  Losses, per sample (the last axis reduced):
    mean_squared_error     mean((t - p)^2)
    mean_absolute_error    mean(|t - p|)
    mape                   100 * mean(|(t - p) / max(|t|, eps)|)
    huber                  e = p - t; mean(where(|e| <= d, e^2 / 2, d |e| - d^2 / 2))
    log_cosh               e = p - t; mean(e + softplus(-2e) - log 2)
    kl_divergence          t, p clipped to [eps, 1]; sum(t * log(t / p))
    binary_crossentropy    t <- t (1 - s) + s / 2;  logits: -(t logsigmoid(x) + (1 - t) logsigmoid(-x))
                           probabilities: p clipped to [eps, 1 - eps]; -(t log p + (1 - t) log(1 - p));
                           mean over the last axis
    categorical_crossentropy  t <- t (1 - s) + s / C;  logits: -sum(t * log_softmax(x))
                           probabilities: p / sum(p), clipped to [eps, 1 - eps]; -sum(t log p)
    sparse_categorical_crossentropy  -log_softmax(x)[label], or -log(clip(p / sum(p)))[label];
                           ignore_class positions give 0
  with eps = 1e-7 (keras.backend.epsilon()).

  Reduction (keras/src/losses/loss.py, reduce_weighted_values + apply_mask):
    mask -> for 'sum_over_batch_size'/'mean': mask * (count / sum(mask)); merged into the weights;
    values * weight, then 'sum' = sum; 'sum_over_batch_size'/'mean' = sum / count(values);
    'mean_with_sample_weight' = sum / sum(weight broadcast to the values); 'none' = values.
    Sample weights whose shape is a leading part of the values' shape (e.g. [B] weights on [B, T]
    per-timestep losses) get trailing axes of 1 (recur's documented extension; Keras 3 would
    broadcast them against the last axis).

  Metrics (keras/src/metrics): accuracies as 0/1 per position; the running mean is Keras'
  reduce_to_samplewise_values with mean + total / count over several batches; top-k follows
  tf.math.in_top_k (fewer than k strictly higher scores); rmse = sqrt(running mean of squared
  errors); perplexity = exp(sum(w * CE) / sum(w)) over every counted token of every batch.

Cross-checks (the script exits non-zero and writes nothing if one fails, tolerance 1e-12):
  the Keras formulas above are compared with torch's own functions wherever they coincide:
  F.mse_loss, F.l1_loss, F.huber_loss, F.binary_cross_entropy_with_logits,
  F.kl_div, F.cross_entropy (logits, including label smoothing = Keras' categorical smoothing,
  and ignore_index), and F.nll_loss on the clipped log-probabilities.

JSON format: arrays are {"shape": [...], "dtype": "float64" | "int32", "data": [flat row-major]}.
  losses[i]:  name, loss (class name), config (constructor options), yTrue, yPred,
              sampleWeight | null, mask | null, perSample (Loss.call), value (Loss.compute: a
              number, or an array for reduction 'none'), gradYPred and gradYTrue (gradients of
              compute, or of sum(compute) for 'none'; gradYTrue null for integer labels).
  metrics[i]: name, metric (class name), config, batches [{yTrue, yPred, sampleWeight}],
              result (after all batches), perBatch (the functional per-sample values, or null).
"""

import json
import math
import os
import sys
import zlib

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

EPS = 1e-7
BASE_SEED = 20240917
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "loss-golden.json")
GENERATOR = "packages/losses/test/golden/generate-loss-golden.py"


def generator_for(name):
    g = torch.Generator()
    g.manual_seed(BASE_SEED + zlib.crc32(name.encode()))
    return g


def enc(x):
    if x is None:
        return None
    if isinstance(x, (int, float)):
        return float(x)
    dtype = "int32" if x.dtype in (torch.int32, torch.int64) else "float64"
    data = [int(v) for v in x.reshape(-1).tolist()] if dtype == "int32" else [
        float(v) for v in x.reshape(-1).tolist()]
    return {"shape": list(x.shape), "dtype": dtype, "data": data}


# ---------------------------------------------------------------------------------------------
# Keras 3 helpers
# ---------------------------------------------------------------------------------------------

def squeeze_or_expand(x1, x2, expand_rank_1=True):
    r1, r2 = x1.dim(), x2.dim()
    if r1 == r2:
        return x1, x2
    if r1 == r2 + 1 and x1.shape[-1] == 1:
        if r2 == 1 and expand_rank_1:
            x2 = x2.unsqueeze(-1)
        else:
            x1 = x1.squeeze(-1)
    if r2 == r1 + 1 and x2.shape[-1] == 1:
        if r1 == 1 and expand_rank_1:
            x1 = x1.unsqueeze(-1)
        else:
            x2 = x2.squeeze(-1)
    return x1, x2


def align_weight(weight, values):
    values, weight = squeeze_or_expand(values, weight)
    if weight.dim() < values.dim() and list(weight.shape) == list(values.shape[:weight.dim()]):
        weight = weight.reshape(list(weight.shape) + [1] * (values.dim() - weight.dim()))
    return weight, values


def reduce_weighted(values, sample_weight, mask, reduction):
    weight = sample_weight
    if mask is not None:
        m = mask.to(values.dtype)
        if reduction in ("mean", "sum_over_batch_size"):
            valid = float(m.sum())
            m = m * (0.0 if valid == 0 else m.numel() / valid)
        if weight is None:
            weight = m
        else:
            w, m2 = align_weight(weight, m)
            weight = w * m2
    if weight is not None:
        weight, values = align_weight(weight, values)
        values = values * weight
    if reduction == "none" or values.dim() == 0:
        return values
    total = values.sum()
    if reduction == "sum":
        return total
    divisor = values.numel()
    if reduction == "mean_with_sample_weight" and weight is not None:
        divisor = float(torch.broadcast_to(weight, values.shape).sum())
    return total * 0 if divisor == 0 else total / divisor


# ---------------------------------------------------------------------------------------------
# Keras 3 losses (per sample), float64
# ---------------------------------------------------------------------------------------------

def aligned(t, p):
    t, p = squeeze_or_expand(t.to(p.dtype), p)
    assert t.shape == p.shape, (t.shape, p.shape)
    return t, p


def mse(t, p):
    t, p = aligned(t, p)
    return ((t - p) ** 2).mean(-1)


def mae(t, p):
    t, p = aligned(t, p)
    return (t - p).abs().mean(-1)


def mape(t, p):
    t, p = aligned(t, p)
    return 100.0 * ((t - p) / torch.clamp(t.abs(), min=EPS)).abs().mean(-1)


def huber(t, p, delta=1.0):
    t, p = aligned(t, p)
    e = p - t
    a = e.abs()
    return torch.where(a <= delta, 0.5 * e ** 2, delta * a - 0.5 * delta ** 2).mean(-1)


def log_cosh(t, p):
    t, p = aligned(t, p)
    e = p - t
    return (e + F.softplus(-2.0 * e) - math.log(2.0)).mean(-1)


def kld(t, p):
    t, p = aligned(t, p)
    t = torch.clamp(t, EPS, 1.0)
    p = torch.clamp(p, EPS, 1.0)
    return (t * torch.log(t / p)).sum(-1)


def bce(t, p, fromLogits=False, labelSmoothing=0.0):
    t, p = aligned(t, p)
    if labelSmoothing:
        t = t * (1.0 - labelSmoothing) + 0.5 * labelSmoothing
    if fromLogits:
        e = -(t * F.logsigmoid(p) + (1 - t) * F.logsigmoid(-p))
    else:
        q = torch.clamp(p, EPS, 1 - EPS)
        e = -(t * torch.log(q) + (1 - t) * torch.log(1 - q))
    return e.mean(-1)


def cce(t, p, fromLogits=False, labelSmoothing=0.0):
    t, p = aligned(t, p)
    if labelSmoothing:
        t = t * (1.0 - labelSmoothing) + labelSmoothing / p.shape[-1]
    if fromLogits:
        logq = F.log_softmax(p, -1)
    else:
        logq = torch.log(torch.clamp(p / p.sum(-1, keepdim=True), EPS, 1 - EPS))
    return -(t * logq).sum(-1)


def sparse_labels(t, p):
    if t.dim() == p.dim() and t.shape[-1] == 1:
        t = t.squeeze(-1)
    assert list(t.shape) == list(p.shape[:-1])
    return t.to(torch.int64)


def scce(t, p, fromLogits=False, ignoreClass=None):
    labels = sparse_labels(t, p)
    valid = None
    if ignoreClass is not None:
        valid = labels != ignoreClass
        labels = torch.where(valid, labels, torch.zeros_like(labels))
    if fromLogits:
        logq = F.log_softmax(p, -1)
    else:
        logq = torch.log(torch.clamp(p / p.sum(-1, keepdim=True), EPS, 1 - EPS))
    loss = -logq.gather(-1, labels.unsqueeze(-1)).squeeze(-1)
    if valid is not None:
        loss = torch.where(valid, loss, torch.zeros_like(loss))
    return loss


LOSSES = {
    "MeanSquaredError": lambda c: mse,
    "MeanAbsoluteError": lambda c: mae,
    "MeanAbsolutePercentageError": lambda c: mape,
    "Huber": lambda c: (lambda t, p: huber(t, p, c.get("delta", 1.0))),
    "LogCosh": lambda c: log_cosh,
    "KLDivergence": lambda c: kld,
    "BinaryCrossentropy": lambda c: (lambda t, p: bce(t, p, c.get("fromLogits", False),
                                                      c.get("labelSmoothing", 0.0))),
    "CategoricalCrossentropy": lambda c: (lambda t, p: cce(t, p, c.get("fromLogits", False),
                                                           c.get("labelSmoothing", 0.0))),
    "SparseCategoricalCrossentropy": lambda c: (lambda t, p: scce(t, p, c.get("fromLogits", False),
                                                                  c.get("ignoreClass"))),
}


# ---------------------------------------------------------------------------------------------
# Cross-checks against torch's own implementations
# ---------------------------------------------------------------------------------------------

FAILURES = []


def check(label, a, b, tol=1e-12):
    diff = (a - b).abs().max().item() if a.numel() else 0.0
    if not diff <= tol:
        FAILURES.append(f"{label}: max abs diff {diff}")


def cross_checks():
    g = generator_for("cross-checks")
    t = torch.randn(5, 4, generator=g)
    p = torch.randn(5, 4, generator=g)
    check("mse vs F.mse_loss", mse(t, p), F.mse_loss(p, t, reduction="none").mean(-1))
    check("mae vs F.l1_loss", mae(t, p), F.l1_loss(p, t, reduction="none").mean(-1))
    for d in (0.5, 1.0, 2.0):
        check(f"huber({d}) vs F.huber_loss", huber(t, p, d),
              F.huber_loss(p, t, reduction="none", delta=d).mean(-1))
    z = torch.randint(0, 2, (5, 4), generator=g).to(torch.float64)
    for x in (p, p * 1e4, p * 1e30):
        check("bce logits vs F.binary_cross_entropy_with_logits", bce(z, x, True),
              F.binary_cross_entropy_with_logits(x, z, reduction="none").mean(-1), tol=1e-12 * max(1.0, x.abs().max().item()))
    probs_t = torch.softmax(torch.randn(5, 4, generator=g), -1)
    probs_p = torch.softmax(torch.randn(5, 4, generator=g), -1)
    check("kld vs F.kl_div", kld(probs_t, probs_p),
          F.kl_div(torch.log(probs_p), probs_t, reduction="none").sum(-1))
    labels = torch.randint(0, 4, (5,), generator=g)
    check("scce logits vs F.cross_entropy", scce(labels, p, True),
          F.cross_entropy(p, labels, reduction="none"))
    onehot = F.one_hot(labels, 4).to(torch.float64)
    for s in (0.0, 0.1, 0.3):
        check(f"cce logits (smoothing {s}) vs F.cross_entropy", cce(onehot, p, True, s),
              F.cross_entropy(p, labels, reduction="none", label_smoothing=s))
    logq = torch.log(torch.clamp(probs_p / probs_p.sum(-1, keepdim=True), EPS, 1 - EPS))
    check("scce probabilities vs F.nll_loss", scce(labels, probs_p),
          F.nll_loss(logq, labels, reduction="none"))
    seq = torch.randint(0, 4, (2, 3), generator=g)
    seq[0, 1] = -1
    logits = torch.randn(2, 3, 4, generator=g)
    check("scce ignore_class vs F.cross_entropy(ignore_index)", scce(seq, logits, True, -1),
          F.cross_entropy(logits.permute(0, 2, 1), seq, reduction="none", ignore_index=-1))


# ---------------------------------------------------------------------------------------------
# Loss cases
# ---------------------------------------------------------------------------------------------

def loss_case(name, loss, config, y_true, y_pred, sample_weight=None, mask=None, reduction=None):
    fn = LOSSES[loss](config)
    reduction = reduction or config.get("reduction", "sum_over_batch_size")
    if "reduction" not in config and reduction != "sum_over_batch_size":
        config = {**config, "reduction": reduction}
    y_pred = y_pred.clone().requires_grad_(True)
    float_targets = y_true.dtype == torch.float64
    if float_targets:
        y_true = y_true.clone().requires_grad_(True)
    per_sample = fn(y_true, y_pred)
    # The loss's own output mask (ignoreClass) merges with the given mask.
    own_mask = None
    if loss == "SparseCategoricalCrossentropy" and config.get("ignoreClass") is not None:
        own_mask = (sparse_labels(y_true, y_pred) != config["ignoreClass"]).to(torch.float64)
    combined = own_mask if mask is None else (mask if own_mask is None else own_mask * mask)
    value = reduce_weighted(per_sample, sample_weight, combined, reduction)
    objective = value if value.dim() == 0 else value.sum()
    grads = torch.autograd.grad(objective, [y_pred] + ([y_true] if float_targets else []),
                                allow_unused=True)
    for name_, x in (("perSample", per_sample), ("value", value)):
        if not torch.isfinite(x).all():
            FAILURES.append(f"{name}: non-finite {name_}")
    return {
        "name": name,
        "loss": loss,
        "config": {k: v for k, v in config.items()},
        "yTrue": enc(y_true.detach() if float_targets else y_true.to(torch.int32)),
        "yPred": enc(y_pred.detach()),
        "sampleWeight": enc(sample_weight),
        "mask": enc(mask),
        "perSample": enc(per_sample.detach()),
        "value": value.item() if value.dim() == 0 else enc(value.detach()),
        "gradYPred": enc(grads[0]),
        "gradYTrue": enc(grads[1]) if float_targets and grads[1] is not None else None,
    }


def build_loss_cases():
    cases = []

    def rand(name, *shape, low=-1.0, high=1.0):
        g = generator_for(name)
        return torch.rand(*shape, generator=g) * (high - low) + low

    def probs(name, *shape):
        g = generator_for(name + "/probs")
        return torch.softmax(torch.randn(*shape, generator=g) * 1.5, -1)

    def labels(name, classes, *shape):
        g = generator_for(name + "/labels")
        return torch.randint(0, classes, shape, generator=g)

    def weights(name, *shape):
        g = generator_for(name + "/weights")
        return torch.rand(*shape, generator=g) * 2

    def binary(name, *shape):
        g = generator_for(name + "/binary")
        return torch.randint(0, 2, shape, generator=g).to(torch.float64)

    # Regression losses: every reduction, sample weights, rank alignment.
    for loss in ("MeanSquaredError", "MeanAbsoluteError", "LogCosh"):
        n = loss
        t, p = rand(n + "/t", 4, 3), rand(n + "/p", 4, 3)
        cases.append(loss_case(f"{n}", loss, {}, t, p))
        cases.append(loss_case(f"{n}-sample-weight", loss, {}, t, p, weights(n, 4)))
        cases.append(loss_case(f"{n}-sum", loss, {}, t, p, weights(n, 4), reduction="sum"))
        cases.append(loss_case(f"{n}-none", loss, {}, t, p, weights(n, 4), reduction="none"))
        cases.append(loss_case(f"{n}-mean-with-sample-weight", loss, {}, t, p, weights(n, 4),
                               reduction="mean_with_sample_weight"))
    t, p = rand("mse-rank/t", 5), rand("mse-rank/p", 5, 1)
    cases.append(loss_case("MeanSquaredError-targets-[B]-predictions-[B,1]", "MeanSquaredError",
                           {}, t, p))
    t, p = rand("mse-seq/t", 2, 3, 4), rand("mse-seq/p", 2, 3, 4)
    cases.append(loss_case("MeanSquaredError-sequence-per-timestep-weights", "MeanSquaredError",
                           {}, t, p, weights("mse-seq", 2, 3)))
    cases.append(loss_case("MeanSquaredError-sequence-per-sample-weights", "MeanSquaredError",
                           {}, t, p, weights("mse-seq", 2)))
    mask = torch.tensor([[1.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    cases.append(loss_case("MeanSquaredError-sequence-mask", "MeanSquaredError", {}, t, p,
                           None, mask))
    cases.append(loss_case("MeanSquaredError-sequence-mask-and-weights", "MeanSquaredError", {},
                           t, p, weights("mse-seq", 2), mask))
    cases.append(loss_case("MeanSquaredError-sequence-mask-sum", "MeanSquaredError", {}, t, p,
                           None, mask, reduction="sum"))
    t = rand("log-cosh-large/t", 3, 2)
    p = torch.tensor([[800.0, -3.0], [-900.0, 0.25], [40.0, -40.0]])
    cases.append(loss_case("LogCosh-large-errors", "LogCosh", {}, t, p))

    # MAPE: targets away from 0 (|t| in [0.5, 2]) and |t - p| away from 0.
    t = rand("mape/t", 4, 3, low=0.5, high=2.0) * torch.tensor([1.0, -1.0, 1.0])
    p = t + rand("mape/p", 4, 3, low=0.1, high=0.9) * torch.tensor([1.0, 1.0, -1.0])
    cases.append(loss_case("MeanAbsolutePercentageError", "MeanAbsolutePercentageError", {}, t, p))
    cases.append(loss_case("MeanAbsolutePercentageError-sample-weight",
                           "MeanAbsolutePercentageError", {}, t, p, weights("mape", 4)))

    # Huber: errors on both sides of delta (never exactly at it).
    t = rand("huber/t", 4, 3, low=-2, high=2)
    p = rand("huber/p", 4, 3, low=-2, high=2)
    for d in (1.0, 0.5):
        cases.append(loss_case(f"Huber-delta-{d}", "Huber", {"delta": d}, t, p))
    cases.append(loss_case("Huber-sample-weight", "Huber", {}, t, p, weights("huber", 4)))

    # KL divergence: probability rows, one with zeros (clipped to eps).
    t, p = probs("kld/t", 4, 5), probs("kld/p", 4, 5)
    cases.append(loss_case("KLDivergence", "KLDivergence", {}, t, p))
    cases.append(loss_case("KLDivergence-sample-weight", "KLDivergence", {}, t, p,
                           weights("kld", 4)))
    t0 = torch.tensor([[0.0, 1.0, 0.0], [0.5, 0.5, 0.0]])
    p0 = torch.tensor([[0.2, 0.7, 0.1], [0.3, 0.3, 0.4]])
    cases.append(loss_case("KLDivergence-zero-targets", "KLDivergence", {}, t0, p0))

    # Binary cross-entropy.
    z = binary("bce", 4, 3)
    p = torch.sigmoid(rand("bce/p", 4, 3, low=-3, high=3))
    x = rand("bce/x", 4, 3, low=-4, high=4)
    cases.append(loss_case("BinaryCrossentropy", "BinaryCrossentropy", {}, z, p))
    cases.append(loss_case("BinaryCrossentropy-label-smoothing", "BinaryCrossentropy",
                           {"labelSmoothing": 0.2}, z, p))
    cases.append(loss_case("BinaryCrossentropy-sample-weight", "BinaryCrossentropy", {}, z, p,
                           weights("bce", 4)))
    cases.append(loss_case("BinaryCrossentropy-from-logits", "BinaryCrossentropy",
                           {"fromLogits": True}, z, x))
    cases.append(loss_case("BinaryCrossentropy-from-logits-label-smoothing-weights",
                           "BinaryCrossentropy", {"fromLogits": True, "labelSmoothing": 0.1},
                           z, x, weights("bce", 4)))
    soft = rand("bce/soft", 4, 3, low=0, high=1)
    cases.append(loss_case("BinaryCrossentropy-soft-targets", "BinaryCrossentropy", {}, soft, p))
    cases.append(loss_case("BinaryCrossentropy-clipped-probabilities", "BinaryCrossentropy", {},
                           torch.tensor([[1.0, 0.0, 1.0, 0.0]]),
                           torch.tensor([[0.0, 1.0, 1.0, 0.0]])))
    cases.append(loss_case("BinaryCrossentropy-targets-[B]-predictions-[B,1]",
                           "BinaryCrossentropy", {}, binary("bce-rank", 5),
                           torch.sigmoid(rand("bce-rank/p", 5, 1, low=-3, high=3))))
    for scale in ("1e4", "1e30"):
        s = float(scale)
        xz = torch.tensor([[s, -s, s, -s], [0.5 * s, -0.5 * s, 2.0, -2.0]])
        zz = torch.tensor([[1.0, 0.0, 0.0, 1.0], [1.0, 1.0, 0.0, 0.0]])
        cases.append(loss_case(f"BinaryCrossentropy-from-logits-extreme-{scale}",
                               "BinaryCrossentropy", {"fromLogits": True}, zz, xz))
        cases.append(loss_case(f"BinaryCrossentropy-from-logits-extreme-{scale}-label-smoothing",
                               "BinaryCrossentropy", {"fromLogits": True, "labelSmoothing": 0.1},
                               zz, xz))

    # Categorical cross-entropy.
    k = labels("cce", 5, 4)
    onehot = F.one_hot(k, 5).to(torch.float64)
    p = probs("cce/p", 4, 5)
    x = rand("cce/x", 4, 5, low=-3, high=3)
    cases.append(loss_case("CategoricalCrossentropy", "CategoricalCrossentropy", {}, onehot, p))
    cases.append(loss_case("CategoricalCrossentropy-unnormalized", "CategoricalCrossentropy", {},
                           onehot, p * rand("cce/scale", 4, 1, low=0.5, high=2.0)))
    cases.append(loss_case("CategoricalCrossentropy-label-smoothing", "CategoricalCrossentropy",
                           {"labelSmoothing": 0.1}, onehot, p))
    cases.append(loss_case("CategoricalCrossentropy-sample-weight", "CategoricalCrossentropy", {},
                           onehot, p, weights("cce", 4)))
    cases.append(loss_case("CategoricalCrossentropy-from-logits", "CategoricalCrossentropy",
                           {"fromLogits": True}, onehot, x))
    cases.append(loss_case("CategoricalCrossentropy-from-logits-label-smoothing-weights",
                           "CategoricalCrossentropy", {"fromLogits": True, "labelSmoothing": 0.2},
                           onehot, x, weights("cce", 4)))
    for scale in ("1e4", "1e30"):
        s = float(scale)
        xe = torch.tensor([[s, -s, 0.0], [-s, s, 0.5 * s], [0.0, 1.0, -s]])
        te = torch.tensor([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
        cases.append(loss_case(f"CategoricalCrossentropy-from-logits-extreme-{scale}",
                               "CategoricalCrossentropy", {"fromLogits": True}, te, xe))
        cases.append(loss_case(f"CategoricalCrossentropy-from-logits-extreme-{scale}-smoothing",
                               "CategoricalCrossentropy",
                               {"fromLogits": True, "labelSmoothing": 0.1}, te, xe))

    # Sparse categorical cross-entropy.
    k = labels("scce", 5, 4)
    p = probs("scce/p", 4, 5)
    x = rand("scce/x", 4, 5, low=-3, high=3)
    cases.append(loss_case("SparseCategoricalCrossentropy", "SparseCategoricalCrossentropy", {},
                           k, p))
    cases.append(loss_case("SparseCategoricalCrossentropy-labels-[B,1]",
                           "SparseCategoricalCrossentropy", {}, k.unsqueeze(-1), p))
    cases.append(loss_case("SparseCategoricalCrossentropy-from-logits",
                           "SparseCategoricalCrossentropy", {"fromLogits": True}, k, x))
    cases.append(loss_case("SparseCategoricalCrossentropy-from-logits-sample-weight",
                           "SparseCategoricalCrossentropy", {"fromLogits": True}, k, x,
                           weights("scce", 4)))
    ks = labels("scce-seq", 6, 3, 4)
    xs = rand("scce-seq/x", 3, 4, 6, low=-3, high=3)
    ps = probs("scce-seq/p", 3, 4, 6)
    seq_mask = torch.tensor([[1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]])
    cases.append(loss_case("SparseCategoricalCrossentropy-sequence-from-logits",
                           "SparseCategoricalCrossentropy", {"fromLogits": True}, ks, xs))
    cases.append(loss_case("SparseCategoricalCrossentropy-sequence-probabilities",
                           "SparseCategoricalCrossentropy", {}, ks, ps))
    cases.append(loss_case("SparseCategoricalCrossentropy-sequence-per-timestep-weights",
                           "SparseCategoricalCrossentropy", {"fromLogits": True}, ks, xs,
                           weights("scce-seq", 3, 4)))
    cases.append(loss_case("SparseCategoricalCrossentropy-sequence-per-sample-weights",
                           "SparseCategoricalCrossentropy", {"fromLogits": True}, ks, xs,
                           weights("scce-seq", 3)))
    cases.append(loss_case("SparseCategoricalCrossentropy-sequence-mask",
                           "SparseCategoricalCrossentropy", {"fromLogits": True}, ks, xs,
                           None, seq_mask))
    cases.append(loss_case("SparseCategoricalCrossentropy-sequence-mask-per-sample-weights",
                           "SparseCategoricalCrossentropy", {"fromLogits": True}, ks, xs,
                           weights("scce-seq", 3), seq_mask))
    cases.append(loss_case("SparseCategoricalCrossentropy-sequence-mask-as-weights-sum",
                           "SparseCategoricalCrossentropy", {"fromLogits": True}, ks, xs,
                           seq_mask, None, reduction="sum"))
    ki = ks.clone()
    ki[1, 2:] = -1
    ki[2, 1:] = -1
    cases.append(loss_case("SparseCategoricalCrossentropy-ignore-class",
                           "SparseCategoricalCrossentropy",
                           {"fromLogits": True, "ignoreClass": -1}, ki, xs))
    cases.append(loss_case("SparseCategoricalCrossentropy-ignore-class-none",
                           "SparseCategoricalCrossentropy",
                           {"fromLogits": True, "ignoreClass": -1}, ki, xs, reduction="none"))
    for scale in ("1e4", "1e30"):
        s = float(scale)
        xe = torch.tensor([[s, -s, 0.0], [-s, s, 0.5 * s], [0.0, 1.0, -s]])
        ke = torch.tensor([0, 0, 2])
        cases.append(loss_case(f"SparseCategoricalCrossentropy-from-logits-extreme-{scale}",
                               "SparseCategoricalCrossentropy", {"fromLogits": True}, ke, xe))
    return cases


# ---------------------------------------------------------------------------------------------
# Metrics (Keras 3 semantics)
# ---------------------------------------------------------------------------------------------

def samplewise(values, weight):
    """keras reduce_to_samplewise_values with reduce_fn=mean; returns (values, weight)."""
    if weight is not None:
        values, weight = squeeze_or_expand(values, weight)
        if values.dim() > weight.dim():
            values = values.mean(dim=tuple(range(weight.dim(), values.dim())))
        weight = torch.broadcast_to(weight, values.shape)
        values = values * weight
        if weight.dim() > 1:
            weight = weight.mean(dim=tuple(range(1, weight.dim())))
    if values.dim() > 1:
        values = values.mean(dim=tuple(range(1, values.dim())))
    return values, weight


def running_mean(per_batch_values, weights):
    total, count = 0.0, 0.0
    for values, weight in zip(per_batch_values, weights):
        v, w = samplewise(values, weight)
        total += float(v.sum())
        count += float(w.sum()) if w is not None else (v.shape[0] if v.dim() else 1)
    return 0.0 if count == 0 else total / count


def f_accuracy(t, p):
    t, p = aligned(t, p)
    return (t == p).to(torch.float64).mean(-1)


def f_binary_accuracy(t, p, threshold=0.5):
    t, p = aligned(t, p)
    return (t == (p > threshold).to(torch.float64)).to(torch.float64).mean(-1)


def f_categorical_accuracy(t, p):
    return (t.argmax(-1) == p.argmax(-1)).to(torch.float64)


def f_sparse_categorical_accuracy(t, p):
    return (sparse_labels(t, p) == p.argmax(-1)).to(torch.float64)


def in_top_k(labels, p, k):
    target = p.gather(-1, labels.unsqueeze(-1))
    higher = (p > target).sum(-1)
    return ((higher < k) & torch.isfinite(target.squeeze(-1))).to(torch.float64)


def f_top_k(t, p, k=5):
    return in_top_k(t.argmax(-1), p, k)


def f_sparse_top_k(t, p, k=5):
    return in_top_k(sparse_labels(t, p), p, k)


METRIC_FUNCTIONS = {
    "Accuracy": lambda c: f_accuracy,
    "BinaryAccuracy": lambda c: (lambda t, p: f_binary_accuracy(t, p, c.get("threshold", 0.5))),
    "CategoricalAccuracy": lambda c: f_categorical_accuracy,
    "SparseCategoricalAccuracy": lambda c: f_sparse_categorical_accuracy,
    "TopKCategoricalAccuracy": lambda c: (lambda t, p: f_top_k(t, p, c.get("k", 5))),
    "SparseTopKCategoricalAccuracy": lambda c: (lambda t, p: f_sparse_top_k(t, p, c.get("k", 5))),
    "MeanAbsoluteErrorMetric": lambda c: mae,
    "MeanSquaredErrorMetric": lambda c: mse,
}


def metric_case(name, metric, config, batches):
    if metric in METRIC_FUNCTIONS:
        fn = METRIC_FUNCTIONS[metric](config)
        per_batch = [fn(b[0], b[1]) for b in batches]
        result = running_mean(per_batch, [b[2] for b in batches])
    elif metric == "RootMeanSquaredError":
        per_batch = None
        squared = []
        for t, p, _ in batches:
            t2, p2 = aligned(t, p)
            squared.append((p2 - t2) ** 2)
        result = math.sqrt(running_mean(squared, [b[2] for b in batches]))
    elif metric == "Perplexity":
        per_batch = None
        total, count = 0.0, 0.0
        mask_id = config.get("maskTokenId")
        for t, p, w in batches:
            ce = scce(t, p, config.get("fromLogits", False), mask_id)
            weight = torch.ones_like(ce)
            if w is not None:
                wa, ce2 = align_weight(w, ce)
                weight = torch.broadcast_to(wa, ce2.shape).reshape(ce.shape)
            if mask_id is not None:
                weight = weight * (sparse_labels(t, p) != mask_id).to(torch.float64)
            total += float((weight * ce).sum())
            count += float(weight.sum())
        result = 0.0 if count == 0 else math.exp(total / count)
        # Cross-check with torch's cross_entropy on unweighted, unmasked logits.
        if config.get("fromLogits") and mask_id is None and all(b[2] is None for b in batches):
            flat = torch.cat([F.cross_entropy(p.reshape(-1, p.shape[-1]),
                                              sparse_labels(t, p).reshape(-1), reduction="none")
                              for t, p, _ in batches])
            check(f"{name}: perplexity vs exp(F.cross_entropy)", torch.tensor(result),
                  torch.exp(flat.mean()), tol=1e-12 * result)
    else:
        raise ValueError(metric)
    return {
        "name": name,
        "metric": metric,
        "config": config,
        "batches": [{"yTrue": enc(t if t.dtype == torch.float64 else t.to(torch.int32)),
                     "yPred": enc(p), "sampleWeight": enc(w)} for t, p, w in batches],
        "result": result,
        "perBatch": [enc(v) for v in per_batch] if per_batch is not None else None,
    }


def build_metric_cases():
    cases = []

    def g(name):
        return generator_for("metric/" + name)

    def batch_binary(name, b, d, weighted):
        gen = g(name)
        t = torch.randint(0, 2, (b, d), generator=gen).to(torch.float64)
        p = torch.rand(b, d, generator=gen)
        w = torch.rand(b, generator=gen) * 2 if weighted else None
        return t, p, w

    def batch_categorical(name, b, c, weighted, sparse=False, logits=False):
        gen = g(name)
        k = torch.randint(0, c, (b,), generator=gen)
        p = torch.randn(b, c, generator=gen) * 2
        if not logits:
            p = torch.softmax(p, -1)
        w = torch.rand(b, generator=gen) * 2 if weighted else None
        t = k if sparse else F.one_hot(k, c).to(torch.float64)
        return t, p, w

    for weighted in (False, True):
        suffix = "-weighted" if weighted else ""
        cases.append(metric_case(f"BinaryAccuracy{suffix}", "BinaryAccuracy", {},
                                 [batch_binary(f"bin{suffix}{i}", 6, 3, weighted) for i in range(3)]))
        cases.append(metric_case(f"BinaryAccuracy-threshold-0.7{suffix}", "BinaryAccuracy",
                                 {"threshold": 0.7},
                                 [batch_binary(f"bin7{suffix}{i}", 6, 1, weighted) for i in range(2)]))
        cases.append(metric_case(f"CategoricalAccuracy{suffix}", "CategoricalAccuracy", {},
                                 [batch_categorical(f"cat{suffix}{i}", 8, 4, weighted) for i in range(3)]))
        cases.append(metric_case(f"SparseCategoricalAccuracy{suffix}", "SparseCategoricalAccuracy",
                                 {}, [batch_categorical(f"scat{suffix}{i}", 8, 4, weighted, True)
                                      for i in range(3)]))
        cases.append(metric_case(f"TopKCategoricalAccuracy-k2{suffix}", "TopKCategoricalAccuracy",
                                 {"k": 2}, [batch_categorical(f"top{suffix}{i}", 8, 5, weighted)
                                            for i in range(2)]))
        cases.append(metric_case(f"SparseTopKCategoricalAccuracy-k3{suffix}",
                                 "SparseTopKCategoricalAccuracy", {"k": 3},
                                 [batch_categorical(f"stop{suffix}{i}", 8, 6, weighted, True, True)
                                  for i in range(2)]))
        reg = []
        for i in range(3):
            gen = g(f"reg{suffix}{i}")
            reg.append((torch.randn(5, 2, generator=gen), torch.randn(5, 2, generator=gen),
                        torch.rand(5, generator=gen) * 2 if weighted else None))
        cases.append(metric_case(f"MeanAbsoluteErrorMetric{suffix}", "MeanAbsoluteErrorMetric", {},
                                 reg))
        cases.append(metric_case(f"MeanSquaredErrorMetric{suffix}", "MeanSquaredErrorMetric", {},
                                 reg))
        cases.append(metric_case(f"RootMeanSquaredError{suffix}", "RootMeanSquaredError", {}, reg))

    # Accuracy (exact match) on integer-valued floats.
    gen = g("acc")
    acc = [(torch.randint(0, 3, (6, 1), generator=gen).to(torch.float64),
            torch.randint(0, 3, (6, 1), generator=gen).to(torch.float64), None) for _ in range(2)]
    cases.append(metric_case("Accuracy", "Accuracy", {}, acc))

    # Sequences: [B, T] labels, [B, T, C] logits, per-timestep or per-sample weights.
    def seq(name, weight_shape):
        gen = g(name)
        t = torch.randint(0, 5, (3, 4), generator=gen)
        p = torch.randn(3, 4, 5, generator=gen) * 2
        w = None if weight_shape is None else (
            torch.rand(*weight_shape, generator=gen) * 2 * (torch.rand(*weight_shape, generator=gen) > 0.3))
        return t, p, w

    cases.append(metric_case("SparseCategoricalAccuracy-sequence", "SparseCategoricalAccuracy", {},
                             [seq("sseq0", None), seq("sseq1", None)]))
    cases.append(metric_case("SparseCategoricalAccuracy-sequence-per-timestep-weights",
                             "SparseCategoricalAccuracy", {},
                             [seq("sseqw0", (3, 4)), seq("sseqw1", (3, 4))]))
    cases.append(metric_case("SparseCategoricalAccuracy-sequence-per-sample-weights",
                             "SparseCategoricalAccuracy", {},
                             [seq("sseqs0", (3,)), seq("sseqs1", (3,))]))
    cases.append(metric_case("Perplexity-from-logits", "Perplexity", {"fromLogits": True},
                             [seq("ppl0", None), seq("ppl1", None)]))
    cases.append(metric_case("Perplexity-from-logits-per-timestep-weights", "Perplexity",
                             {"fromLogits": True}, [seq("pplw0", (3, 4)), seq("pplw1", (3, 4))]))
    cases.append(metric_case("Perplexity-from-logits-per-sample-weights", "Perplexity",
                             {"fromLogits": True}, [seq("ppls0", (3,)), seq("ppls1", (3,))]))
    masked = []
    for i in range(2):
        t, p, _ = seq(f"pplm{i}", None)
        t[i, 2:] = 0
        masked.append((t, p, None))
    cases.append(metric_case("Perplexity-from-logits-mask-token-0", "Perplexity",
                             {"fromLogits": True, "maskTokenId": 0}, masked))
    prob = []
    for i in range(2):
        t, p, _ = seq(f"pplp{i}", None)
        prob.append((t, torch.softmax(p, -1), None))
    cases.append(metric_case("Perplexity-probabilities", "Perplexity", {}, prob))
    return cases


def main():
    cross_checks()
    losses = build_loss_cases()
    metrics = build_metric_cases()
    if FAILURES:
        print("golden generation FAILED:\n  " + "\n  ".join(FAILURES), file=sys.stderr)
        sys.exit(1)
    with open(OUT, "w") as f:
        f.write('{"generator": ' + json.dumps(GENERATOR) + ', "epsilon": 1e-7,\n')
        f.write('"losses": [\n')
        f.write(",\n".join(json.dumps(c) for c in losses))
        f.write('\n],\n"metrics": [\n')
        f.write(",\n".join(json.dumps(c) for c in metrics))
        f.write("\n]}\n")
    print(f"wrote {len(losses)} loss cases and {len(metrics)} metric cases to {OUT}")


if __name__ == "__main__":
    main()
