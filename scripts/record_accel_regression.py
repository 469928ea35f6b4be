#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Records the accelerator regression table: every zoo network x every configs/accel/*.yaml,
inference and training (`headroom run [--training]`, batch 1), the run totals the simulator
reports. tests/accel/regression_table_test.cpp re-runs the rows and checks every total.

Usage, from the repository root after building build/release/headroom:
  nice python3 scripts/record_accel_regression.py [--timeout 60] [--budget 1200] \
      [--out tests/data/accel_regression/totals.csv] [--retry-skipped]

A run needing more than --timeout seconds of CPU (the machine is shared, so wall time says
little) is left out: its row says `skipped`, with why; once a network's inference is too slow on a
config, its training step (about three times the work) is not tried. When the whole recording
would pass --budget seconds of wall time the remaining runs are skipped too. --retry-skipped
re-runs only the skipped rows of an existing --out file and keeps the others. The CSV's first
line names the commit the binary was built from (--commit, default HEAD): the table records what
that commit computed, it is not an independent reference.
"""
import argparse
import csv
import glob
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

FIELDS = [
    "total_cycles", "compute_cycles", "stall_cycles", "writeback_cycles", "vector_cycles",
    "dram_read_bytes", "dram_write_bytes", "sram_reads", "sram_writes", "macs", "vector_ops",
    "energy_j",
]
# The largest networks go last so the budget, if it runs out, skips them rather than CNNs.
LAST = ["llama3_405b", "gpt3_175b", "lamda_137b", "palm_540b"]


def networks(binary):
    out = subprocess.run([binary, "models", "--json", "-"], capture_output=True, text=True,
                         check=True)
    return [m["name"] for m in json.loads(out.stdout)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", default="build/release/headroom")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--budget", type=float, default=1200.0)
    ap.add_argument("--out", default="tests/data/accel_regression/totals.csv")
    ap.add_argument("--networks", default="", help="comma-separated subset (default: the zoo)")
    ap.add_argument("--commit", default="", help="the commit the binary was built from")
    ap.add_argument("--retry-skipped", action="store_true")
    args = ap.parse_args()

    if args.commit:
        commit = args.commit
    else:
        commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], capture_output=True,
                                text=True, check=True).stdout.strip()
        if subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                          capture_output=True, text=True, check=True).stdout.strip():
            commit += " (with uncommitted changes)"
    subset = set(args.networks.split(",")) if args.networks else None
    nets = list(subset) if subset and not args.retry_skipped else networks(args.binary)
    nets = [n for n in nets if n not in LAST] + [n for n in LAST if n in nets]
    configs = sorted(glob.glob("configs/accel/*.yaml"))
    kept = {}
    if args.retry_skipped:
        # With --networks, only their skipped rows are retried; every other row stays.
        with open(args.out) as f:
            header = f.readline()
            for r in csv.DictReader(f):
                if not r["status"].startswith("skipped") or (subset and r["network"] not in subset):
                    kept[(r["network"], r["config"], r["mode"])] = r
    start = time.monotonic()
    rows = []
    slow = set()

    def limit_cpu():
        resource.setrlimit(resource.RLIMIT_CPU, (int(args.timeout), int(args.timeout) + 1))

    with tempfile.TemporaryDirectory() as tmp:
        for net in nets:
            for config in configs:
                for mode in ("inference", "training"):
                    row = {"network": net, "config": config, "mode": mode}
                    if (net, config, mode) in kept:
                        rows.append(kept[(net, config, mode)])
                        continue
                    if mode == "training" and (net, config) in slow:
                        row["status"] = "skipped: inference over the timeout"
                        rows.append(row)
                        continue
                    if time.monotonic() - start > args.budget:
                        row["status"] = "skipped: recording budget spent"
                        rows.append(row)
                        continue
                    out = os.path.join(tmp, "r.json")
                    cmd = [args.binary, "run", "--accel", config, "--network", net, "--json", out]
                    # Inference unfused: the table pins the graph as written (fusion is
                    # issue 16's deliberate change, checked on its own).
                    cmd.append("--training" if mode == "training" else "--no-fuse")
                    t0 = time.monotonic()
                    try:
                        p = subprocess.run(cmd, capture_output=True, text=True,
                                           timeout=10 * args.timeout, preexec_fn=limit_cpu)
                        too_slow = p.returncode < 0  # SIGXCPU (or SIGKILL) at the CPU limit
                    except subprocess.TimeoutExpired:
                        too_slow = True
                    if too_slow:
                        row["status"] = f"skipped: over {args.timeout:g} s of CPU"
                        slow.add((net, config))
                        rows.append(row)
                        print(net, config, mode, row["status"], file=sys.stderr, flush=True)
                        continue
                    row["wall_s"] = f"{time.monotonic() - t0:.3f}"
                    if p.returncode != 0:
                        # An error today is a result too: the test expects the same exit code.
                        row["status"] = f"exit {p.returncode}"
                    else:
                        totals = json.load(open(out))["totals"]
                        row["status"] = "ok"
                        for f in FIELDS:
                            v = totals[f]
                            row[f] = repr(v) if isinstance(v, float) else str(v)
                    rows.append(row)
                    print(net, config, mode, row["status"], row["wall_s"], file=sys.stderr,
                          flush=True)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    tmp_out = args.out + ".tmp"
    with open(tmp_out, "w", newline="") as f:
        if args.retry_skipped:
            f.write(header.rstrip("\n") + f"; skipped rows retried, limit {args.timeout:g} s CPU\n")
        else:
            f.write(f"# recorded on commit {commit} by scripts/record_accel_regression.py, "
                    f"limit {args.timeout:g} s CPU per run\n")
        w = csv.DictWriter(f, ["network", "config", "mode", "status", "wall_s"] + FIELDS,
                           lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(r)
    os.replace(tmp_out, args.out)


if __name__ == "__main__":
    main()
