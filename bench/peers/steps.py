"""repro's benchmarked steps side by side with the same steps in JAX and PyTorch, on one core.

    python steps.py --repro FILE           (the output of `repro-bench`, saved)
    python steps.py --repro-bench BINARY   (runs it once per round, interleaved with the peers)

Times each step (ports_jax.py, ports_torch.py: the same arithmetic as repro, checked by check.py) at the shapes
of the issue: JAX jitted per step (a Python loop of jitted calls, as a JAX user writes it), JAX with many
steps in one jitted lax.scan (no per-call dispatch), PyTorch eager and torch.compile, float64, one thread.
Each time is the least over `--repeats` blocks (of ≥ `--min-time` seconds, from the same initial weights) of
the block's mean time per step, and over `--rounds` rounds. repro's times are read from repro-bench's rows.
Prints one table per step: the time per step and its ratio to repro's; then the issue's targets.
"""

import argparse
import os
import re
import subprocess
import sys
import time

os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")

import jax  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

import data  # noqa: E402
import ports_jax  # noqa: E402
import ports_torch  # noqa: E402

torch.set_num_threads(1)
try:
    torch.set_num_interop_threads(1)
except RuntimeError:
    pass

# (step, shape, label): the rows. Training: (n, d, m) direct mode; frei2023 with k = 64 clusters and
# the relative step bound; gao2019: (n, d, m, K).
VARDI = [(10, 1000, 100), (100, 4000, 200)]
FREI = [(512, 1000, 64)]
GAO = [(6, 2, 4096, 5), (6, 2, 16384, 5), (100, 100, 4096, 10), (100, 100, 16384, 10)]
# Steps per call of the JAX lax.scan column: 50, fewer for a step of more than ~4 MFLOP (the dispatch it saves
# is ~10 µs; a long scan of a slow step only makes the timing slow).


def scan_length(flops):
    return int(min(50, max(2, 2e8 / flops)))

PEERS = ["JAX (jit)", "JAX (scan)", "PyTorch eager", "torch.compile"]


def parse_repro(text):
    """repro-bench's rows → {key: seconds per step}; keys ("vardi2022", n, d, m, mode), ("frei2023", n, d, m,
    mode), ("gao2019", n, d, m, K). Sections by their headers; unknown sections are skipped."""
    times, section = {}, None
    training = re.compile(r"^\s*(\d+)\s+(\d+)\s+(\d+)\s+(direct|span)\s+([\d.]+)\s*µs")
    gao = re.compile(r"^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s*µs")
    for line in text.splitlines():
        row = training.match(line) if section in ("vardi2022", "frei2023") else gao.match(line)
        if section and row:
            n, d, m, last, t = row.groups()
            key = (section, int(n), int(d), int(m), last if section != "gao2019" else int(last))
            times.setdefault(key, float(t) * 1e-6)
        elif re.match(r"^\s*n\s", line) or not line.strip():
            continue  # a column header or a blank line: the section goes on
        elif "gao2019" in line:
            section = "gao2019"
        elif "frei2023" in line:
            section = "frei2023"
        elif line.startswith("training step"):
            section = "vardi2022"
        else:
            section = None
    return times


def per_step(block, min_time, repeats):
    """block(count) runs count steps (or more: it returns how many) from the initial state and waits for them;
    → the least seconds per step over `repeats` blocks of about `min_time` seconds."""
    block(2)  # warm-up (and compile)
    count = 1
    while True:
        t0 = time.perf_counter()
        ran = block(count) or count
        elapsed = time.perf_counter() - t0
        if elapsed >= min_time / 8 or count >= 1 << 20:
            break
        count *= 4
    count = max(1, int(ran * min_time / elapsed))
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        ran = block(count) or count
        best = min(best, (time.perf_counter() - t0) / ran)
    return best


def training_timers(x, y, w, v, step_size, rho):
    """{peer: block(count)} for a training step."""
    jstep = ports_jax.make_training_step(step_size, rho)
    length = scan_length(4 * w.size * x.shape[0])
    jx, jy, jw, jv = (jax.device_put(a) for a in (x, y, w, v))

    def jax_block(count):
        state = (jw, jv, np.float64(0))
        for _ in range(count):
            state, _ = jstep(state, jx, jy)
        jax.block_until_ready(state)

    scan = ports_jax.make_training_scan(step_size, rho, length)

    def scan_block(count):
        state = (jw, jv, np.float64(0))
        for _ in range(-(-count // length)):
            state, _ = scan(state, jx, jy)
        jax.block_until_ready(state)
        return -(-count // length) * length

    tx, ty, tw, tv = (torch.from_numpy(a) for a in (x, y, w, v))

    def torch_block(step):
        def block(count):
            with torch.inference_mode():
                state = (tw, tv, torch.tensor(0.0, dtype=torch.float64))
                for _ in range(count):
                    *state, _ = step(*state, tx, ty)

        return block

    return {"JAX (jit)": jax_block, "JAX (scan)": scan_block,
            "PyTorch eager": torch_block(ports_torch.make_training_step(step_size, rho)),
            "torch.compile": torch_block(ports_torch.make_training_step(step_size, rho, compiled=True))}


def adversarial_timers(x, y, w0, a, c, radius, k):
    """{peer: block(count)} for gao2019's adversarial step (no projection, η = 1, as repro-bench)."""
    jstep = ports_jax.make_adversarial_step(c, radius, k)
    n, m = x.shape[0], w0.shape[0]
    length = scan_length((2 * k + 3) * 2 * w0.size * n + 10 * (k + 2) * n * m)
    jx, jy, jw0, ja = (jax.device_put(t) for t in (x, y, w0, a))

    def jax_block(count):
        w = jw0
        for _ in range(count):
            w, _, _, _ = jstep(w, jx, jy, jw0, ja)
        jax.block_until_ready(w)

    scan = ports_jax.make_adversarial_scan(c, radius, k, length)

    def scan_block(count):
        w = jw0
        for _ in range(-(-count // length)):
            w, _ = scan(w, jx, jy, jw0, ja)
        jax.block_until_ready(w)
        return -(-count // length) * length

    tx, ty, tw0, ta = (torch.from_numpy(t) for t in (x, y, w0, a))

    def torch_block(step):
        def block(count):
            with torch.inference_mode():
                w = tw0
                for _ in range(count):
                    w, _, _, _ = step(w, tx, ty, tw0, ta)

        return block

    return {"JAX (jit)": jax_block, "JAX (scan)": scan_block,
            "PyTorch eager": torch_block(ports_torch.make_adversarial_step(c, radius, k)),
            "torch.compile": torch_block(ports_torch.make_adversarial_step(c, radius, k, compiled=True))}


def cases(only, big):
    """[(title, repro key, timers factory)]."""
    out = []
    if "vardi2022" in only:
        for n, d, m in VARDI:
            out.append((f"vardi2022 training step, n, d, m = {n}, {d}, {m} (direct)", ("vardi2022", n, d, m, "direct"),
                        lambda n=n, d=d, m=m: training_timers(*data.vardi2022(n, d, m), 0.2, None)))
    if "frei2023" in only:
        for n, d, m in FREI:
            out.append((f"frei2023 training step, n, d, m = {n}, {d}, {m} (direct, k = 64, step bound 0.01)",
                        ("frei2023", n, d, m, "direct"),
                        lambda n=n, d=d, m=m: training_timers(*data.frei2023(64, n, d, m), 64.0, 0.01)))
    if "gao2019" in only:
        for n, d, m, k in GAO:
            if m > 4096 and d > 2 and not big:
                continue
            out.append((f"gao2019 adversarial step, n, d, m = {n}, {d}, {m}, K = {k}", ("gao2019", n, d, m, k),
                        lambda n=n, d=d, m=m, k=k: adversarial_timers(*data.gao2019(n, d, m)[:6], k)))
    return out


def run_repro(binary):
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    binary = os.path.abspath(binary)
    # From the repository's root, as `make bench` runs it (it writes results/.machine-rates.json there).
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    # --quick: the peers compare steps; the large experiment point is `make bench`'s own row.
    return subprocess.run([binary, "--quick"], check=True, capture_output=True, text=True, env=env, cwd=root).stdout


def targets(rows):
    """The issue's targets, from the tables: [(statement, repro's time ÷ the peer's, met)]."""
    out = []
    for key, times in rows.items():
        repro = times.get("repro")
        if repro is None:
            continue
        if key[0] == "gao2019":
            limit = 0.7 if key[2] == 2 else 1.0
            if "JAX (jit)" in times:
                ratio = repro / times["JAX (jit)"]
                out.append((f"gao2019 {key[1:]}: repro ≤ {limit}× JAX", ratio, ratio <= limit))
            continue
        for peer in ("JAX (jit)", "torch.compile"):
            if peer in times:
                ratio = repro / times[peer]
                out.append((f"{key[0]} {key[1:4]}: repro < {peer.split(' ')[0]}", ratio, ratio < 1))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--repro", help="a saved repro-bench output")
    source.add_argument("--repro-bench", help="the repro-bench binary, run once per round")
    parser.add_argument("--only", default="vardi2022,frei2023,gao2019", help="comma-separated steps")
    parser.add_argument("--peers", default=",".join(PEERS), help="comma-separated columns to time")
    parser.add_argument("--big", action="store_true", help="also gao2019 at d = 100, m = 16384")
    parser.add_argument("--save-repro", help="write the last round's repro-bench output to this file")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--min-time", type=float, default=0.3, help="seconds per timed block")
    options = parser.parse_args()
    peers = [p for p in PEERS if p in options.peers.split(",")]
    print(f"JAX {jax.__version__} (x64, {jax.devices()[0].platform}), PyTorch {torch.__version__} "
          f"({torch.get_num_threads()} thread), numpy {np.__version__}; "
          f"CPU affinity {sorted(os.sched_getaffinity(0))}", flush=True)
    repro_text = open(options.repro).read() if options.repro else None
    rows, timers = {}, []
    for title, key, factory in cases(options.only.split(","), options.big):
        rows[key] = {}
        timers.append((title, key, factory()))
    for round_ in range(options.rounds):
        if options.repro_bench:
            print(f"round {round_ + 1}: repro-bench", flush=True)
            repro_text = run_repro(options.repro_bench)
            if options.save_repro:
                with open(options.save_repro, "w") as f:
                    f.write(repro_text)
        if repro_text:
            parsed = parse_repro(repro_text)
            for key in rows:
                if key in parsed:
                    rows[key]["repro"] = min(rows[key].get("repro", np.inf), parsed[key])
            span = ("frei2023",) + FREI[0] + ("span",)
            if span in parsed:
                rows.setdefault(span, {})["repro"] = min(rows.get(span, {}).get("repro", np.inf), parsed[span])
        for title, key, peer_timers in timers:
            for peer in peers:
                print(f"round {round_ + 1}: {title}: {peer}", file=sys.stderr, flush=True)
                t = per_step(peer_timers[peer], options.min_time, options.repeats)
                rows[key][peer] = min(rows[key].get(peer, np.inf), t)
    for title, key, _ in timers:
        times = rows[key]
        repro = times.get("repro")
        print(f"\n{title}")
        print(f"  {'':16} {'time/step':>12} {'÷ repro':>9}")
        for name in ["repro"] + peers:
            if name not in times:
                print(f"  {name:16} {'—':>12}")
                continue
            ratio = f"{times[name] / repro:9.2f}" if repro else f"{'—':>9}"
            print(f"  {name:16} {times[name] * 1e3:9.3f} ms {ratio}")
        span = rows.get(("frei2023",) + FREI[0] + ("span",)) if key[0] == "frei2023" else None
        if span:
            print(f"  (repro in span mode: {span['repro'] * 1e3:.3f} ms; the peers run direct mode only)")
    found = targets({k: v for k, v in rows.items() if k[-1] != "span"})
    for n, d, m in FREI:
        # frei2023's experiments train in span mode (n < d): repro's span step against the peers' direct one.
        span, direct = rows.get(("frei2023", n, d, m, "span"), {}), rows.get(("frei2023", n, d, m, "direct"), {})
        for peer in ("JAX (jit)", "torch.compile"):
            if "repro" in span and peer in direct:
                ratio = span["repro"] / direct[peer]
                found.append((f"frei2023 {(n, d, m)}: repro (span) < {peer.split(' ')[0]}", ratio, ratio < 1))
    if found:
        print("\nthe issue's targets (repro's time ÷ the peer's):")
        for statement, ratio, met in found:
            print(f"  {statement:55} {ratio:6.2f}  {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
