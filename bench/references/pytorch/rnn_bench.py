"""PyTorch reference runner for recur's RNN benchmarks.

Times the model every reference framework defines identically: x [B, T, D] -> one recurrent layer
(or two stacked, or one bidirectional) -> final hidden state h_T -> loss = mean((h_T - y)^2) ->
SGD(lr 0.01) on every weight. "train" is forward + backward + optimizer step; "infer" is the
forward pass producing h_T under torch.no_grad(). Prints one JSON object on stdout.

Run with the interpreter that has torch (Debian: /usr/bin/python3):
    /usr/bin/python3 rnn_bench.py --cell lstm --batch 64 --steps 50 --features 8 --units 64

torch.nn.GRU is the reset-after form (Keras' reset_after=True); LSTM, GRU and RNN carry two bias
vectors per gate (input and recurrent) where Keras' LSTM and SimpleRNN carry one: the same
function, a few more parameters to update.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time


def best_openblas_core_type() -> str | None:
    """The fastest OpenBLAS kernel family this CPU supports.

    Debian's OpenBLAS 0.3.21 does not recognise recent CPUs and falls back to slow generic kernels
    unless OPENBLAS_CORETYPE names one; torch links that OpenBLAS for its matmuls.
    """
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            flags = next((line.split(":", 1)[1].split() for line in cpuinfo if line.startswith("flags")), [])
    except OSError:
        return None
    if "avx512f" in flags and "avx512_bf16" in flags:
        return "Cooperlake"
    if "avx512f" in flags:
        return "SkylakeX"
    if "avx2" in flags:
        return "Haswell"
    return None


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cell", choices=["lstm", "gru", "simpleRnn"], required=True)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--steps", type=int, required=True)
    parser.add_argument("--features", type=int, required=True)
    parser.add_argument("--units", type=int, required=True)
    parser.add_argument("--layers", type=int, choices=[1, 2], default=1)
    parser.add_argument("--bidirectional", action="store_true")
    parser.add_argument("--modes", default="infer,train")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--min-runs", type=int, default=5)
    parser.add_argument("--max-runs", type=int, default=1000)
    parser.add_argument("--min-time-ms", type=float, default=300)
    return parser.parse_args()


def time_it(run, options: argparse.Namespace) -> tuple[float, int]:
    """Median milliseconds of `run` after warm-up, over at least min-runs and min-time-ms."""
    for _ in range(options.warmup):
        run()
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < options.min_runs or (
        (time.perf_counter() - start) * 1000 < options.min_time_ms and len(times) < options.max_runs
    ):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), len(times)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports kilobytes


def main() -> None:
    options = parse_arguments()
    # Both must be in place before torch (and so OpenBLAS and OpenMP) is loaded.
    core_type = os.environ.get("OPENBLAS_CORETYPE") or best_openblas_core_type()
    if core_type:
        os.environ["OPENBLAS_CORETYPE"] = core_type
    os.environ.setdefault("OPENBLAS_NUM_THREADS", str(options.threads))
    os.environ.setdefault("OMP_NUM_THREADS", str(options.threads))

    import torch  # noqa: PLC0415 (deliberately late, see above)

    torch.set_num_threads(options.threads)
    torch.manual_seed(42)

    recurrent_class = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "simpleRnn": torch.nn.RNN}[options.cell]
    extra = {"nonlinearity": "tanh"} if options.cell == "simpleRnn" else {}
    model = recurrent_class(
        options.features,
        options.units,
        num_layers=options.layers,
        bidirectional=options.bidirectional,
        batch_first=True,
        **extra,
    )
    directions = 2 if options.bidirectional else 1
    x = torch.rand(options.batch, options.steps, options.features) * 2 - 1
    y = torch.rand(options.batch, directions * options.units) - 0.5
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)

    def final_state(inputs: torch.Tensor) -> torch.Tensor:
        _, state = model(inputs)
        h_n = state[0] if options.cell == "lstm" else state
        # h_n is [layers * directions, B, H]: the top layer's final state(s), concatenated.
        return torch.cat(list(h_n[-directions:]), dim=1)

    def infer() -> None:
        with torch.no_grad():
            final_state(x)

    last_loss = [0.0]

    def train_step() -> None:
        optimizer.zero_grad()
        loss = torch.mean((final_state(x) - y) ** 2)
        loss.backward()
        optimizer.step()
        last_loss[0] = loss.item()

    results = []
    modes = options.modes.split(",")
    # Inference first: peak RSS only grows, so its reading is not inflated by training buffers.
    if "infer" in modes:
        median, runs = time_it(infer, options)
        results.append({"mode": "infer", "msPerStep": median, "runs": runs, "peakRssMb": peak_rss_mb()})
    if "train" in modes:
        median, runs = time_it(train_step, options)
        results.append(
            {
                "mode": "train",
                "msPerStep": median,
                "runs": runs,
                "peakRssMb": peak_rss_mb(),
                "loss": last_loss[0],
            }
        )

    json.dump(
        {
            "reference": "pytorch",
            "version": torch.__version__,
            "threads": torch.get_num_threads(),
            "openblasCoreType": os.environ.get("OPENBLAS_CORETYPE"),
            "mkldnnEnabled": torch.backends.mkldnn.is_available(),
            "cell": options.cell,
            "batch": options.batch,
            "steps": options.steps,
            "features": options.features,
            "units": options.units,
            "layers": options.layers,
            "bidirectional": options.bidirectional,
            "results": results,
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
