#!/usr/bin/env python3
"""Fits the rational tanh of the native activation kernels (activations-impl.inc) and checks it.

tanh(x) ~= x * P(x^2) / Q(x^2) on [0, 9], P and Q of degree 4 in x^2 with P(0) = Q(0) = 1 (odd,
exact near 0), minimizing the maximum relative error: Sanathanan-Koerner iterations (the
linearized residual x P - tanh(x) Q divided by the previous Q) with Lawson weights that move the
least-squares solution toward the minimax one. Past 9, tanh rounds to +-1 in float32 (1 - 3e-8),
so the kernels clamp the argument there.

Then evaluates the coefficients in float32 (numpy, Horner, no FMA: a bound for the kernels' FMA
Horner) on every float32 in [2^-20, 9] and prints the error in ulps of the float32 tanh.

Needs numpy (Debian: python3-numpy). Run: python3 native/scripts/fit-tanh.py
"""

import numpy as np

DEGREE = 4
TOP = 9.0


def fit(iterations=200):
    x = np.concatenate([np.linspace(1e-3, 1, 3000), np.linspace(1, TOP, 6000)])
    t = np.tanh(x)
    u = x * x
    weights = np.ones_like(x) / len(x)
    previous_q = np.ones_like(x)
    best = (np.inf, None, None)
    for iteration in range(iterations):
        columns = [x * u**k for k in range(1, DEGREE + 1)] + [-t * u**k for k in range(1, DEGREE + 1)]
        a = np.stack(columns, 1)
        b = t - x
        scale = np.sqrt(weights) / (t * previous_q)
        c, *_ = np.linalg.lstsq(a * scale[:, None], b * scale, rcond=None)
        p = np.concatenate([[1.0], c[:DEGREE]])
        q = np.concatenate([[1.0], c[DEGREE:]])
        big_p = np.polyval(p[::-1], u)
        big_q = np.polyval(q[::-1], u)
        error = np.abs(x * big_p / big_q - t) / t
        if np.all(big_q > 0) and error.max() < best[0]:
            best = (error.max(), p, q)
        previous_q = big_q
        if iteration >= 10:
            weights = weights * error
            weights /= weights.sum()
    return best


def float32_ulps(p, q):
    f = np.float32
    low = np.array([2.0**-20], dtype=np.float32).view(np.int32)[0]
    high = np.array([TOP], dtype=np.float32).view(np.int32)[0]
    x = np.arange(low, high + 1, dtype=np.int32).view(np.float32)
    u = x * x
    big_p = f(p[-1])
    for c in p[-2::-1]:
        big_p = big_p * u + f(c)
    big_q = f(q[-1])
    for c in q[-2::-1]:
        big_q = big_q * u + f(c)
    y = np.minimum(x * big_p / big_q, f(1))
    t = np.tanh(x.astype(np.float64))
    ulps = np.abs(y.astype(np.float64) - t) / np.spacing(t.astype(np.float32)).astype(np.float64)
    return ulps, x, y


if __name__ == "__main__":
    error, p, q = fit()
    print(f"max relative error (exact arithmetic): {error:.3g}")
    for name, coefficients in (("P", p), ("Q", q)):
        for k, c in enumerate(coefficients[1:], start=1):
            print(f"{name}{k} = {c:.17g}")
    ulps, x, y = float32_ulps(p, q)
    print(f"float32: max {ulps.max():.2f} ulp (at x = {x[ulps.argmax()]:.6g}), mean {ulps.mean():.2f}; at 9: {y[-1]}")
