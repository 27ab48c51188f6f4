#!/usr/bin/env python3
"""The PyTorch peer of benchmarks/GradGen.Benchmarks: the same workloads on the same data.

CPU, one thread (torch.set_num_threads(1)), float64. The synthetic data (logistic regression,
network, Rosenbrock, softmax cross-entropy) is read from the files the C# program exports (`--export`); the ADBench GMM
and LSTM inputs are read from the same ADBench text files. Every workload is written the way a
competent PyTorch user would write it (vectorised where the model allows; the LSTM recurrence is a
Python loop over time steps, as in ADBench's PyTorch module, with the loss vectorised over time).

Timing follows the C# Stopwatch harness: warm up, then samples of back-to-back calls, median.
"objective" is a forward pass under torch.no_grad(); "gradient" is forward + backward (value and
gradient, like the generated `...Gradient`). Each gradient is compared with the C# hand-written
gradient exported next to the data, |a - b| / max(1, |a|, |b|).

Usage: bench.py --data DIR/manifest.json --out FILE.json [--short | --full] [--only a,b]
"""

import argparse
import datetime
import json
import math
import os
import platform
import statistics
import sys
import time

import numpy as np
import torch

DTYPE = torch.float64


# --------------------------------------------------------------------------- locating data

def repository_root(start):
    directory = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(directory, "GradGen.sln")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def adbench_path(relative):
    root = repository_root(os.path.dirname(__file__)) or repository_root(os.getcwd())
    if root is None:
        sys.exit("No folder containing GradGen.sln above this script or the current folder.")
    path = os.path.join(root, "data", "adbench", relative)
    if not os.path.exists(path):
        sys.exit(f"ADBench data file not found: {path}")
    return path


def load_array(directory, spec):
    values = np.fromfile(os.path.join(directory, spec["file"]), dtype="<f8")
    return torch.from_numpy(values.reshape(spec["shape"]).copy()).to(DTYPE)


def read_tokens(path):
    with open(path) as f:
        return f.read().split()


# --------------------------------------------------------------------------- objectives

def logistic_loss(w, X, y):
    # (1/N) sum_n ln(1 + exp(-y_n w.x_n))
    return torch.log1p(torch.exp(-y * (X @ w))).mean()


def network_loss(V, b, w, X, y):
    # sum over the batch of ln(1 + exp(-y w.sigmoid(V x + b)))
    a = torch.sigmoid(X @ V.T + b)
    return torch.log1p(torch.exp(-y * (a @ w))).sum()


def softmax_cross_entropy(W, b, X, labels):
    # mean over the batch of -ln softmax(W x_n + b)[label_n]
    return torch.nn.functional.cross_entropy(X @ W.T + b, labels)


def rosenbrock(x):
    half = x.shape[0] // 2
    even = x[0:2 * half:2]
    odd = x[1:2 * half:2]
    t1 = odd - even * even
    t2 = 1 - even
    return (100 * t1 * t1 + t2 * t2).sum()


ADBENCH_PI = 3.14159265359  # ADBench's defs.h value, as in the C# port


def gmm_setup(path):
    tokens = read_tokens(path)
    d, k, n = int(tokens[0]), int(tokens[1]), int(tokens[2])
    pos = 3

    def take(count):
        nonlocal pos
        values = np.array([float(t) for t in tokens[pos:pos + count]], dtype=np.float64)
        pos += count
        return torch.from_numpy(values)

    icf_size = d * (d + 1) // 2
    alphas = take(k)
    means = take(k * d).reshape(k, d)
    icf = take(k * icf_size).reshape(k, icf_size)
    x = take(n * d).reshape(n, d)
    gamma = float(tokens[pos])
    m = int(tokens[pos + 1])
    assert pos + 2 == len(tokens), "unexpected tokens after the GMM data"
    # Strictly-lower entries are stored column by column.
    rows, cols = [], []
    for col in range(d):
        for row in range(col + 1, d):
            rows.append(row)
            cols.append(col)
    n_prime = d + m + 1
    log_gamma_d = 0.25 * d * (d - 1) * math.log(ADBENCH_PI) + sum(math.lgamma(0.5 * n_prime + 0.5 * (1 - j)) for j in range(1, d + 1))
    prior_constant = n_prime * d * (math.log(gamma) - 0.5 * math.log(2)) - log_gamma_d
    constants = dict(x=x, gamma=gamma, m=m, rows=torch.tensor(rows, dtype=torch.long), cols=torch.tensor(cols, dtype=torch.long),
                     prior_constant=prior_constant)
    return [alphas, means, icf], constants


def gmm_objective(alphas, means, icf, x, gamma, m, rows, cols, prior_constant):
    k, d = means.shape
    n = x.shape[0]
    q = icf[:, :d]
    lower = icf[:, d:]
    q_diag = torch.exp(q)
    sum_qs = q.sum(1)
    L = torch.zeros(k, d, d, dtype=DTYPE)
    L[:, rows, cols] = lower                                   # Q_k = diag(exp q_k) + L_k
    xc = x.unsqueeze(1) - means.unsqueeze(0)                   # n, k, d
    qxc = q_diag * xc + torch.einsum("krc,nkc->nkr", L, xc)    # Q_k (x_i - mu_k)
    main = alphas + sum_qs - 0.5 * (qxc * qxc).sum(2)          # n, k
    slse = torch.logsumexp(main, 1).sum()
    log_likelihood = -n * d * 0.5 * math.log(2 * ADBENCH_PI) + slse - n * torch.logsumexp(alphas, 0)
    prior = (0.5 * gamma * gamma * ((q_diag * q_diag).sum(1) + (lower * lower).sum(1)) - m * sum_qs).sum()
    return log_likelihood + (prior - k * prior_constant)


def lstm_setup(path):
    tokens = read_tokens(path)
    l, c, b = int(tokens[0]), int(tokens[1]), int(tokens[2])
    values = np.array([float(t) for t in tokens[3:]], dtype=np.float64)
    sizes = [8 * l * b, 3 * b, 2 * l * b, c * b]
    assert sum(sizes) == len(values), "LSTM file size mismatch"
    parts, offset = [], 0
    for size in sizes:
        parts.append(torch.from_numpy(values[offset:offset + size].copy()))
        offset += size
    main, extra, state, sequence = parts
    return [main.reshape(2 * l, 4 * b), extra.reshape(3, b)], dict(state=state.reshape(2 * l, b), sequence=sequence.reshape(c, b))


def lstm_objective(main, extra, state, sequence):
    two_l, four_b = main.shape
    l, b = two_l // 2, four_b // 4
    c = sequence.shape[0]
    # Hoist the per-layer slices out of the time loop.
    layers = []
    for layer in range(l):
        w, bias = main[2 * layer], main[2 * layer + 1]
        layers.append([w[0:b], bias[0:b], w[b:2 * b], bias[b:2 * b], w[2 * b:3 * b], bias[2 * b:3 * b], w[3 * b:], bias[3 * b:]])
    hidden = [state[2 * layer] for layer in range(l)]
    cell = [state[2 * layer + 1] for layer in range(l)]
    in_weight = extra[0]
    outputs = []
    for t in range(c - 1):
        y = sequence[t] * in_weight
        for layer in range(l):
            wf, bf, wi, bi, wo, bo, wg, bg = layers[layer]
            forget = torch.sigmoid(y * wf + bf)
            ingate = torch.sigmoid(hidden[layer] * wi + bi)
            outgate = torch.sigmoid(y * wo + bo)
            change = torch.tanh(hidden[layer] * wg + bg)
            cell[layer] = cell[layer] * forget + ingate * change
            hidden[layer] = outgate * torch.tanh(cell[layer])
            y = hidden[layer]
        outputs.append(y)
    # The loss, vectorised over time: ypred_t = h_t * out_weight + out_bias.
    ypred = torch.stack(outputs) * extra[1] + extra[2]                 # c-1, b
    lse = torch.log(torch.exp(ypred).sum(1, keepdim=True) + 2)         # ADBench's "+2"
    total = (sequence[1:] * (ypred - lse)).sum()
    return -total / ((c - 1) * b)


# --------------------------------------------------------------------------- workloads

def make_workload(name, entry, directory):
    kind = entry["kind"]
    arrays = {key: load_array(directory, spec) for key, spec in entry["arrays"].items()}
    reference_gradient = arrays.pop("reference_gradient").reshape(-1)
    if kind == "logistic":
        params, constants = [arrays["w"]], dict(X=arrays["X"], y=arrays["y"])
        function = logistic_loss
    elif kind == "network":
        params, constants = [arrays["V"], arrays["b"], arrays["w"]], dict(X=arrays["X"], y=arrays["y"])
        function = network_loss
    elif kind == "softmax":
        params, constants = [arrays["W"], arrays["b"]], dict(X=arrays["X"], labels=arrays["labels"].to(torch.long))
        function = softmax_cross_entropy
    elif kind == "rosenbrock":
        params, constants = [arrays["x"]], {}
        function = rosenbrock
    elif kind == "gmm":
        params, constants = gmm_setup(adbench_path(entry["adbench_file"]))
        function = gmm_objective
    elif kind == "lstm":
        params, constants = lstm_setup(adbench_path(entry["adbench_file"]))
        function = lstm_objective
    else:
        raise ValueError(f"{name}: unknown kind {kind}")
    params = [p.clone().requires_grad_(True) for p in params]

    def objective():
        with torch.no_grad():
            return function(*params, **constants).item()

    def gradient():
        for p in params:
            p.grad = None
        loss = function(*params, **constants)
        loss.backward()
        return loss.item()

    def flat_gradient():
        gradient()
        return torch.cat([p.grad.reshape(-1) for p in params])

    return objective, gradient, flat_gradient, reference_gradient, entry["reference_value"]


# --------------------------------------------------------------------------- timing

SHORT = dict(warmup_calls=10, warmup_seconds=0.3, warmup_max_seconds=3.0, sample_seconds=0.02, min_samples=5, max_samples=41, budget_seconds=1.5)
FULL = dict(warmup_calls=30, warmup_seconds=1.0, warmup_max_seconds=10.0, sample_seconds=0.05, min_samples=11, max_samples=201, budget_seconds=5.0)


def time_median(f, o):
    start = time.perf_counter()
    calls = 0
    while calls < o["warmup_calls"] or time.perf_counter() - start < o["warmup_seconds"]:
        f()
        calls += 1
        if calls >= 2 and time.perf_counter() - start >= o["warmup_max_seconds"]:
            break
    per_call = (time.perf_counter() - start) / max(1, calls)
    repetitions = max(1, math.ceil(o["sample_seconds"] / per_call)) if per_call > 0 else 1
    samples = []
    budget = time.perf_counter()
    while len(samples) < o["max_samples"] and (len(samples) < o["min_samples"] or time.perf_counter() - budget < o["budget_seconds"]):
        t0 = time.perf_counter()
        for _ in range(repetitions):
            f()
        samples.append((time.perf_counter() - t0) / repetitions)
    return statistics.median(samples), len(samples), repetitions


def fmt_time(seconds):
    if seconds < 1e-6:
        value, unit = seconds * 1e9, "ns"
    elif seconds < 1e-3:
        value, unit = seconds * 1e6, "µs"
    elif seconds < 1:
        value, unit = seconds * 1e3, "ms"
    else:
        value, unit = seconds, "s"
    digits = 0 if value >= 100 else 1 if value >= 10 else 2
    return f"{value:.{digits}f} {unit}"


def relative_error(a, b):
    return (a - b).abs() / torch.clamp(torch.maximum(a.abs(), b.abs()), min=1.0)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="manifest.json written by the C# program's --export")
    parser.add_argument("--out", required=True, help="results file (JSON) the C# table reads")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--short", action="store_true")
    group.add_argument("--full", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated workload names")
    args = parser.parse_args()

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    options = FULL if args.full else SHORT
    with open(args.data) as f:
        manifest = json.load(f)
    directory = os.path.dirname(os.path.abspath(args.data))
    only = [n for n in args.only.split(",") if n]

    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor()) \
        if os.path.exists("/proc/cpuinfo") else platform.processor()
    print(f"PyTorch {torch.__version__} (numpy {np.__version__}), Python {platform.python_version()}, "
          f"{torch.get_num_threads()} thread, float64; {os.cpu_count()} logical processors, {cpu}")
    print()
    results = {}
    for name, entry in manifest["workloads"].items():
        if only and name not in only:
            continue
        objective, gradient, flat_gradient, reference, reference_value = make_workload(name, entry, directory)
        value = objective()
        value_error = abs(value - reference_value) / max(1.0, abs(value), abs(reference_value))
        gradient_error = relative_error(flat_gradient().detach(), reference).max().item()
        t_obj, n_obj, _ = time_median(objective, options)
        t_grad, n_grad, _ = time_median(gradient, options)
        results[name] = dict(objective_median_s=t_obj, gradient_median_s=t_grad, objective_samples=n_obj, gradient_samples=n_grad,
                             value=value, value_rel_err_vs_csharp=value_error, gradient_max_rel_err_vs_csharp=gradient_error)
        print(f"{name:<14} objective {fmt_time(t_obj):>9}   gradient {fmt_time(t_grad):>9}   gradient/objective {t_grad / t_obj:6.2f}"
              f"   vs C#: value {value_error:.1e}, gradient {gradient_error:.1e}", flush=True)

    print()
    print("| workload | PyTorch objective | PyTorch gradient | gradient/objective | max rel. error vs C# hand gradient |")
    print("|---|---:|---:|---:|---:|")
    for name, r in results.items():
        print(f"| {name} | {fmt_time(r['objective_median_s'])} | {fmt_time(r['gradient_median_s'])} | "
              f"{r['gradient_median_s'] / r['objective_median_s']:.2f} | {r['gradient_max_rel_err_vs_csharp']:.1e} |")

    document = dict(tool="PyTorch", torch_version=torch.__version__, numpy_version=np.__version__, python=platform.python_version(),
                    threads=torch.get_num_threads(), dtype="float64", mode="full" if args.full else "short", cpu=cpu,
                    timestamp=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), workloads=results)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(document, f, indent=2)
    print()
    print(f"Wrote {args.out}")
    bad = [n for n, r in results.items() if not r["gradient_max_rel_err_vs_csharp"] <= 1e-8]
    if bad:
        print(f"WARNING: PyTorch gradients differ from the C# ones by more than 1e-8: {', '.join(bad)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
