"""Checks that the ports compute repro's steps: runs them from the inputs `repro-bench --peer-check DIR` wrote
(data, initial weights, settings) and compares with what repro computed (the weights after every step and each
step's metrics), as the largest relative difference max|port − repro| / max|repro| per array; the change of
the weights W − W(0) is compared too (training from a small initialisation moves W little at first).

    python check.py DIR [--tolerance 1e-12] [--no-compile]

Exit status 1 when a difference passes the tolerance.
"""

import argparse
import json
import os
import sys

os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

import ports_jax  # noqa: E402
import ports_torch  # noqa: E402

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)


def relative(port, reference):
    port, reference = np.asarray(port, dtype=np.float64), np.asarray(reference, dtype=np.float64)
    scale = np.max(np.abs(reference))
    return float(np.max(np.abs(port - reference)) / (scale if scale > 0 else 1.0))


def load(folder):
    arrays = {f[:-4]: np.load(os.path.join(folder, f)) for f in os.listdir(folder) if f.endswith(".npy")}
    with open(os.path.join(folder, "settings.json")) as f:
        return arrays, json.load(f)


def run_training(backend, arrays, settings):
    """→ (W, v, metrics of every snapshot) after settings['steps'] steps."""
    x, y, w, v = arrays["x"], arrays["y"], arrays["w0"], arrays["v0"]
    eta, rho, steps = settings["step_size"], settings.get("max_relative_change"), settings["steps"]
    metrics = []
    if backend == "jax":
        step = ports_jax.make_training_step(eta, rho)
        state = (w, v, np.float64(0))
        for _ in range(steps):
            state, snap = step(state, x, y)
            metrics.append(np.asarray(snap))
        metrics.append(np.asarray(ports_jax.final_metrics(state, x, y)))
        return np.asarray(state[0]), np.asarray(state[1]), np.stack(metrics)
    t = {k: torch.from_numpy(arrays[k]) for k in ("x", "y", "w0", "v0")}
    step = ports_torch.make_training_step(eta, rho, compiled=backend == "torch.compile")
    w, v, flow = t["w0"], t["v0"], torch.tensor(0.0, dtype=torch.float64)
    with torch.inference_mode():
        for _ in range(steps):
            w, v, flow, snap = step(w, v, flow, t["x"], t["y"])
            metrics.append(snap.numpy().copy())
        metrics.append(ports_torch.final_metrics(w, v, flow, t["x"], t["y"]).numpy())
    return w.numpy(), v.numpy(), np.stack(metrics)


def run_adversarial(backend, arrays, settings):
    """→ (W, per step: the surrogate loss then the attack's margins) after settings['steps'] steps."""
    x, y, w0, a = arrays["x"], arrays["y"], arrays["w0"], arrays["a"]
    args = (settings["output_scale"], settings["radius"], settings["attack_steps"], settings["learning_rate"])
    projection = settings.get("projection_radius")
    rows = []
    if backend == "jax":
        step = ports_jax.make_adversarial_step(*args, projection=projection)
        w = w0
        for _ in range(settings["steps"]):
            w, loss, _, margins = step(w, x, y, w0, a)
            rows.append(np.concatenate([[float(loss)], np.asarray(margins)]))
        return np.asarray(w), np.stack(rows)
    step = ports_torch.make_adversarial_step(*args, projection=projection, compiled=backend == "torch.compile")
    t = [torch.from_numpy(v) for v in (x, y, w0, a)]
    w = t[2]
    with torch.inference_mode():
        for _ in range(settings["steps"]):
            w, loss, _, margins = step(w, t[0], t[1], t[2], t[3])
            rows.append(np.concatenate([[float(loss)], margins.numpy()]))
    return w.numpy(), np.stack(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", help="the folder repro-bench --peer-check wrote")
    parser.add_argument("--tolerance", type=float, default=1e-12)
    parser.add_argument("--no-compile", action="store_true", help="skip torch.compile (its compiles take a while)")
    options = parser.parse_args()
    backends = ["jax", "torch"] + ([] if options.no_compile else ["torch.compile"])
    worst = 0.0
    print(f"{'case':16} {'port':14} {'quantity':22} {'max rel. diff':>14}")
    for case in sorted(os.listdir(options.folder)):
        folder = os.path.join(options.folder, case)
        if not os.path.isfile(os.path.join(folder, "settings.json")):
            continue
        arrays, settings = load(folder)
        for backend in backends:
            if settings["kind"] == "training":
                w, v, metrics = run_training(backend, arrays, settings)
                # log Σℓ = log mean + log n, not the log mean itself: near the start the log mean ≈ 0 is the
                # difference of two numbers ≈ log n and has no relative accuracy of its own (an ulp of log Σℓ,
                # e.g. torch's vectorised exp against libm's, shows there as 1e-12).
                shift = np.log(len(arrays["y"]))
                reference = arrays["metrics"].copy()
                metrics[:, 0] += shift
                reference[:, 0] += shift
                names = ["log Σ loss", "min margin", "‖θ‖²", "accuracy", "flow time"]
                diffs = [("W", relative(w, arrays["w"])), ("W − W(0)", relative(w - arrays["w0"], arrays["w"] - arrays["w0"])),
                         ("v", relative(v, arrays["v"]))]
                diffs += [(name, relative(metrics[:, j], reference[:, j])) for j, name in enumerate(names)]
            else:
                w, rows = run_adversarial(backend, arrays, settings)
                diffs = [("W", relative(w, arrays["w"])), ("W − W(0)", relative(w - arrays["w0"], arrays["w"] - arrays["w0"])),
                         ("surrogate loss", relative(rows[:, 0], arrays["losses"][:, 0])),
                         ("attack margins", relative(rows[:, 1:], arrays["losses"][:, 1:]))]
            for name, diff in diffs:
                worst = max(worst, diff)
                flag = "" if diff <= options.tolerance else "  FAIL"
                print(f"{case:16} {backend:14} {name:22} {diff:14.2e}{flag}")
    verdict = "pass" if worst <= options.tolerance else "FAIL"
    print(f"\nlargest relative difference {worst:.2e} (tolerance {options.tolerance:.0e}): {verdict}")
    sys.exit(0 if worst <= options.tolerance else 1)


if __name__ == "__main__":
    main()
