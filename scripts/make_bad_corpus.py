#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the bad-input corpus: tests/data/bad/corpus/<kind>/* and manifest.tsv.

Each case is a real input file (or a special path) plus the command line that feeds it to the real
CLI, the exit code it must give and a fragment its message must contain. The expectations are
written here from what the input breaks (the key, the limit), never read back from Headroom's
output. tests/sim/bad_input_corpus_test.cpp runs them all.

Manifest columns (tab-separated): name, exit code, expected fragment, then the arguments.
In arguments `{fifo}` is a FIFO the test creates and `\\xNN` a raw byte (for non-UTF-8 names).
Run from the repository root: python3 scripts/make_bad_corpus.py
"""
import os
import shutil

ROOT = os.path.join("tests", "data", "bad", "corpus")
TINY = "tests/data/run/tiny_gemm.csv"
EDGE = "configs/accel/edge-16x16-int8.yaml"

cases = []  # (name, exit, fragment, [args])
# Regenerated whole, so a case removed here leaves no stale file behind.
if os.path.isdir(ROOT):
    shutil.rmtree(ROOT)


def write(kind, name, text, mode="w"):
    path = os.path.join(ROOT, kind, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(text)
    return path


def emit(doc, indent=0):
    """A nested dict of raw YAML value strings as block YAML."""
    out = []
    for key, value in doc.items():
        if isinstance(value, dict):
            out.append(" " * indent + f"{key}:")
            out.append(emit(value, indent + 2))
        else:
            out.append(" " * indent + f"{key}: {value}")
    return "\n".join(x for x in out if x != "")


def replaced(doc, path, value):
    """A copy of doc with the dotted key set to `value` (None removes it)."""
    import copy

    d = copy.deepcopy(doc)
    node = d
    keys = path.split(".")
    for k in keys[:-1]:
        node = node.setdefault(k, {})
    if value is None:
        node.pop(keys[-1], None)
    else:
        node[keys[-1]] = value
    return d


def add(name, code, fragment, args):
    assert "\t" not in fragment and all("\t" not in a for a in args)
    cases.append((name, code, fragment, args))


# --- Accelerator YAML: `run --accel FILE --topology tiny_gemm.csv` ------------------------------
ACCEL = {
    "name": "corpus",
    "clock": '"1 GHz"',
    "precision": "int8",
    "array": {"rows": "16", "cols": "16", "dataflow": "ws"},
    "sram": {
        "ifmap": {"size": '"512 KiB"'},
        "filter": {"size": '"256 KiB"'},
        "ofmap": {"size": '"256 KiB"'},
    },
    "dram": {"type": "lpddr4", "bandwidth": '"12.8 GB/s"', "capacity": '"2 GiB"'},
    "vector": {"lanes": "16"},
    "tech": {"node": '"28 nm"'},
}


def accel_case(name, text, fragment, code=2):
    path = write("accel", name + ".yaml", text + "\n")
    add("accel/" + name, code, fragment, ["run", "--accel", path, "--topology", TINY])


# The unchanged base must run: the corpus tests inputs, not a broken base.
accel_case("ok-base", emit(ACCEL), "", code=0)

COUNT_KEYS = {  # dotted key -> (min, max) as the reader documents them
    "array.rows": (1, 65536),
    "array.cols": (1, 65536),
    "array.count": (1, 1024),
    "vector.lanes": (1, 65536),
    "dram.count": (1, 64),
    "dram.burst_bytes": (1, 4096),
    "sram.ifmap.word_bits": (8, 4096),
    "sram.ifmap.banks": (1, 4096),
    "sram.filter.banks": (1, 4096),
    "sram.ofmap.word_bits": (8, 4096),
}
BAD_COUNTS = {
    "negative": "-1",
    "fraction": "1.5",
    "text": "many",
    "huge": "99999999999999999999999",
    "nan": ".nan",
    "inf": ".inf",
    "list": "[1, 2]",
    "map": "{a: 1}",
    "null": "~",
    "hex": "0x10",
    "exponent": "1e3",
    "above-max": None,  # max + 1
    "below-min": None,  # min - 1
}
for key, (lo, hi) in COUNT_KEYS.items():
    for label, value in BAD_COUNTS.items():
        if label == "above-max":
            value = str(hi + 1)
        if label == "below-min":
            value = str(lo - 1)
        accel_case(f"{key.replace('.', '-')}-{label}", emit(replaced(ACCEL, key, value)),
                   f"{key}: expected an integer from {lo} to {hi}")

QUANTITY_KEYS = {
    "clock": "a frequency",
    "sram.ifmap.size": "a size",
    "sram.filter.size": "a size",
    "dram.bandwidth": "a bandwidth",
    "dram.latency": "a time",
    "dram.capacity": "a size",
    "tech.node": "a length",
    "tech.vdd": "a voltage",
}
BAD_QUANTITIES = {
    "no-unit": '"12"',
    "wrong-unit": '"12 parsecs"',
    "text": '"fast"',
    "nan": '"nan GHz"',
    "inf": '"inf GB/s"',
    "list": '["1 GHz"]',
    "null": "~",
    "negative": '"-5 ns"',
    "overflow": '"1e400 B"',
}
for key, kind in QUANTITY_KEYS.items():
    for label, value in BAD_QUANTITIES.items():
        accel_case(f"{key.replace('.', '-')}-{label}", emit(replaced(ACCEL, key, value)),
                   f"{key}: expected {kind}")

for key, value, expected in [
    ("clock", '"1 THz"', "clock: expected a frequency"),
    ("clock", '"1 Hz"', "clock: expected a frequency"),
    ("sram.ifmap.size", '"0 B"', "sram.ifmap.size: expected a size"),
    ("sram.ifmap.size", '"1 TiB"', "sram.ifmap.size: expected a size"),
    ("dram.bandwidth", '"1 B/s"', "dram.bandwidth: expected a bandwidth"),
    ("dram.latency", '"1 s"', "dram.latency: expected a time"),
    ("tech.node", '"1 nm"', "tech.node: expected a length"),
    ("tech.node", '"500 nm"', "tech.node: expected a length"),
    ("tech.vdd", '"5 V"', "tech.vdd: expected a voltage"),
]:
    accel_case(f"{key.replace('.', '-')}-out-of-range-{value.strip(chr(34)).replace(' ', '')}",
               emit(replaced(ACCEL, key, value)), expected)

for key, value in [("precision", "int7"), ("precision", "[int8]"), ("precision", "INT-8"),
                   ("array.dataflow", "xs"), ("array.dataflow", "{ws: 1}"),
                   ("dram.type", "ddr9"), ("dram.type", "~")]:
    accel_case(f"{key.replace('.', '-')}-bad-{value.strip('[]{}~:1 ') or 'null'}",
               emit(replaced(ACCEL, key, value)), f"{key}: expected one of")

for value in ["yes", "1", "on", "maybe"]:
    accel_case(f"dram-ideal-{value}", emit(replaced(ACCEL, "dram.ideal", value)),
               "dram.ideal: expected true or false")

for key in ["colck", "array.rowz", "sram.ifmapp", "dram.bandwith", "vector.lane", "tech.nodes",
            "sram.ifmap.sise", "energy.mac_int9_pj"]:
    accel_case(f"unknown-{key.replace('.', '-')}", emit(replaced(ACCEL, key, "1")),
               f"{key}: expected")

for key, fragment in [("clock", "clock: expected"), ("precision", "precision: expected"),
                      ("array", "array: expected a map"), ("sram", "sram: expected a map"),
                      ("dram", "dram: expected a map"), ("array.rows", "array.rows: expected"),
                      ("array.cols", "array.cols: expected"),
                      ("sram.filter", "sram.filter: expected"),
                      ("dram.type", "dram.type: expected"),
                      ("sram.ifmap.size", "sram.ifmap: expected a map of keys, found nothing")]:
    accel_case(f"missing-{key.replace('.', '-')}", emit(replaced(ACCEL, key, None)), fragment)

for key, value, fragment in [("array", "16", "array: expected a map"),
                             ("array", "[16, 16]", "array: expected a map"),
                             ("sram", '"1 MiB"', "sram: expected a map"),
                             ("dram", "[lpddr4]", "dram: expected a map"),
                             ("vector", "16", "vector: expected a map"),
                             ("sram.ifmap", '"512 KiB"', "sram.ifmap: expected a map"),
                             ("energy", "0.5", "energy: expected a map"),
                             ("name", "[a, b]", "name: expected a text"),
                             ("name", '""', "name: expected a non-empty text")]:
    accel_case(f"shape-{key.replace('.', '-')}-{'list' if '[' in value else 'scalar'}",
               emit(replaced(ACCEL, key, value)), fragment)

for label, text in [("top-list", "- clock: 1 GHz\n- precision: int8"), ("top-scalar", "hello"),
                    ("empty", ""), ("only-comment", "# nothing here"),
                    ("top-number", "42")]:
    accel_case(f"top-{label}", text, "(top level): expected a map")

# Energy overrides: bare numbers in the unit the key names.
for label, value in [("negative", "-0.5"), ("nan", ".nan"), ("inf", ".inf"), ("text", "low"),
                     ("huge", "1e10")]:
    accel_case(f"energy-mac-{label}", emit(replaced(ACCEL, "energy.mac_int8_pj", value)),
               "energy.mac_int8_pj: expected a number from 0 to")

# Duplicate keys: yaml-cpp keeps the first; both must be an error naming the lines.
base = emit(ACCEL)
for label, text, fragment in [
    ("top-clock", base + '\nclock: "2 GHz"', "clock: expected a key given once"),
    ("top-precision", base.replace("precision: int8", "precision: int8\nprecision: fp16"),
     "precision: expected a key given once, found a second one (the first is at line 3)"),
    ("array-rows", base.replace("  rows: 16", "  rows: 16\n  rows: 32"),
     "array.rows: expected a key given once"),
    ("dram-bandwidth", base.replace('  bandwidth: "12.8 GB/s"',
                                     '  bandwidth: "12.8 GB/s"\n  bandwidth: "25.6 GB/s"'),
     "dram.bandwidth: expected a key given once"),
    ("sram-ifmap-size", base.replace('    size: "512 KiB"', '    size: "512 KiB"\n    size: "1 MiB"'),
     "sram.ifmap.size: expected a key given once"),
    ("flow-map", base.replace("vector:\n  lanes: 16", "vector: {lanes: 16, lanes: 8}"),
     "vector.lanes: expected a key given once"),
    ("two-sections", base + "\narray:\n  rows: 8\n  cols: 8",
     "array: expected a key given once"),
]:
    accel_case(f"duplicate-{label}", text, fragment)

# An ideal DRAM has no bandwidth or latency: giving one is a contradiction, not a setting.
ideal = replaced(replaced(ACCEL, "dram", {"ideal": "true"}), "dram.bandwidth", '"12.8 GB/s"')
accel_case("ideal-with-bandwidth", emit(ideal),
           "dram.bandwidth: expected no bandwidth with dram.ideal: true")
ideal = replaced(replaced(ACCEL, "dram", {"ideal": "true"}), "dram.latency", '"100 ns"')
accel_case("ideal-with-latency", emit(ideal),
           "dram.latency: expected no latency with dram.ideal: true")

# On-chip-only designs (`dram: none`, issue 16): the network must fit the SRAM, the layer that
# does not is named with the bytes it needs. tiny_gemm.csv's fc1 has K x N = 256 x 128 weights,
# 32768 B at int8, more than a 16 KiB SRAM.
ONCHIP = replaced(replaced(ACCEL, "dram", "none"), "sram",
                  {"unified": {"size": '"16 KiB"'}})
accel_case("on-chip-only-too-small", emit(ONCHIP),
           "dram: expected a network that fits the on-chip memory of an on-chip-only design "
           "(dram: none): 16384 B of SRAM, found layer fc1 needing 32768 B")
accel_case("on-chip-only-fits", emit(replaced(ONCHIP, "sram.unified.size", '"128 KiB"')), "",
           code=0)
for label, value in [("scalar", "lpddr4"), ("nothing", "nothing"), ("capitalised", "None")]:
    text = emit(replaced(ACCEL, "dram", value))
    line = text.splitlines().index(f"dram: {value}") + 1
    accel_case(f"dram-{label}", text,
               f"{line}:7: dram: expected a map or `none` (an on-chip-only design), "
               f"found '{value}'")
text = emit(replaced(ONCHIP, "energy.dram_pj_per_bit", "8"))
line = text.splitlines().index("  dram_pj_per_bit: 8") + 1
accel_case("on-chip-only-dram-energy", text,
           f"{line}:20: energy.dram_pj_per_bit: expected no DRAM energy with dram: none")

# A precision's MAC rate: an integer 1-64, or 1/n for a slowed one (INT16 at half rate).
for label, value in [("third", "0.3"), ("one-and-a-half", "1.5"), ("two-fifths", "0.4")]:
    accel_case(f"macs-int16-{label}",
               emit(replaced(ACCEL, "array.macs_per_pe_per_cycle", {"int8": "1", "int16": value})),
               "array.macs_per_pe_per_cycle.int16: expected an integer from 1 to 64, or 1/n for "
               f"a precision slower than one MAC per cycle (0.5, 0.25, ... down to 1/64), found "
               f"{value}")
for label, value in [("zero", "0"), ("tiny", "0.001")]:
    accel_case(f"macs-int16-{label}",
               emit(replaced(ACCEL, "array.macs_per_pe_per_cycle", {"int8": "1", "int16": value})),
               "array.macs_per_pe_per_cycle.int16: expected a number from")
accel_case("macs-int16-half-runs",
           emit(replaced(ACCEL, "array.macs_per_pe_per_cycle", {"int8": "1", "int16": "0.5"})), "",
           code=0)
# INT4 at twice the INT8 rate (Hailo-10H class); 0, a negative rate, text or above 64 refused.
accel_case("macs-int4-double-runs",
           emit(replaced(ACCEL, "array.macs_per_pe_per_cycle", {"int8": "1", "int4": "2"})), "",
           code=0)
for label, value in [("zero", "0"), ("negative", "-2"), ("text", "two"), ("above-max", "65")]:
    accel_case(f"macs-int4-{label}",
               emit(replaced(ACCEL, "array.macs_per_pe_per_cycle", {"int8": "1", "int4": value})),
               "array.macs_per_pe_per_cycle.int4: expected a number from")
accel_case("macs-int3",
           emit(replaced(ACCEL, "array.macs_per_pe_per_cycle", {"int8": "1", "int3": "2"})),
           "array.macs_per_pe_per_cycle.int3: expected a known key (did you mean int8, int4, "
           "int16?)")

for label, text in [
    ("unclosed-list", base.replace("rows: 16", "rows: [16, 32")),
    ("unclosed-quote", base.replace('"1 GHz"', '"1 GHz')),
    ("unclosed-map", base.replace("dataflow: ws", "dataflow: {ws")),
    ("tab-indent", base.replace("  rows: 16", "\trows: 16")),
    ("bad-indent", base.replace("  cols: 16", "    cols: 16")),
    ("double-colon", base.replace("precision: int8", "precision: : int8")),
    ("undefined-alias", base.replace("precision: int8", "precision: *p")),
    ("list-in-map", base.replace("  cols: 16", "  cols: 16\n  - 5")),
    ("stray-bracket", base + "\n]"),
    ("directive-only", "%YAML 1.2\n%YAML 1.2\n---\n" + base),
]:
    accel_case(f"yaml-{label}", text, "not valid YAML")

# Nine levels of ten aliases: 10^9 nodes for a walk that expands them, 2 KB of text.
bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
for level in range(1, 10):
    bomb += f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]\n"
accel_case("yaml-alias-bomb", bomb, "expected at most 100000 YAML nodes")
# Found by fuzzing: an alias inside its own anchor is a cycle (12 s to walk before the limit).
accel_case("yaml-self-alias", "array: &a [x, *a]", "array[1][1]")
accel_case("yaml-self-alias-map", "dram: &d {type: *d}", "nesting at most 100 levels deep")
accel_case("yaml-deep-nesting", "array: " + "[" * 5000 + "]" * 5000, "not valid YAML")
accel_case("yaml-merge-key", base + "\n<<: {clock: 2 GHz}", "<<: expected")

path = write("accel", "binary-junk.yaml", bytes(range(256)) * 4, mode="wb")
add("accel/binary-junk", 2, "binary-junk.yaml", ["run", "--accel", path, "--topology", TINY])

# --- Run YAML: `compute --run FILE` -------------------------------------------------------------
RUN = {
    "name": "corpus",
    "source": '"a test"',
    "network": "alexnet",
    "examples_per_epoch": "1.2e6",
    "epochs": "90",
    "devices": "2",
    "device_peak_tflops": "1.58",
    "days": "5.5",
    "utilization": "0.33",
}


def run_case(name, text, fragment, code=2):
    path = write("run", name + ".yaml", text + "\n")
    add("run/" + name, code, fragment, ["compute", "--run", path])


run_case("ok-base", emit(RUN), "", code=0)
NUMBER_KEYS = {"forward_macs_per_example": "1.7976931348623157e+308",
               "examples_per_epoch": "1.7976931348623157e+308", "epochs": "1e+09",
               "tokens": "1.7976931348623157e+308", "devices": "1e+09",
               "device_peak_tflops": "1.7976931348623157e+308", "days": "1e+06",
               "utilization": "1", "flops_per_mac": "1000", "fwd_bwd_factor": "1000",
               "extra_factor": "1.7976931348623157e+308"}
for key, hi in NUMBER_KEYS.items():
    for label, value in [("negative", "-1"), ("nan", ".nan"), ("inf", ".inf"),
                         ("text", "lots"), ("list", "[1]"), ("overflow", "1e400"),
                         ("minus-inf", "-.inf")]:
        run_case(f"{key}-{label}", emit(replaced(RUN, key, value)),
                 f"{key}: expected a number from 0 to {hi}")
for key, lo, hi in [("global_batch", 1, 1 << 40), ("seq_len", 1, 1 << 30),
                    ("image_size", 1, 1 << 20), ("year", 1940, 2100)]:
    for label, value in [("zero", "0"), ("negative", "-3"), ("fraction", "2.5"),
                         ("huge", "18446744073709551616"), ("above-max", str(hi + 1))]:
        if label == "zero" and lo == 0:
            continue
        run_case(f"{key}-{label}", emit(replaced(RUN, key, value)),
                 f"{key}: expected an integer from {lo} to {hi}")
for key, value in [("optimizer", "adamw"), ("precision", "fp4"), ("optimizer", "[sgd]")]:
    run_case(f"{key}-bad-{value.strip('[]')}", emit(replaced(RUN, key, value)),
             f"{key}: expected one of")
for key in ["epoch", "netwrok", "gpus", "stated_pfs_days.method3"]:
    run_case(f"unknown-{key.replace('.', '-')}", emit(replaced(RUN, key, "1")), f"{key}: expected")
run_case("missing-name", emit(replaced(RUN, "name", None)), "name: expected a text")
run_case("network-unknown", emit(replaced(RUN, "network", "alexnett")), "unknown network")
run_case("tokens-and-epochs", emit(replaced(RUN, "tokens", "3e11")),
         "tokens: expected either tokens or examples_per_epoch with epochs, found both")
run_case("nothing-to-compute", emit({"name": "x", "source": "y"}),
         "(top level): expected method 1 inputs")
run_case("days-without-devices", emit(replaced(RUN, "devices", None)),
         "devices: expected a device count")
run_case("device-unknown", emit(replaced(RUN, "device", "gtx9999")),
         "expected a device in configs/gpus")
runbase = emit(RUN)
run_case("duplicate-epochs", runbase + "\nepochs: 10",
         "epochs: expected a key given once, found a second one (the first is at line 5)")
run_case("duplicate-network", runbase.replace("network: alexnet", "network: alexnet\nnetwork: vgg16"),
         "network: expected a key given once")
run_case("yaml-unclosed", runbase.replace("epochs: 90", "epochs: [90"), "not valid YAML")
run_case("yaml-unclosed-map", runbase.replace("epochs: 90", "epochs: {90"), "not valid YAML")
run_case("top-list", "- 1\n- 2", "(top level): expected a map")
run_case("stated-nan", emit(replaced(RUN, "stated_pfs_days", {"method1": ".nan"})),
         "stated_pfs_days.method1: expected a number from 0 to")

# Flags of `compute` go through the same checks, named "command line".
for flag, key in [("--macs", "forward_macs_per_example"), ("--examples", "examples_per_epoch"),
                  ("--epochs", "epochs"), ("--days", "days"), ("--devices", "devices"),
                  ("--peak-tflops", "device_peak_tflops"), ("--utilization", "utilization")]:
    for value in ["nan", "inf", "-1", "1e999", "x"]:
        base_flags = {"--examples": "1e6", "--epochs": "1", "--devices": "1",
                      "--peak-tflops": "1", "--days": "1"}
        base_flags[flag] = value
        args = ["compute", "--network", "alexnet"]
        for f, v in base_flags.items():
            args += [f, v]
        add(f"flags/compute{flag}-{value}", 2, f"command line: {key}: expected a number", args)

# --- GPU / device YAML: `compute --device FILE.yaml` ---------------------------------------------
GPU = {
    "name": '"Corpus GPU"',
    "kind": "gpu",
    "vendor": "Test",
    "year": "2020",
    "clock_mhz": "1500",
    "peak_tflops": {"fp32": "20", "fp16": "100"},
    "memory_gb": "40",
    "bandwidth_gb_s": "1500",
    "tdp_w": "400",
    "source": '"a test"',
}


def gpu_case(name, text, fragment, code=2):
    path = write("gpu", name + ".yaml", text + "\n")
    add("gpu/" + name, code, fragment,
        ["compute", "--device", path, "--devices", "1", "--days", "1"])


gpu_case("ok-base", emit(GPU), "", code=0)
for key in ["clock_mhz", "memory_gb", "bandwidth_gb_s", "tdp_w", "peak_tflops.fp32",
            "peak_tflops.fp16"]:
    for label, value in [("negative", "-1"), ("nan", ".nan"), ("inf", ".inf"), ("text", "fast"),
                         ("list", "[1]")]:
        gpu_case(f"{key.replace('.', '-')}-{label}", emit(replaced(GPU, key, value)),
                 f"{key}: expected")
gpu_case("unknown-key", emit(replaced(GPU, "tdp", "400")), "tdp: expected")
gpu_case("unknown-precision", emit(replaced(GPU, "peak_tflops.fp64", "10")),
         "peak_tflops.fp64: expected")
gpu_case("missing-name", emit(replaced(GPU, "name", None)), "name: expected a text")
gpu_case("duplicate-tdp", emit(GPU) + "\ntdp_w: 300", "tdp_w: expected a key given once")
gpu_case("duplicate-peak", emit(GPU).replace('  fp32: 20', '  fp32: 20\n  fp32: 40'),
         "peak_tflops.fp32: expected a key given once")
gpu_case("yaml-unclosed", emit(GPU).replace('"Corpus GPU"', '"Corpus GPU'), "not valid YAML")
gpu_case("aliases-map", emit(replaced(GPU, "aliases", "{a: b}")), "aliases: expected a list")
gpu_case("top-list", "- gpu", "(top level): expected a map")

# --- SCALE-Sim .cfg: `run --accel FILE.cfg --topology tiny_gemm.csv` -----------------------------
CFG = [("general", [("run_name", "corpus")]),
       ("architecture_presets",
        [("ArrayHeight", "16"), ("ArrayWidth", "16"), ("IfmapSramSzkB", "64"),
         ("FilterSramSzkB", "64"), ("OfmapSramSzkB", "64"), ("IfmapOffset", "0"),
         ("FilterOffset", "10000000"), ("OfmapOffset", "20000000"), ("Bandwidth", "10"),
         ("Dataflow", "ws"), ("MemoryBanks", "1")]),
       ("run_presets", [("InterfaceBandwidth", "CALC")])]


def cfg_text(change=None, drop=None, extra=""):
    lines = []
    for section, entries in CFG:
        lines.append(f"[{section}]")
        for k, v in entries:
            if k == drop:
                continue
            if change and k == change[0]:
                v = change[1]
            lines.append(f"{k} = {v}")
        lines.append("")
    return "\n".join(lines) + extra


def cfg_case(name, text, fragment, code=2):
    path = write("cfg", name + ".cfg", text)
    add("cfg/" + name, code, fragment, ["run", "--accel", path, "--topology", TINY])


cfg_case("ok-base", cfg_text(), "", code=0)
for key in ["ArrayHeight", "ArrayWidth", "IfmapSramSzkB", "FilterSramSzkB", "OfmapSramSzkB"]:
    for label, value in [("zero", "0"), ("negative", "-4"), ("text", "big"), ("fraction", "1.5"),
                         ("huge", "99999999999999999999"), ("empty", "")]:
        cfg_case(f"{key.lower()}-{label}", cfg_text(change=(key, value)),
                 f"architecture_presets.{key.lower()}: expected")
    cfg_case(f"{key.lower()}-missing", cfg_text(drop=key),
             f"architecture_presets.{key.lower()}: expected a value")
for label, value in [("xs", "xs"), ("empty", ""), ("upper", "WSS")]:
    cfg_case(f"dataflow-{label}", cfg_text(change=("Dataflow", value)),
             "architecture_presets.dataflow: expected")
cfg_case("interface-bad", cfg_text(change=("InterfaceBandwidth", "FAST")),
         "run_presets.interfacebandwidth: expected CALC or USER")
for label, value in [("text", "wide"), ("zero", "0"), ("negative", "-10")]:
    cfg_case(f"user-bandwidth-{label}",
             cfg_text(change=("Bandwidth", value)).replace("= CALC", "= USER"),
             "architecture_presets.bandwidth: expected")
cfg_case("unknown-key", cfg_text(extra="[general]\n"), "section: expected each section once")
cfg_case("duplicate-key", cfg_text().replace("ArrayWidth = 16", "ArrayWidth = 16\nArrayWidth = 32"),
         "architecture_presets.arraywidth: expected")
cfg_case("key-typo", cfg_text().replace("ArrayWidth", "ArrayWidht"),
         "architecture_presets.arraywidht: expected a key of [architecture_presets]")
cfg_case("unknown-section", cfg_text(extra="[nonsense]\nx = 1\n"), "section: expected")
cfg_case("key-before-section", "ArrayHeight = 16\n" + cfg_text(),
         "expected a [section] header before any key")
cfg_case("no-separator", cfg_text().replace("ArrayHeight = 16", "ArrayHeight 16"),
         "expected 'key = value' or 'key: value'")
cfg_case("unclosed-section", cfg_text().replace("[general]", "[general"), "section: expected")
cfg_case("empty", "", "expected a value")
# Every problem of a .cfg is reported, not only the first (issue 13).
cfg_case("three-problems",
         cfg_text(change=("ArrayHeight", "-1")).replace("ArrayWidth = 16", "ArrayWidth = abc")
         .replace("Dataflow = ws", "Dataflow = zz"), "3 problems in")
cfg_case("three-problems-last",
         cfg_text(change=("ArrayHeight", "-1")).replace("ArrayWidth = 16", "ArrayWidth = abc")
         .replace("Dataflow = ws", "Dataflow = zz"), "architecture_presets.dataflow: expected")
cfg_case("syntax-and-value",
         cfg_text(change=("ArrayHeight", "0")).replace("[run_presets]", "[run_presets"),
         "3 problems in")
path = write("cfg", "binary-junk.cfg", bytes(range(1, 256)) * 4, mode="wb")
add("cfg/binary-junk", 2, "binary-junk.cfg", ["run", "--accel", path, "--topology", TINY])

# --- SCALE-Sim topology CSV: `run --accel edge --topology FILE.csv` ------------------------------
GEMM_HEADER = "Layer Name, M, N, K,\n"
CONV_HEADER = ("Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, "
               "Num Filter, Strides,\n")


def topo_case(name, text, fragment, code=2):
    path = write("topology", name + ".csv", text)
    add("topology/" + name, code, fragment, ["run", "--accel", EDGE, "--topology", path])


topo_case("ok-gemm", GEMM_HEADER + "fc, 8, 8, 8,\n", "", code=0)
topo_case("ok-conv", CONV_HEADER + "c1, 8, 8, 3, 3, 4, 4, 1,\n", "", code=0)
for col, index in [("M", 1), ("N", 2), ("K", 3)]:
    for label, value in [("zero", "0"), ("negative", "-8"), ("text", "big"), ("fraction", "2.5"),
                         ("huge", "2147483648"), ("empty", ""), ("nan", "nan"), ("inf", "inf")]:
        cells = ["fc", "8", "8", "8"]
        cells[index] = value
        topo_case(f"gemm-{col}-{label}", GEMM_HEADER + ", ".join(cells) + ",\n",
                  f":2: {col}: expected a whole number from 1 to 2147483647"
                  if not (label == "empty" and col == "K") else ":2: row: expected 4 cells")
for col, index in [("IFMAP Height", 1), ("Filter Width", 4), ("Channels", 5), ("Num Filter", 6),
                   ("Strides", 7)]:
    for label, value in [("zero", "0"), ("negative", "-1"), ("text", "x"), ("huge", "1e9")]:
        cells = ["c1", "8", "8", "3", "3", "4", "4", "1"]
        cells[index] = value
        topo_case(f"conv-{col.replace(' ', '-').lower()}-{label}",
                  CONV_HEADER + ", ".join(cells) + ",\n", f":2: {col}: expected a whole number")
topo_case("conv-filter-larger", CONV_HEADER + "c1, 4, 4, 5, 3, 4, 4, 1,\n",
          ":2: Filter Height: expected at most IFMAP Height (4, no padding), found 5")
topo_case("gemm-too-many-macs", GEMM_HEADER + "fc, 2147483647, 2147483647, 2147483647,\n",
          ":2: M*N*K: expected a layer whose size fits in 64 bits")
topo_case("depthwise-too-many-macs",
          CONV_HEADER + "DP1, 2147483647, 2147483647, 1, 1, 2147483647, 1, 1,\n",
          "M*N*K")
topo_case("gemm-short-row", GEMM_HEADER + "fc, 8, 8,\n", ":2: row: expected 4 cells")
topo_case("gemm-long-row", GEMM_HEADER + "fc, 8, 8, 8, 8,\n", ":2: row: expected 4 cells")
topo_case("conv-short-row", CONV_HEADER + "c1, 8, 8, 3,\n", ":2: row: expected 8 or 9 cells")
topo_case("empty-name", GEMM_HEADER + ", 8, 8, 8,\n", ":2: name: expected a layer name")
topo_case("bad-header", "a, b, c\n1, 2, 3\n", ":1: header: expected a SCALE-Sim topology header")
topo_case("header-only", GEMM_HEADER, "expected at least one layer row, found only the header")
topo_case("empty", "", "expected a SCALE-Sim topology CSV, found an empty file")
# Every bad cell of every row is reported, not only the first (issue 13).
topo_case("three-problems", CONV_HEADER + "c1, 0, 4, 3, 3, 4, 4, 1,\nc2, 4, x, 3, 3, 3, 4, 1,\n"
          "c3, 8, 8, 3, 3, 4, 4, -1,\n", "3 problems in")
topo_case("three-problems-last", CONV_HEADER + "c1, 0, 4, 3, 3, 4, 4, 1,\nc2, 4, x, 3, 3, 3, 4, 1,\n"
          "c3, 8, 8, 3, 3, 4, 4, -1,\n", ":4: Strides: expected a whole number")
topo_case("two-cells-one-row", GEMM_HEADER + "fc, 0, 8, x,\n", ":2: K: expected a whole number")
# A run too long for the model's clock (7.2e18 MACs on 16 x 16) is the pair's problem: the
# topology is named, not only the config.
path = write("topology", "huge-channels.csv",
             CONV_HEADER + "c1, 4, 4, 3, 3, 1000000000, 200000000, 1,\n")
add("topology/huge-channels-with-cfg", 2, "huge-channels.csv: too long a run for this accelerator",
    ["run", "--accel", "tests/data/bad/corpus/cfg/ok-base.cfg", "--topology", path])
topo_case("only-blank-lines", "\n\n  \n", "found an empty file")
path = write("topology", "binary-junk.csv", bytes(range(1, 256)) * 4, mode="wb")
add("topology/binary-junk", 2, "header: expected", ["run", "--accel", EDGE, "--topology", path])

# --- Files that are not regular files, or not there ----------------------------------------------
# --accel picks its reader by extension, so its special files carry one: a committed symbolic link
# to /dev/zero, a FIFO the test creates, a directory.
FILES = os.path.join(ROOT, "files")
os.makedirs(FILES, exist_ok=True)
for ext in ["yaml", "cfg", "csv", "jsonl", "json", "onnx"]:
    os.symlink("/dev/zero", os.path.join(FILES, f"zero.{ext}"))
    os.makedirs(os.path.join(FILES, f"directory.{ext}"), exist_ok=True)
    write("files", f"directory.{ext}/README", "A directory named like an input file.\n")


def specials(ext):
    return [("dev-zero", f"{FILES}/zero.{ext}", "found a character device"),
            ("directory", f"{FILES}/directory.{ext}", "found a directory"),
            ("fifo", "{fifo}." + ext, "found a FIFO"),
            ("missing", f"tests/data/no-such-file.{ext}", "found no such file"),
            ("non-utf8-name", f"tests/data/\\xff\\xfe.{ext}", "found no such file"),
            ("through-a-file", f"README.md/x.{ext}",
             "a path through something that is not a directory")]


for label, special, fragment in specials("yaml"):
    add(f"files/accel-{label}", 2, fragment, ["run", "--accel", special, "--topology", TINY])
    add(f"files/run-{label}", 2, fragment, ["compute", "--run", special])
    add(f"files/train-run-{label}", 2, fragment, ["train", "--accel", EDGE, "--run", special])
    add(f"files/gpu-{label}", 2, fragment,
        ["compute", "--device", special, "--devices", "1", "--days", "1"])
for label, special, fragment in specials("cfg"):
    add(f"files/cfg-{label}", 2, fragment, ["run", "--accel", special, "--topology", TINY])
for label, special, fragment in specials("csv"):
    add(f"files/topology-{label}", 2, fragment, ["run", "--accel", EDGE, "--topology", special])
# --network takes a trace (.jsonl), a torch.profiler trace (.json) or an ONNX model by extension.
for ext in ["jsonl", "json", "onnx"]:
    for label, special, fragment in specials(ext):
        add(f"files/network-{ext}-{label}", 2, fragment,
            ["run", "--accel", EDGE, "--network", special])
for label, special in [("dev-zero", "/dev/zero"), ("directory", "tests/data"),
                       ("fifo", "{fifo}")]:
    add(f"files/accel-{label}-no-extension", 2,
        "--accel: expected a Headroom .yaml or a SCALE-Sim .cfg file, found no extension",
        ["run", "--accel", special, "--topology", TINY])
    # Without .yaml, --device is a name to look up, never a file to open.
    add(f"files/gpu-{label}-as-name", 2, "device: expected a device in configs/gpus",
        ["compute", "--device", special, "--devices", "1", "--days", "1"])
    add(f"files/topology-{label}-no-extension", 2, "found a",
        ["run", "--accel", EDGE, "--topology", special])
path = write("accel", "wrong-kind.yaml", "Layer Name, M, N, K,\nfc, 1, 1, 1,\n")
add("files/csv-as-accel", 2, "(top level): expected a map",
    ["run", "--accel", path, "--topology", TINY])

# --- Trace files: `run --accel edge --network FILE.jsonl` (docs/layer-ir.md) ---------------------
TRACE_HEADER = ('{"format":"headroom-trace","version":1,"network":"t","batch":1,'
                '"mode":"inference","precision":"fp16","ops":2}')
TRACE_GEMM = '{"layer":"fc","phase":"forward","kind":"gemm","m":64,"n":32,"k":16}'
TRACE_RELU = ('{"layer":"relu","phase":"forward","kind":"vector","vector_kind":"activation",'
              '"elements":2048,"input_elements":2048,"ops":2048,"bytes":8192}')


def trace_case(name, lines, fragment, code=2, extra=()):
    path = write("trace", name + ".jsonl", "".join(line + "\n" for line in lines))
    add("trace/" + name, code, fragment, ["run", "--accel", EDGE, "--network", path, *extra])


trace_case("ok", [TRACE_HEADER, TRACE_GEMM, TRACE_RELU], "", code=0)
trace_case("version-2", [TRACE_HEADER.replace('"version":1', '"version":2'), TRACE_GEMM,
                         TRACE_RELU], ".jsonl:1: version: expected version 1")
trace_case("version-missing", [TRACE_HEADER.replace('"version":1,', ""), TRACE_GEMM, TRACE_RELU],
           ".jsonl:1: version: expected the format version, found the key missing")
trace_case("not-a-trace", [TRACE_GEMM, TRACE_RELU],
           '.jsonl:1: format: expected "headroom-trace" on the first line')
for dim, written in [("m", "64"), ("n", "32"), ("k", "16")]:
    for label, value in [("zero", "0"), ("negative", "-16"), ("fraction", "1.5"), ("text", '"8"'),
                         ("huge", "18446744073709551616"), ("null", "null")]:
        trace_case(f"gemm-{dim}-{label}",
                   [TRACE_HEADER, TRACE_GEMM.replace(f'"{dim}":{written}', f'"{dim}":{value}'),
                    TRACE_RELU], f".jsonl:2: {dim}: expected a positive integer")
    trace_case(f"gemm-{dim}-misspelt",
               [TRACE_HEADER, TRACE_GEMM.replace(f'"{dim}":', f'"{dim.upper()}":'), TRACE_RELU],
               f".jsonl:2: {dim.upper()}: expected a key of a GEMM op")
trace_case("gemm-k-absent", [TRACE_HEADER, TRACE_GEMM.replace(',"k":16', ""), TRACE_RELU],
           ".jsonl:2: k: expected a positive integer, found the key missing")
trace_case("gemm-too-many-macs",
           [TRACE_HEADER, TRACE_GEMM.replace('"m":64', '"m":4294967296,"count":4294967296'),
            TRACE_RELU], ".jsonl:2: expected counts whose products fit in 64 bits")
trace_case("vector-elements-zero", [TRACE_HEADER, TRACE_GEMM,
                                    TRACE_RELU.replace('"elements":2048', '"elements":0')],
           ".jsonl:3: elements: expected a positive integer, found '0'")
trace_case("vector-bytes-stale", [TRACE_HEADER, TRACE_GEMM, TRACE_RELU.replace("8192", "4096")],
           ".jsonl:3: bytes: expected 8192")
trace_case("vector-kind-unknown", [TRACE_HEADER, TRACE_GEMM,
                                   TRACE_RELU.replace('"activation"', '"conv"')],
           ".jsonl:3: vector_kind: expected one of elementwise")
trace_case("kind-unknown", [TRACE_HEADER, TRACE_GEMM.replace('"gemm"', '"conv"'), TRACE_RELU],
           ".jsonl:2: kind: expected gemm or vector, found 'conv'")
trace_case("backward-in-inference", [TRACE_HEADER, TRACE_GEMM.replace("forward", "backward_data"),
                                     TRACE_RELU], ".jsonl:2: phase: expected forward")
trace_case("training-without-optimizer",
           [TRACE_HEADER.replace("inference", "training"), TRACE_GEMM, TRACE_RELU],
           ".jsonl:1: optimizer: expected a string, found the key missing")
trace_case("inference-run-as-training", [TRACE_HEADER, TRACE_GEMM, TRACE_RELU],
           "mode: expected a training trace for --training", extra=["--training"])
trace_case("truncated-mid-line", [TRACE_HEADER, TRACE_GEMM, TRACE_RELU[:40]],
           ".jsonl:3: expected one JSON object per line, found malformed JSON")
trace_case("truncated-at-a-line", [TRACE_HEADER, TRACE_GEMM],
           ".jsonl:2: ops: expected 2 ops, as the header's `ops` says, found 1 (is the file")
trace_case("extra-op", [TRACE_HEADER, TRACE_GEMM, TRACE_RELU, TRACE_RELU],
           ".jsonl:4: expected 2 ops")
# A convolution's rows (depth-first chains): all seven, each >= 1, nothing else.
TRACE_CONV = ('"conv":{"in_h":8,"in_w":8,"in_c":16,"out_h":8,"out_w":8,"kernel_h":1,'
              '"stride_h":1}')
trace_case("conv-ok", [TRACE_HEADER, TRACE_GEMM[:-1] + "," + TRACE_CONV + "}", TRACE_RELU], "",
           code=0)
trace_case("conv-stride-zero", [TRACE_HEADER, TRACE_GEMM[:-1] + "," +
                                TRACE_CONV.replace('"stride_h":1', '"stride_h":0') + "}",
                                TRACE_RELU], ".jsonl:2: stride_h: expected a positive integer")
trace_case("conv-out-h-missing", [TRACE_HEADER, TRACE_GEMM[:-1] + "," +
                                  TRACE_CONV.replace('"out_h":8,', "") + "}", TRACE_RELU],
           ".jsonl:2: out_h: expected a positive integer, found the key missing")
trace_case("conv-key-unknown", [TRACE_HEADER, TRACE_GEMM[:-1] + "," +
                                TRACE_CONV.replace('"kernel_h"', '"kernel_w"') + "}", TRACE_RELU],
           ".jsonl:2: kernel_w: expected a key of a GEMM's conv")
trace_case("conv-not-an-object", [TRACE_HEADER, TRACE_GEMM[:-1] + ',"conv":3}', TRACE_RELU],
           ".jsonl:2: conv: expected an object of the convolution's rows")
FUSED_HEADER = TRACE_HEADER.replace('"ops":2', '"fused":true,"batchnorms_folded":0,"ops_fused":1,'
                                                 '"pools_fused":0,"ops":2')
FUSED_RELU = TRACE_RELU[:-1] + ',"fused":true}'
trace_case("fused-ok", [FUSED_HEADER, TRACE_GEMM, FUSED_RELU], "", code=0)
trace_case("fused-not-a-bool", [TRACE_HEADER, TRACE_GEMM, TRACE_RELU[:-1] + ',"fused":"yes"}'],
           ".jsonl:3: fused: expected true or false, found '\"yes\"'")
trace_case("header-fused-not-a-bool", [TRACE_HEADER.replace('"ops":2', '"fused":1,"ops":2'),
                                       TRACE_GEMM, TRACE_RELU],
           ".jsonl:1: fused: expected true or false, found '1'")
trace_case("fused-op-in-naive-trace", [TRACE_HEADER, TRACE_GEMM, FUSED_RELU],
           ".jsonl:3: fused: expected a fused op only in a fused trace")
trace_case("fused-gemm", [FUSED_HEADER, TRACE_GEMM[:-1] + ',"fused":true}', FUSED_RELU],
           ".jsonl:2: fused: expected a key of a GEMM op")
trace_case("fusion-counts-without-fused",
           [TRACE_HEADER.replace('"ops":2', '"ops_fused":1,"ops":2'), TRACE_GEMM, TRACE_RELU],
           ".jsonl:1: ops_fused: expected fusion counts only with")
trace_case("fused-count-negative", [FUSED_HEADER.replace('"ops_fused":1', '"ops_fused":-1'),
                                    TRACE_GEMM, FUSED_RELU],
           ".jsonl:1: ops_fused: expected an integer >= 0, found '-1'")
trace_case("fused-training", [TRACE_HEADER.replace('"inference"', '"training","optimizer":"sgd"')
                              .replace('"ops":2', '"fused":true,"ops":2'), TRACE_GEMM, TRACE_RELU],
           ".jsonl:1: fused: expected no fused: true in a training trace", extra=["--training"])
trace_case("fused-run-with-no-fuse", [FUSED_HEADER, TRACE_GEMM, FUSED_RELU],
           ".jsonl:1: fused: expected a naive graph for --no-fuse", extra=["--no-fuse"])
trace_case("not-json", [TRACE_HEADER, "fc, 64, 32, 16", TRACE_RELU],
           ".jsonl:2: expected one JSON object per line, found malformed JSON")
trace_case("array-line", [TRACE_HEADER, "[1, 2]", TRACE_RELU],
           ".jsonl:2: expected one JSON object per line, found a JSON array")
LONG_LINE = TRACE_GEMM[:-1] + ',"name":"' + "x" * 17000 + '"}'
trace_case("long-line", [TRACE_HEADER, LONG_LINE],
           f".jsonl:2: expected a line of at most 16384 bytes, found {len(LONG_LINE)} bytes")
trace_case("empty", [], "expected a trace header line, found an empty file")
path = write("trace", "binary-junk.jsonl", bytes(range(1, 256)) * 4, mode="wb")
add("trace/binary-junk", 2, ".jsonl:1: expected one JSON object per line",
    ["run", "--accel", EDGE, "--network", path])


def profile_case(name, text, fragment):
    path = write("trace", name + ".json", text)
    add("trace/" + name, 2, fragment, ["run", "--accel", EDGE, "--network", path])


MM = '{"ph":"X","cat":"cpu_op","name":"aten::mm","ts":0,"dur":5,"args":{"Input Dims":%s}}'
profile_case("profile-truncated", '{"traceEvents": [\n' + MM % "[[4,8],[8,2]]" + ",\n{\"ph\":",
             ".json:3: expected a torch.profiler Chrome-trace JSON, found malformed JSON")
profile_case("profile-negative-dim", "[" + MM % "[[4,-8],[8,2]]" + "]",
             "traceEvents[0].args.Input Dims: expected a list of shapes")
profile_case("profile-zero-dim", "[" + MM % "[[4,0],[0,2]]" + "]",
             "traceEvents[0] (aten::mm): expected input 0 of at least 2 nonzero dims")
profile_case("profile-missing-operand", "[" + MM % "[[4,8]]" + "]",
             "traceEvents[0] (aten::mm): expected input 1 of at least 2 nonzero dims in Input Dims, "
             "found no such tensor")
profile_case("profile-no-shapes", '[{"ph":"X","name":"aten::mm","ts":0,"dur":5}]',
             "found no such tensor")
profile_case("profile-only-views", '[{"ph":"X","name":"aten::view","ts":0,"dur":5}]',
             "expected at least one op with shapes")
profile_case("profile-not-events", '{"traceEvents": 3}', "traceEvents: expected a list of trace")

# --- Sizes whose counts exceed 64 bits (issue 13: these printed wrapped-around MACs) -------------
for name, args, fragment in [
    ("resnet50-image-size", ["--image-size", "4000000000"],
     "resnet50 at batch 1, image size 4000000000: "),
    ("resnet50-batch-and-size", ["--batch", "100000", "--image-size", "100000"], "would exceed 2^64 - 1"),
    ("vgg16-image-size", ["--image-size", "3000000000"], "would exceed 2^64 - 1"),
    ("alexnet-image-size", ["--image-size", "18446744073709551615"], "would exceed 2^64 - 1"),
    ("mobilenet-image-size", ["--image-size", "9000000000"], "would exceed 2^64 - 1"),
]:
    net = name.split("-")[0].replace("mobilenet", "mobilenet_v2")
    add(f"overflow/{name}", 2, fragment, ["models", "show", net, *args])
for net, batch in [("gpt3_175b", "100000000"), ("palm_540b", "10000000"),
                   ("llama3_405b", "100000000"), ("bert_large", "18446744073709551615"),
                   ("gpt2_small", "10000000000000")]:
    add(f"overflow/{net}-batch", 2, f"{net} at batch {batch}: ",
        ["models", "show", net, "--batch", batch])
add("overflow/gpt3-json", 2, "MACs would exceed 2^64 - 1",
    ["models", "show", "gpt3_175b", "--batch", "100000000", "--json"])

# --- Trend tables: `trends fit --data FILE.csv` (issue 12) ----------------------------------------
HEAD = "System,Publication date,Training compute (FLOP)\n"
for name, text, fragment in [
    ("no-date-column", "System,Training compute (FLOP)\nA,1e17\nB,1e18\nC,1e19\n",
     "header: expected a column named 'Publication date', found no such column"),
    ("no-compute-column", "System,Publication date\nA,2012-01-01\nB,2013-01-01\n",
     "expected a column named 'Training compute (FLOP)' or 'Training compute (FLOPs)'"),
    ("text-compute", HEAD + "A,2012-01-01,1e17\nB,2013-01-01,a lot\nC,2014-01-01,1e19\n",
     ":3: Training compute (FLOP): expected a positive number (training compute), found \"a lot\""),
    ("negative-compute", HEAD + "A,2012-01-01,1e17\nB,2013-01-01,-1e18\n",
     ":3: Training compute (FLOP): expected a positive number"),
    ("one-row", HEAD + "A,2012-01-01,1e17\n",
     "expected at least 2 systems with a date and a training compute, found 1"),
    ("header-only", HEAD, "found 0"),
    ("empty", "", "expected a header row and systems, found no rows"),
    ("one-date", HEAD + "A,2012-01-01,1e17\nB,2012-01-01,1e18\nC,2012-01-01,1e19\n",
     "expected systems on at least 2 different dates, found every system on 2012-01-01"),
    ("unclosed-quote", HEAD + "\"A,2012-01-01,1e17\nB,2013-01-01,1e18\n",
     "expected a closing quote"),
]:
    path = write("trends", name + ".csv", text)
    add(f"trends/{name}", 2, fragment, ["trends", "fit", "--data", path])
GOOD = write("trends", "ok-four.csv", HEAD + "A,2012-01-01,1e17\nB,2013-01-01,1e18\n"
             "C,2014-01-01,1e19\nD,2015-01-01,3e19\n")
add("trends/ok-four", 0, "", ["trends", "fit", "--data", GOOD, "--from", "2012-01-01"])
for i, (args, fragment) in enumerate([
    (["--from", "2012-13-01"], "--from: expected a date YYYY-MM-DD, found \"2012-13-01\""),
    (["--to", "yesterday"], "--to: expected a date YYYY-MM-DD"),
    (["--where", "System = 'A'"], "expected COLUMN == 'value'"),
    (["--where", "Sytem == 'A'"], "no column 'Sytem' (did you mean System?)"),
    (["--where", "System == A"], "found an unquoted value"),
    (["--from", "2014-06-01"], "expected at least 3 systems to fit, found 1"),
    (["--bootstrap", "0"], "--bootstrap"),
    (["--era", "modern"], "--era"),
    (["--era", "large-scale", "--from", "2012-01-01"], "expected --era or --from/--to, found both"),
    (["--large-scale", "tests/data/bad/corpus/trends/no-such.csv"], "no-such.csv: table: expected a CSV file, found no file"),
]):
    add(f"trends/flags-{i:02d}", 2, fragment, ["trends", "fit", "--data", GOOD, *args])

# --- Flags -----------------------------------------------------------------------------------------
for i, (args, fragment) in enumerate([
    (["models", "show", "resnet5"], "unknown network 'resnet5'"),
    (["models", "show", "resnet50", "--batch", "0"], "--batch"),
    (["models", "show", "resnet50", "--image-size", "x"], "--image-size"),
    (["models", "show", "gpt2_small", "--seq-len", "100000"], "--seq-len: expected 1..1024"),
    (["run", "--batch", "nan", "--network", "resnet18"], "--batch"),
    (["run", "--batch", "1e3", "--network", "resnet18"], "--batch"),
    (["run", "--network", "resnet18", "--precision", "fp7"], "fp7"),
    (["run", "--network", "nosuchnet"], "unknown network 'nosuchnet'"),
    (["run", "--network", "resnet18", "--topology", TINY], "--topology"),
    (["run", "--accel", EDGE], "expected --network NAME or --topology FILE, found neither"),
    (["compare", "--accel", EDGE, "--gpu", "nosuchgpu", "--network", "resnet18"],
     "found \"nosuchgpu\""),
    (["compare", "--gpu", "a100", "--network", "resnet18", "--gpu-precision", "fp7"],
     "--gpu-precision: expected one of"),
    (["compare", "--gpu", "a100", "--network", "resnet18", "--framework", "jit"],
     "--framework: expected one of none, graph, eager"),
    (["compare", "--accel", EDGE + ":fp16", "--network", "resnet18"],
     "a precision suffix on a device only"),
    (["run", "--accel", EDGE, "--network", "resnet18", "--precision", "tf32"],
     "for an accelerator"),
    # issue 13: each of these once gave a number resting on a nonsense flag.
    (["train", "--accel", EDGE, "--run", "configs/runs/alexnet.yaml", "--link-gbps", "nan"],
     "--link-bandwidth/--link-gbps: expected a bandwidth"),
    (["train", "--accel", EDGE, "--run", "configs/runs/alexnet.yaml", "--pue", "inf"],
     "--pue: expected a finite number >= 0, found 'inf'"),
    (["train", "--accel", EDGE, "--run", "configs/runs/alexnet.yaml", "--wafer-cost", "1000",
      "--defect-density", "-1"], "--defect-density: expected a finite number >= 0, found '-1'"),
    (["train", "--accel", EDGE, "--run", "configs/runs/alexnet.yaml", "--chips", "-1"],
     "--chips: expected a whole number >= 1, found '-1'"),
    (["train", "--accel", EDGE, "--run", "configs/runs/alexnet.yaml", "--global-batch", "0"],
     "--global-batch: expected a whole number >= 1, found '0'"),
    (["models", "show", "resnet50", "--batch", "-1"], "--batch: expected a whole number >= 1"),
    # CLI11's own conversion made 2^64 into 2^64 - 1 without a word.
    (["models", "show", "resnet50", "--image-size", "18446744073709551616"],
     "--image-size: expected a whole number from 1 to 2^64 - 1, found '18446744073709551616'"),
    (["models", "show", "resnet50", "--batch", "99999999999999999999999"],
     "--batch: expected a whole number from 1 to 2^64 - 1"),
    # Two bad targets: both are reported.
    (["compare", "--accel", "tests/data/bad/corpus/accel/clock-nan.yaml", "--accel",
      "tests/data/bad/corpus/accel/array-rows-negative.yaml", "--gpu", "a100", "--network",
      "alexnet"], "2 targets have problems"),
    (["compare", "--accel", "tests/data/bad/corpus/accel/clock-nan.yaml", "--gpu",
      "nosuchgpu", "--network", "alexnet"], "found \"nosuchgpu\""),
    # Found by the onnx fuzz target: a Shape node after a misspelt op crashed ONNX's own shape
    # inference (SEGV, exit 139).
    (["models", "show", "tests/data/fuzz/onnx/shape-after-unknown-op-segv.onnx", "--dim",
      "batch=2,seq=16"], "expected an op Headroom maps"),
    # Found by the onnx fuzz target: a Conv without kernel_shape on an input of lower rank than
    # its weight crashed ONNX's own shape inference (SEGV, exit 139).
    (["models", "show", "tests/data/fuzz/onnx/conv-input-rank-below-weight-segv.onnx", "--dim",
      "batch=2,seq=16"], "node 'conv' (Conv)"),
    # An unknown command is named, with the commands there are.
    (["nosuchcommand"], "command: expected one of models, compute, run"),
    (["rnu", "--network", "alexnet"], "found 'rnu'; did you mean run?"),
    # INT4 (issue 16): an unknown width, and INT4 on an array without it.
    (["run", "--accel", EDGE, "--network", "resnet18", "--precision", "int3"],
     "--precision: expected one of"),
    (["compare", "--accel", EDGE, "--network", "resnet18", "--precision", "int3"],
     "--precision: expected one of"),
    (["run", "--accel", EDGE, "--network", "resnet18", "--precision", "int4"],
     "a precision the array of"),
]):
    add(f"flags/{i:02d}-" + "-".join(a.strip("-") for a in args[:3]).replace("/", "_"), 2,
        fragment, args)


# --- On-device additions (issue 16): width multiplier, --rate/--battery, post_processing -------
AE = ["run", "--accel", EDGE, "--network", "ad_autoencoder"]
for name, args, fragment in [
    ("width-zero", ["models", "show", "mobilenet_v1", "--width-multiplier", "0"],
     "--width-multiplier: expected a width multiplier of mobilenet_v1 in [1/32, 4]"),
    ("width-huge", ["models", "show", "mobilenet_v1", "--width-multiplier", "1e300"],
     "--width-multiplier: expected a width multiplier"),
    ("width-on-resnet", ["models", "show", "resnet50", "--width-multiplier", "0.5"],
     "--width-multiplier: expected a network with a width multiplier"),
    ("rate-text", [*AE, "--rate", "fast"], "--rate: expected a positive rate"),
    ("rate-zero", [*AE, "--rate", "0/s"], "--rate: expected a positive rate"),
    ("rate-unsustainable", [*AE, "--rate", "1e12/s"], "--rate: expected at most"),
    ("battery-mah", [*AE, "--rate", "10/s", "--battery", "1000mAh"],
     "--battery: expected a positive energy"),
]:
    add(f"edge/{name}", 2, fragment, args)
for label, pp, fragment in [
    ("pp-zero", {"elements_per_cycle": "0"},
     "post_processing.elements_per_cycle: expected an integer from 1 to 65536"),
    ("pp-missing-rate", {"pooling": "true"}, "post_processing.elements_per_cycle"),
    ("pp-pooling-text", {"elements_per_cycle": "4", "pooling": "maybe"}, "post_processing.pooling"),
    ("pp-typo", {"elements_per_cycles": "4"}, "post_processing.elements_per_cycles"),
]:
    accel_case(label, emit({**ACCEL, "post_processing": pp}), fragment)
accel_case("power-budget-text", emit({**ACCEL, "power_budget": "hot"}),
           'power_budget: expected a power such as "700 W"')
# A valid budget is a known top-level key (it was once refused as an unknown key).
accel_case("power-budget-ok", emit({**ACCEL, "power_budget": '"2 W"'}), "", code=0)


def main():
    names = set()
    with open(os.path.join(ROOT, "manifest.tsv"), "w") as f:
        f.write("# Written by scripts/make_bad_corpus.py; name, exit, fragment, arguments.\n")
        for name, code, fragment, args in cases:
            # The test names each case with [A-Za-z0-9_] only; those must stay unique too.
            test_name = "".join(ch if ch.isalnum() else "_" for ch in name)
            assert test_name not in names, name
            names.add(test_name)
            f.write("\t".join([name, str(code), fragment, *args]) + "\n")
    print(f"{len(cases)} cases in {ROOT}/manifest.tsv")


if __name__ == "__main__":
    main()
