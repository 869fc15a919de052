#!/usr/bin/python3
"""Generate PyTorch (float64) golden trajectories for @recur/optim's optimizers and schedules.

Run with Debian's PyTorch (torch 1.13; NOT the `python3` on PATH):

    /usr/bin/python3 packages/optim/test/golden/generate-optimizer-golden.py

It (re)writes `optimizer-golden.json` next to this script. The output is deterministic (a fixed
torch.Generator seed). CI never runs Python: the JSON is committed together with this script.

Two problems, each run for every case:
  quadratic  params p0 [2, 3] and p1 [3]; loss = sum_k 0.5 * sum(a_k * (p_k - c_k)^2), so the
             gradient is a_k * (p_k - c_k), recomputed (by autograd) from the current params;
             8 steps.
  fixed      a fixed sequence of 6 gradient pairs; at step 3 p1's gradient is None (skipped).
The trajectories hold the flattened params after every step.

Reference = Keras 3's update rules, written below with plain torch float64 tensor math (class
Keras). Order of one `apply` (keras/src/optimizers/base_optimizer.py):
  1. drop params whose gradient is None;
  2. clip: clipnorm per gradient  g * c / max(||g||, c)
           global_clipnorm        g * c * min(1 / ||all||, 1 / c)
           clipvalue              clip(g, -v, v)
  3. weight decay (if set)        p = p - p * wd * lr
  4. update step with lr = schedule(iterations), iterations = number of previous applies;
  5. iterations += 1.
Update steps (t = iterations + 1):
  SGD       m = m * mu - g * lr; p += m  (nesterov: p += m * mu - g * lr); mu = 0: p -= g * lr
  RMSprop   v = rho v + (1 - rho) g^2; centered: a = rho a + (1 - rho) g, d = v - a^2 + eps,
            else d = v + eps; inc = lr g / sqrt(d); momentum: mom = momentum mom + inc, p -= mom;
            else p -= inc                             (PyTorch: lr g / (sqrt(v) + eps))
  Adam      m += (g - m)(1 - b1); v += (g^2 - v)(1 - b2); amsgrad: vh = max(vh, v), v <- vh;
            alpha = lr sqrt(1 - b2^t) / (1 - b1^t); p -= m alpha / (sqrt(v) + eps)
                                                      (PyTorch: eps added to sqrt(v / (1 - b2^t)))
  AdamW     Adam with weight decay (step 3)           (PyTorch AdamW: same decay, its own eps)
  Adagrad   acc starts at 0.1; acc += g^2; p -= lr g / sqrt(acc + eps)
                                                      (PyTorch: acc from 0, eps outside sqrt)
  Adadelta  a = rho a + (1 - rho) g^2; delta = -sqrt(d + eps) g / sqrt(a + eps);
            d = rho d + (1 - rho) delta^2; p += lr delta   (= PyTorch Adadelta)
  Adamax    m += (g - m)(1 - b1); u = max(b2 u, |g|); p -= lr m / ((1 - b1^t)(u + eps))
                                                      (PyTorch: u = max(b2 u, |g| + eps))
  Nadam     U <- U * b1 (1 - 0.5 * 0.96^t) once per apply (before the params); u_t, u_{t+1} the
            same factor at t and t + 1; m += (g - m)(1 - b1); v += (g^2 - v)(1 - b2);
            mhat = u_{t+1} m / (1 - U u_{t+1}) + (1 - u_t) g / (1 - U); vhat = v / (1 - b2^t);
            p -= mhat lr / (sqrt(vhat) + eps)         (PyTorch NAdam: 0.96^(0.004 t))
Schedules (keras/src/optimizers/schedules/learning_rate_schedule.py):
  ExponentialDecay  lr0 * rate^(step / steps)   (staircase: floor of the exponent)
  PiecewiseConstantDecay  values[0] for step <= b[0], values[i+1] for b[i] < step <= b[i+1], ...
  CosineDecay  warm-up lr0 + (target - lr0) step / warmupSteps, then
               start * ((1 - alpha) * 0.5 * (1 + cos(pi * min(s, steps) / steps)) + alpha)
  Warmup (recur) linear from lr0 to after(0) over warmupSteps, then after(step - warmupSteps).

PyTorch's own value: for every case the script also runs the closest torch.optim optimizer
(LambdaLR for schedules, torch.nn.utils clipping; `weight_decay` there is coupled L2 except for
AdamW) and records its trajectories and their max abs difference from the Keras reference.

Cross-checks (the script exits non-zero and writes nothing if one fails, tolerance 1e-12):
  - the Keras-formula class equals torch.optim wherever the definitions coincide: SGD (plain,
    momentum, nesterov; constant lr), Adadelta, and with epsilon = 0 (where only the epsilon
    placement differs) RMSprop (plain, momentum, centered), Adam, Adam+amsgrad, AdamW, Adagrad
    (initial accumulator 0.1), Adamax;
  - schedules: CosineDecay = CosineAnnealingLR(eta_min = alpha lr0) up to decay_steps,
    ExponentialDecay(decaySteps 1) = ExponentialLR, staircase = StepLR.

JSON: problem data, then cases [{name, className, config, quadratic, fixed, pytorch:
{quadratic, fixed, maxAbsDifference, how}}] and schedules [{name, config, steps, values}].
Arrays are flat row-major lists of float64 (repr).
"""

import json
import math
import os
import sys

import torch

torch.set_default_dtype(torch.float64)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "optimizer-golden.json")
GENERATOR = "packages/optim/test/golden/generate-optimizer-golden.py"
FAILURES = []

QUADRATIC_STEPS = 8
FIXED_STEPS = 6
NULL_STEP = 3  # p1 has no gradient at this fixed step


# ---------------------------------------------------------------------------------------------
# Schedules (Keras 3 formulas)
# ---------------------------------------------------------------------------------------------

def schedule_value(config, step):
    if isinstance(config, (int, float)):
        return float(config)
    name, c = config["className"], config["config"]
    if name == "ExponentialDecay":
        p = step / c["decaySteps"]
        if c.get("staircase"):
            p = math.floor(p)
        return c["initialLearningRate"] * c["decayRate"] ** p
    if name == "PiecewiseConstantDecay":
        i = 0
        while i < len(c["boundaries"]) and step > c["boundaries"][i]:
            i += 1
        return c["values"][i]
    if name == "CosineDecay":
        alpha = c.get("alpha", 0.0)
        steps = c["decaySteps"]

        def decayed(s, start):
            return start * ((1 - alpha) * (0.5 * (1 + math.cos(math.pi * (s / steps)))) + alpha)

        target = c.get("warmupTarget")
        if target is None:
            return decayed(min(step, steps), c["initialLearningRate"])
        warm = c.get("warmupSteps", 0)
        s = min(step, steps + warm)
        if s < warm:
            return (target - c["initialLearningRate"]) * (s / warm) + c["initialLearningRate"]
        return decayed(s - warm, target)
    if name == "Warmup":
        warm, lr0 = c["warmupSteps"], c.get("initialLearningRate", 0.0)
        if step < warm:
            target = schedule_value(c["after"], 0)
            return (target - lr0) * (step / warm) + lr0
        return schedule_value(c["after"], step - warm)
    raise ValueError(name)


# ---------------------------------------------------------------------------------------------
# Keras 3 optimizers in torch float64
# ---------------------------------------------------------------------------------------------

class Keras:
    DEFAULTS = {
        "SGD": dict(learningRate=0.01, momentum=0.0, nesterov=False),
        "RMSprop": dict(learningRate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False),
        "Adam": dict(learningRate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7, amsgrad=False),
        "AdamW": dict(learningRate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7, amsgrad=False,
                      weightDecay=0.004),
        "Adagrad": dict(learningRate=0.001, initialAccumulatorValue=0.1, epsilon=1e-7),
        "Adadelta": dict(learningRate=0.001, rho=0.95, epsilon=1e-7),
        "Adamax": dict(learningRate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7),
        "Nadam": dict(learningRate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7),
    }

    def __init__(self, class_name, config):
        self.kind = class_name
        self.c = {**self.DEFAULTS[class_name], **config}
        self.iterations = 0
        self.slots = {}
        self.u_product = 1.0

    def lr(self):
        return schedule_value(self.c["learningRate"], self.iterations)

    def slot(self, p, name, init=0.0):
        key = (id(p), name)
        if key not in self.slots:
            self.slots[key] = torch.full_like(p, init)
        return self.slots[key]

    def apply(self, params, grads):
        pairs = [(p, g) for p, g in zip(params, grads) if g is not None]
        c = self.c
        gs = [g for _, g in pairs]
        if c.get("clipnorm"):
            cn = c["clipnorm"]
            gs = [g * cn / max(float(torch.sqrt((g * g).sum())), cn) for g in gs]
        elif c.get("globalClipnorm"):
            cn = c["globalClipnorm"]
            norm = math.sqrt(sum(float((g * g).sum()) for g in gs))
            scale = cn * min(1.0 / norm, 1.0 / cn)
            gs = [g * scale for g in gs]
        elif c.get("clipvalue"):
            v = c["clipvalue"]
            gs = [torch.clamp(g, -v, v) for g in gs]
        lr = self.lr()
        if c.get("weightDecay") is not None:
            for p, _ in pairs:
                p.copy_(p - p * c["weightDecay"] * lr)
        if self.kind == "Nadam":
            self.u_product = self.u_product * c["beta1"] * (1 - 0.5 * 0.96 ** (self.iterations + 1))
        for (p, _), g in zip(pairs, gs):
            getattr(self, "step_" + self.kind.lower())(p, g, lr)
        self.iterations += 1

    def step_sgd(self, p, g, lr):
        mu = self.c["momentum"]
        if mu == 0:
            p.copy_(p - g * lr)
            return
        m = self.slot(p, "momentum")
        m.copy_(m * mu - g * lr)
        if self.c["nesterov"]:
            p.copy_(p + (m * mu - g * lr))
        else:
            p.copy_(p + m)

    def step_rmsprop(self, p, g, lr):
        c = self.c
        rho, eps = c["rho"], c["epsilon"]
        v = self.slot(p, "velocity")
        v.copy_(rho * v + (1 - rho) * (g * g))
        if c["centered"]:
            a = self.slot(p, "averageGradient")
            a.copy_(rho * a + (1 - rho) * g)
            d = v - a * a + eps
        else:
            d = v + eps
        inc = (lr * g) / torch.sqrt(d)
        if c["momentum"] > 0:
            mom = self.slot(p, "momentum")
            mom.copy_(c["momentum"] * mom + inc)
            p.copy_(p - mom)
        else:
            p.copy_(p - inc)

    def step_adam(self, p, g, lr):
        c = self.c
        b1, b2, eps = c["beta1"], c["beta2"], c["epsilon"]
        t = self.iterations + 1
        alpha = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        m, v = self.slot(p, "momentum"), self.slot(p, "velocity")
        m.copy_(m + (g - m) * (1 - b1))
        v.copy_(v + (g * g - v) * (1 - b2))
        second = v
        if c["amsgrad"]:
            vh = self.slot(p, "velocityHat")
            vh.copy_(torch.maximum(vh, v))
            second = vh
        p.copy_(p - (m * alpha) / (torch.sqrt(second) + eps))

    step_adamw = step_adam

    def step_adagrad(self, p, g, lr):
        acc = self.slot(p, "accumulator", self.c["initialAccumulatorValue"])
        acc.copy_(acc + g * g)
        p.copy_(p - (lr * g) / torch.sqrt(acc + self.c["epsilon"]))

    def step_adadelta(self, p, g, lr):
        rho, eps = self.c["rho"], self.c["epsilon"]
        a, d = self.slot(p, "accumulatedGrad"), self.slot(p, "accumulatedDeltaVar")
        a.copy_(rho * a + (1 - rho) * (g * g))
        delta = -(torch.sqrt(d + eps) * g) / torch.sqrt(a + eps)
        d.copy_(rho * d + (1 - rho) * (delta * delta))
        p.copy_(p + lr * delta)

    def step_adamax(self, p, g, lr):
        c = self.c
        b1, b2, eps = c["beta1"], c["beta2"], c["epsilon"]
        correction = 1 - b1 ** (self.iterations + 1)
        m, u = self.slot(p, "momentum"), self.slot(p, "norm")
        m.copy_(m + (g - m) * (1 - b1))
        u.copy_(torch.maximum(b2 * u, g.abs()))
        p.copy_(p - (lr * m) / (correction * (u + eps)))

    def step_nadam(self, p, g, lr):
        c = self.c
        b1, b2, eps = c["beta1"], c["beta2"], c["epsilon"]
        t = self.iterations + 1
        u_t = b1 * (1 - 0.5 * 0.96 ** t)
        u_next = b1 * (1 - 0.5 * 0.96 ** (t + 1))
        product = self.u_product
        product_next = product * u_next
        m, v = self.slot(p, "momentum"), self.slot(p, "velocity")
        m.copy_(m + (g - m) * (1 - b1))
        v.copy_(v + (g * g - v) * (1 - b2))
        m_hat = (u_next * m) / (1 - product_next) + ((1 - u_t) * g) / (1 - product)
        v_hat = v / (1 - b2 ** t)
        p.copy_(p - (m_hat * lr) / (torch.sqrt(v_hat) + eps))


# ---------------------------------------------------------------------------------------------
# PyTorch's own optimizers (closest equivalent)
# ---------------------------------------------------------------------------------------------

def torch_equivalent(class_name, config):
    c = {**Keras.DEFAULTS[class_name], **config}
    lr_config = c["learningRate"]
    # With a schedule the optimizer's base rate is 1 and LambdaLR returns the scheduled rate.
    base = 1.0 if not isinstance(lr_config, (int, float)) else lr_config
    wd = c.get("weightDecay") or 0.0
    O = torch.optim
    if class_name == "SGD":
        make = lambda ps: O.SGD(ps, lr=base, momentum=c["momentum"], nesterov=c["nesterov"],
                                weight_decay=wd)
        how = "torch.optim.SGD(lr, momentum, nesterov, weight_decay=L2)"
    elif class_name == "RMSprop":
        make = lambda ps: O.RMSprop(ps, lr=base, alpha=c["rho"], eps=c["epsilon"],
                                    momentum=c["momentum"], centered=c["centered"], weight_decay=wd)
        how = "torch.optim.RMSprop(lr, alpha=rho, eps, momentum, centered)"
    elif class_name == "Adam":
        make = lambda ps: O.Adam(ps, lr=base, betas=(c["beta1"], c["beta2"]), eps=c["epsilon"],
                                 amsgrad=c["amsgrad"], weight_decay=wd)
        how = "torch.optim.Adam(lr, betas, eps, amsgrad)"
    elif class_name == "AdamW":
        make = lambda ps: O.AdamW(ps, lr=base, betas=(c["beta1"], c["beta2"]), eps=c["epsilon"],
                                  amsgrad=c["amsgrad"], weight_decay=c["weightDecay"])
        how = "torch.optim.AdamW(lr, betas, eps, weight_decay)"
    elif class_name == "Adagrad":
        make = lambda ps: O.Adagrad(ps, lr=base, eps=c["epsilon"], weight_decay=wd,
                                    initial_accumulator_value=c["initialAccumulatorValue"])
        how = "torch.optim.Adagrad(lr, eps, initial_accumulator_value)"
    elif class_name == "Adadelta":
        make = lambda ps: O.Adadelta(ps, lr=base, rho=c["rho"], eps=c["epsilon"], weight_decay=wd)
        how = "torch.optim.Adadelta(lr, rho, eps)"
    elif class_name == "Adamax":
        make = lambda ps: O.Adamax(ps, lr=base, betas=(c["beta1"], c["beta2"]), eps=c["epsilon"],
                                   weight_decay=wd)
        how = "torch.optim.Adamax(lr, betas, eps)"
    elif class_name == "Nadam":
        make = lambda ps: O.NAdam(ps, lr=base, betas=(c["beta1"], c["beta2"]), eps=c["epsilon"],
                                  weight_decay=wd)
        how = "torch.optim.NAdam(lr, betas, eps) (momentum_decay 0.004)"
    else:
        raise ValueError(class_name)

    class Runner:
        def __init__(self, params):
            self.params = params
            self.opt = make(params)
            self.sched = None
            if not isinstance(lr_config, (int, float)):
                self.sched = O.lr_scheduler.LambdaLR(
                    self.opt, lambda step: schedule_value(lr_config, step))

        def apply(self, params, grads):
            for p, g in zip(params, grads):
                p.grad = None if g is None else g.clone()
            live = [p for p in params if p.grad is not None]
            if c.get("clipnorm"):
                for p in live:
                    torch.nn.utils.clip_grad_norm_([p], c["clipnorm"])
            elif c.get("globalClipnorm"):
                torch.nn.utils.clip_grad_norm_(live, c["globalClipnorm"])
            elif c.get("clipvalue"):
                torch.nn.utils.clip_grad_value_(live, c["clipvalue"])
            self.opt.step()
            if self.sched is not None:
                self.sched.step()

    if c.get("clipnorm") or c.get("globalClipnorm"):
        how += " + torch.nn.utils.clip_grad_norm_"
    if c.get("clipvalue"):
        how += " + torch.nn.utils.clip_grad_value_"
    if not isinstance(lr_config, (int, float)):
        how += " + LambdaLR(schedule)"
    return Runner, how


# ---------------------------------------------------------------------------------------------
# Problems
# ---------------------------------------------------------------------------------------------

G = torch.Generator()
G.manual_seed(1234567)
A = [torch.rand(2, 3, generator=G) * 1.5 + 0.5, torch.rand(3, generator=G) * 1.5 + 0.5]
C = [torch.randn(2, 3, generator=G), torch.randn(3, generator=G)]
P0 = [torch.randn(2, 3, generator=G) * 1.5, torch.randn(3, generator=G) * 1.5]
FIXED_P0 = [torch.randn(2, 3, generator=G), torch.randn(3, generator=G)]
FIXED_GRADS = []
for step in range(FIXED_STEPS):
    g0 = torch.randn(2, 3, generator=G)
    g1 = torch.randn(3, generator=G) * 2.0
    FIXED_GRADS.append([g0, None if step == NULL_STEP else g1])


def quadratic_grads(params):
    leaves = [p.detach().clone().requires_grad_(True) for p in params]
    loss = sum(0.5 * (a * (p - c) ** 2).sum() for a, c, p in zip(A, C, leaves))
    return list(torch.autograd.grad(loss, leaves))


def run(make_apply, params_init, problem):
    params = [p.clone() for p in params_init]
    apply = make_apply(params)
    trajectory = []
    steps = QUADRATIC_STEPS if problem == "quadratic" else FIXED_STEPS
    for step in range(steps):
        grads = quadratic_grads(params) if problem == "quadratic" else FIXED_GRADS[step]
        with torch.no_grad():
            apply(params, grads)
        trajectory.append([float(v) for p in params for v in p.reshape(-1).tolist()])
    return trajectory


def keras_trajectories(class_name, config):
    out = {}
    for problem, init in (("quadratic", P0), ("fixed", FIXED_P0)):
        def make(params):
            opt = Keras(class_name, config)
            return opt.apply
        out[problem] = run(make, init, problem)
    return out


def torch_trajectories(class_name, config):
    Runner, how = torch_equivalent(class_name, config)
    out = {}
    for problem, init in (("quadratic", P0), ("fixed", FIXED_P0)):
        def make(params):
            return Runner(params).apply
        out[problem] = run(make, init, problem)
    return out, how


def max_diff(a, b):
    return max(abs(x - y) for ta, tb in zip(a, b) for x, y in zip(ta, tb))


def traj_diff(t1, t2, problems=("quadratic", "fixed")):
    return max(max_diff(t1[p], t2[p]) for p in problems)


# ---------------------------------------------------------------------------------------------
# Cross-checks
# ---------------------------------------------------------------------------------------------

def cross_checks():
    same = [
        ("SGD", {"learningRate": 0.1}),
        ("SGD", {"learningRate": 0.05, "momentum": 0.9}),
        ("SGD", {"learningRate": 0.05, "momentum": 0.9, "nesterov": True}),
        ("Adadelta", {"learningRate": 1.0, "rho": 0.9, "epsilon": 1e-6}),
        ("RMSprop", {"learningRate": 0.01, "epsilon": 0.0}),
        ("RMSprop", {"learningRate": 0.01, "epsilon": 0.0, "momentum": 0.9, "centered": True}),
        ("Adam", {"learningRate": 0.01, "epsilon": 0.0}),
        ("Adam", {"learningRate": 0.02, "epsilon": 0.0, "amsgrad": True, "beta2": 0.9}),
        ("AdamW", {"learningRate": 0.01, "epsilon": 0.0, "weightDecay": 0.1}),
        ("Adagrad", {"learningRate": 0.1, "epsilon": 0.0}),
        ("Adamax", {"learningRate": 0.02, "epsilon": 0.0}),
    ]
    for class_name, config in same:
        keras = keras_trajectories(class_name, config)
        torch_t, how = torch_trajectories(class_name, config)
        # The fixed problem skips a gradient, where PyTorch's per-parameter step counts differ
        # from Keras' global iterations (Adam family); the quadratic has no gaps.
        problems = ("quadratic", "fixed") if class_name in ("SGD", "Adadelta") else ("quadratic",)
        d = traj_diff(keras, torch_t, problems)
        if not d <= 1e-12:
            FAILURES.append(f"{class_name} {config} vs {how}: max abs diff {d}")

    steps = list(range(0, 41))
    cos = {"className": "CosineDecay", "config": {"initialLearningRate": 0.1, "decaySteps": 40,
                                                   "alpha": 0.2}}
    exp = {"className": "ExponentialDecay", "config": {"initialLearningRate": 0.1,
                                                        "decaySteps": 1, "decayRate": 0.9}}
    stair = {"className": "ExponentialDecay", "config": {"initialLearningRate": 0.1,
                                                          "decaySteps": 7, "decayRate": 0.5,
                                                          "staircase": True}}
    for sched_config, make in (
        (cos, lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=40, eta_min=0.02)),
        (exp, lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9)),
        (stair, lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.5)),
    ):
        opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
        scheduler = make(opt)
        for s in steps:
            ours = schedule_value(sched_config, s)
            theirs = opt.param_groups[0]["lr"]
            if not abs(ours - theirs) <= 1e-12:
                FAILURES.append(f"{sched_config['className']} step {s}: {ours} vs torch {theirs}")
            opt.step()
            scheduler.step()


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------

def exp_decay(lr0, steps, rate, staircase=False):
    return {"className": "ExponentialDecay", "config": {"initialLearningRate": lr0,
            "decaySteps": steps, "decayRate": rate, "staircase": staircase,
            "name": "ExponentialDecay"}}


CASES = [
    ("sgd", "SGD", {"learningRate": 0.1}),
    ("sgd-momentum", "SGD", {"learningRate": 0.05, "momentum": 0.9}),
    ("sgd-nesterov", "SGD", {"learningRate": 0.05, "momentum": 0.9, "nesterov": True}),
    ("sgd-weight-decay", "SGD", {"learningRate": 0.1, "weightDecay": 0.05}),
    ("sgd-momentum-exponential-decay", "SGD",
     {"learningRate": exp_decay(0.1, 2, 0.5), "momentum": 0.9}),
    ("sgd-clipnorm", "SGD", {"learningRate": 0.1, "clipnorm": 0.5}),
    ("sgd-clipvalue", "SGD", {"learningRate": 0.1, "clipvalue": 0.2}),
    ("sgd-global-clipnorm", "SGD", {"learningRate": 0.1, "globalClipnorm": 0.5}),
    ("sgd-warmup-exponential-decay", "SGD",
     {"learningRate": {"className": "Warmup", "config": {"after": exp_decay(0.1, 3, 0.7),
                                                          "warmupSteps": 3,
                                                          "initialLearningRate": 0.01,
                                                          "name": "Warmup"}}}),
    ("rmsprop", "RMSprop", {"learningRate": 0.01}),
    ("rmsprop-visible-epsilon", "RMSprop", {"learningRate": 0.01, "epsilon": 0.1}),
    ("rmsprop-momentum", "RMSprop", {"learningRate": 0.01, "momentum": 0.5}),
    ("rmsprop-momentum-centered", "RMSprop",
     {"learningRate": 0.01, "momentum": 0.9, "centered": True, "rho": 0.8}),
    ("rmsprop-clipvalue-piecewise-constant", "RMSprop",
     {"learningRate": {"className": "PiecewiseConstantDecay",
                       "config": {"boundaries": [2, 4], "values": [0.02, 0.01, 0.005],
                                  "name": "PiecewiseConstant"}},
      "clipvalue": 0.3}),
    ("adam", "Adam", {"learningRate": 0.01}),
    ("adam-visible-epsilon", "Adam", {"learningRate": 0.01, "epsilon": 0.1}),
    ("adam-amsgrad", "Adam", {"learningRate": 0.02, "amsgrad": True, "beta2": 0.9}),
    ("adam-global-clipnorm", "Adam", {"learningRate": 0.01, "globalClipnorm": 0.3}),
    ("adam-clipnorm-cosine-warmup", "Adam",
     {"learningRate": {"className": "CosineDecay",
                       "config": {"initialLearningRate": 0.0, "decaySteps": 5, "alpha": 0.1,
                                  "name": "CosineDecay", "warmupTarget": 0.02,
                                  "warmupSteps": 2}},
      "clipnorm": 0.4}),
    ("adamw", "AdamW", {"learningRate": 0.01, "weightDecay": 0.1}),
    ("adamw-defaults", "AdamW", {}),
    ("adagrad", "Adagrad", {"learningRate": 0.1}),
    ("adagrad-visible-epsilon", "Adagrad",
     {"learningRate": 0.1, "epsilon": 0.01, "initialAccumulatorValue": 0.5}),
    ("adadelta-pytorch-defaults", "Adadelta", {"learningRate": 1.0, "rho": 0.9, "epsilon": 1e-6}),
    ("adadelta", "Adadelta", {"learningRate": 0.5}),
    ("adamax", "Adamax", {"learningRate": 0.02}),
    ("adamax-visible-epsilon", "Adamax", {"learningRate": 0.02, "epsilon": 0.1}),
    ("nadam", "Nadam", {"learningRate": 0.01}),
    ("nadam-visible-epsilon", "Nadam", {"learningRate": 0.01, "epsilon": 0.1}),
    ("nadam-weight-decay-clipnorm", "Nadam",
     {"learningRate": 0.01, "weightDecay": 0.02, "clipnorm": 0.5}),
]

SCHEDULES = [
    ("exponential-decay", exp_decay(0.1, 10, 0.5)),
    ("exponential-decay-staircase", exp_decay(0.1, 10, 0.5, True)),
    ("piecewise-constant", {"className": "PiecewiseConstantDecay",
                            "config": {"boundaries": [10, 50], "values": [1.0, 0.5, 0.1],
                                       "name": "PiecewiseConstant"}}),
    ("cosine-decay", {"className": "CosineDecay",
                      "config": {"initialLearningRate": 0.1, "decaySteps": 100, "alpha": 0.0,
                                 "name": "CosineDecay", "warmupTarget": None, "warmupSteps": 0}}),
    ("cosine-decay-alpha-warmup", {"className": "CosineDecay",
                                   "config": {"initialLearningRate": 0.0, "decaySteps": 100,
                                              "alpha": 0.1, "name": "CosineDecay",
                                              "warmupTarget": 0.1, "warmupSteps": 10}}),
    ("warmup-constant", {"className": "Warmup",
                         "config": {"after": 0.05, "warmupSteps": 20,
                                    "initialLearningRate": 0.0, "name": "Warmup"}}),
    ("warmup-cosine", {"className": "Warmup",
                       "config": {"after": {"className": "CosineDecay",
                                            "config": {"initialLearningRate": 0.1,
                                                       "decaySteps": 50, "alpha": 0.05,
                                                       "name": "CosineDecay",
                                                       "warmupTarget": None, "warmupSteps": 0}},
                                  "warmupSteps": 10, "initialLearningRate": 0.001,
                                  "name": "Warmup"}}),
]
SCHEDULE_STEPS = [0, 1, 2, 5, 9, 10, 11, 19, 20, 21, 25, 49, 50, 51, 59, 60, 99, 100, 101, 110,
                  150, 1000]


def flat(ts):
    return [float(v) for t in ts for v in t.reshape(-1).tolist()]


def main():
    cross_checks()
    cases = []
    for name, class_name, config in CASES:
        keras = keras_trajectories(class_name, config)
        torch_t, how = torch_trajectories(class_name, config)
        cases.append({
            "name": name,
            "className": class_name,
            "config": config,
            "quadratic": keras["quadratic"],
            "fixed": keras["fixed"],
            "pytorch": {"how": how, "quadratic": torch_t["quadratic"], "fixed": torch_t["fixed"],
                        "maxAbsDifference": traj_diff(keras, torch_t)},
        })
    schedules = [{"name": n, "config": c, "steps": SCHEDULE_STEPS,
                  "values": [schedule_value(c, s) for s in SCHEDULE_STEPS]}
                 for n, c in SCHEDULES]
    if FAILURES:
        print("golden generation FAILED:\n  " + "\n  ".join(FAILURES), file=sys.stderr)
        sys.exit(1)
    problems = {
        "quadratic": {"steps": QUADRATIC_STEPS, "shapes": [[2, 3], [3]], "a": [flat([a]) for a in A],
                      "c": [flat([c]) for c in C], "initial": [flat([p]) for p in P0]},
        "fixed": {"steps": FIXED_STEPS, "shapes": [[2, 3], [3]], "initial": [flat([p]) for p in FIXED_P0],
                  "gradients": [[flat([g]) if g is not None else None for g in pair]
                                for pair in FIXED_GRADS]},
    }
    with open(OUT, "w") as f:
        f.write('{"generator": ' + json.dumps(GENERATOR) + ',\n"problems": ' + json.dumps(problems))
        f.write(',\n"cases": [\n' + ",\n".join(json.dumps(c) for c in cases) + "\n],\n")
        f.write('"schedules": [\n' + ",\n".join(json.dumps(s) for s in schedules) + "\n]}\n")
    print(f"wrote {len(cases)} optimizer cases and {len(schedules)} schedules to {OUT}")
    for c in cases:
        print(f"  {c['name']:40s} PyTorch max abs difference {c['pytorch']['maxAbsDifference']:.3e}")


if __name__ == "__main__":
    main()
