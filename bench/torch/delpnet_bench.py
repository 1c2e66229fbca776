#!/usr/bin/python3
"""DelpNet inference: delp (pure Java) vs PyTorch on the CPU, same weights, same batch, same threads.

Reads a delp `.dlpw` weights file (spec: nn/FORMAT.md), builds the same network in PyTorch from
the file's own layer lines (eval mode, batch-norm running statistics), checks PyTorch's class
probabilities against delp's on a seeded batch (written by dev.delp.bench.peers.DelpNetReference),
then measures patches/s for PyTorch (eager, eager channels_last, TorchScript frozen) and for delp
(JMH benchmark dev.delp.bench.peers.DelpNetVsTorchBench, which re-checks delp against PyTorch's
probabilities in its set-up) with 1 and 2 threads, interleaved so both see the same machine load.

Run it through bench/run-torch.sh, which builds the bench jar and passes --jar.
Needs Debian's python3-torch (1.13) and numpy for /usr/bin/python3. Never run in tests or CI.
"""
import argparse
import json
import os
import platform
import struct
import subprocess
import sys
import time
import zlib

import numpy as np
import torch
import torch.nn as nn

PATCH = 84
CLASSES = 12
# Probability tolerance delp vs PyTorch: both compute in float32 but sum the up-to-576 products of
# each convolution output in different orders (im2col+GEMM vs oneDNN), a few ulp (~1e-6 relative)
# per layer; through 4 conv/batch-norm layers and a softmax the probabilities move by < 1e-5 in
# practice. 1e-4 leaves margin and still fails on any wrongly applied layer (>= 1e-2 effects).
TOLERANCE = 1e-4


# ---- .dlpw reader (nn/FORMAT.md) ------------------------------------------------------------

class FormatError(Exception):
    pass


def read_dlpw(path, limit=64 << 20):
    size = os.path.getsize(path)
    if size > limit:
        raise FormatError(f"{path}: {size} bytes exceeds the {limit}-byte limit")
    b = open(path, "rb").read()
    if len(b) < 20:
        raise FormatError(f"{path}: truncated ({len(b)} bytes)")
    if b[:4] != b"DLPW":
        raise FormatError(f"{path}: bad magic {b[:4]!r}")
    (version,) = struct.unpack_from("<i", b, 4)
    if version != 1:
        raise FormatError(f"{path}: version {version}, expected 1")
    (h,) = struct.unpack_from("<i", b, 8)
    if not 0 <= h <= min(1 << 20, len(b) - 20):
        raise FormatError(f"{path}: header length {h} outside 0..{min(1 << 20, len(b) - 20)}")
    if zlib.crc32(b[:-4]) != struct.unpack_from("<I", b, len(b) - 4)[0]:
        raise FormatError(f"{path}: CRC-32 mismatch")
    header = {}
    for line in b[12:12 + h].decode("utf-8").split("\n"):
        if line:
            if "=" not in line:
                raise FormatError(f"{path}: header line without '=': {line!r}")
            k, v = line.split("=", 1)
            header[k] = v
    pos = 12 + h
    (count,) = struct.unpack_from("<i", b, pos)
    pos += 4
    if not 0 <= count <= 4096:
        raise FormatError(f"{path}: tensor count {count} outside 0..4096")
    tensors = {}
    end = len(b) - 4
    for _ in range(count):
        (n,) = struct.unpack_from("<i", b, pos)
        if not 1 <= n <= 256 or pos + 4 + n > end:
            raise FormatError(f"{path}: tensor name length {n} outside 1..256 or past the end")
        name = b[pos + 4:pos + 4 + n].decode("utf-8")
        pos += 4 + n
        (r,) = struct.unpack_from("<i", b, pos)
        if not 1 <= r <= 4:
            raise FormatError(f"{path}: tensor {name} rank {r} outside 1..4")
        dims = struct.unpack_from("<%di" % r, b, pos + 4)
        pos += 4 + 4 * r
        if min(dims) < 1:
            raise FormatError(f"{path}: tensor {name} dims {dims}")
        size = int(np.prod(dims))
        if pos + 4 * size > end:
            raise FormatError(f"{path}: tensor {name} {dims} needs {4 * size} bytes, {end - pos} left")
        t = np.frombuffer(b, "<f4", size, pos).reshape(dims).copy()
        if not np.isfinite(t).all():
            raise FormatError(f"{path}: tensor {name} holds NaN or infinity")
        tensors[name] = t
        pos += 4 * size
    if pos != end:
        raise FormatError(f"{path}: {end - pos} trailing bytes before the CRC")
    return header, tensors


def layer_args(line):
    parts = line.split()
    return parts[0], dict(p.split("=", 1) for p in parts[1:])


def build_torch(header, tensors):
    """The network the header's layer lines describe, with the file's tensors, in eval mode."""
    c, hgt, wid = int(header["input.channels"]), int(header["input.height"]), int(header["input.width"])
    layers = []
    used = set()

    def take(name, shape):
        t = tensors.get(name)
        if t is None or tuple(t.shape) != tuple(shape):
            raise FormatError(f"tensor {name}: have {None if t is None else t.shape}, need {tuple(shape)}")
        used.add(name)
        return torch.from_numpy(t)

    for i in range(int(header["layers"])):
        kind, a = layer_args(header[f"layer.{i}"])
        if kind == "space_to_depth":
            blk = int(a["block"])
            # FORMAT.md: out channel (c*b + dy)*b + dx = in c at (i*b+dy, j*b+dx); PixelUnshuffle's order.
            layers.append(nn.PixelUnshuffle(blk))
            c, hgt, wid = c * blk * blk, hgt // blk, wid // blk
        elif kind == "conv2d":
            o, k, s, p, d = (int(a[x]) for x in ("out", "k", "stride", "pad", "dilation"))
            bias = a["bias"] == "true"
            conv = nn.Conv2d(c, o, k, stride=s, padding=p, dilation=d, bias=bias)
            with torch.no_grad():
                conv.weight.copy_(take(f"{i}.weight", (o, c, k, k)))
                if bias:
                    conv.bias.copy_(take(f"{i}.bias", (o,)))
            layers.append(conv)
            c, hgt, wid = o, (hgt + 2 * p - d * (k - 1) - 1) // s + 1, (wid + 2 * p - d * (k - 1) - 1) // s + 1
        elif kind == "batchnorm":
            bn = nn.BatchNorm2d(c, eps=float(a["eps"]))
            with torch.no_grad():
                bn.weight.copy_(take(f"{i}.gamma", (c,)))
                bn.bias.copy_(take(f"{i}.beta", (c,)))
                bn.running_mean.copy_(take(f"{i}.running_mean", (c,)))
                bn.running_var.copy_(take(f"{i}.running_var", (c,)))
            layers.append(bn)
        elif kind == "relu":
            layers.append(nn.ReLU())
        elif kind == "maxpool":
            k, s = int(a["k"]), int(a["stride"])
            layers.append(nn.MaxPool2d(k, s))
            hgt, wid = (hgt - k) // s + 1, (wid - k) // s + 1
        elif kind == "globalavgpool":
            layers.append(nn.AdaptiveAvgPool2d(1))
            hgt = wid = 1
        elif kind == "dropout":
            layers.append(nn.Dropout(float(a["rate"])))
        elif kind == "dense":
            o = int(a["out"])
            n_in = c * hgt * wid
            layers.append(nn.Flatten())
            lin = nn.Linear(n_in, o)
            with torch.no_grad():
                lin.weight.copy_(take(f"{i}.weight", (o, n_in)))
                lin.bias.copy_(take(f"{i}.bias", (o,)))
            layers.append(lin)
            c, hgt, wid = o, 1, 1
        else:
            raise FormatError(f"layer {i}: unknown kind {kind!r}")
    extra = set(tensors) - used
    if extra:
        raise FormatError(f"tensors not used by the architecture: {sorted(extra)}")
    if c * hgt * wid != CLASSES:
        raise FormatError(f"network ends with {c}x{hgt}x{wid}, expected {CLASSES} logits")
    return nn.Sequential(*layers).eval()


def normalise(x, std_floor):
    """FORMAT.md zscore per patch: mean/std in double, then (x - (float)mean) * (float)(1/std) in float."""
    xd = x.double()
    mean = xd.mean(dim=(1, 2, 3), keepdim=True)
    var = ((xd * xd).mean(dim=(1, 2, 3), keepdim=True) - mean * mean).clamp_min(0)
    std = torch.maximum(var.sqrt(), std_floor * mean.abs().clamp_min(1))
    return (x - mean.float()) * (1 / std).float()


def read_batch(path):
    b = open(path, "rb").read()
    if b[:4] != b"DLPB":
        raise FormatError(f"{path}: not a DLPB batch file")
    n, side, classes = struct.unpack_from("<3i", b, 4)
    want = 16 + 4 * (n * side * side + n * classes)
    if len(b) != want:
        raise FormatError(f"{path}: n={n} side={side} classes={classes} needs {want} bytes, has {len(b)}")
    inputs = np.frombuffer(b, "<f4", n * side * side, 16).reshape(n, 1, side, side).copy()
    probs = np.frombuffer(b, "<f4", n * classes, 16 + 4 * n * side * side).reshape(n, classes).copy()
    return inputs, probs


def write_batch(path, inputs, probs):
    n, _, side, _ = inputs.shape
    with open(path + ".tmp", "wb") as f:
        f.write(b"DLPB" + struct.pack("<3i", n, side, probs.shape[1]))
        f.write(inputs.astype("<f4").tobytes())
        f.write(probs.astype("<f4").tobytes())
    os.replace(path + ".tmp", path)


# ---- timing ---------------------------------------------------------------------------------

def time_torch(fn, x, warmup_s, rounds, round_s):
    """patches/s: mean and best over `rounds` rounds of at least round_s seconds, after warm-up."""
    n = x.shape[0]
    with torch.inference_mode():
        t_end = time.perf_counter() + warmup_s
        while time.perf_counter() < t_end:
            fn(x)
        rates = []
        for _ in range(rounds):
            calls = 0
            t0 = time.perf_counter()
            while True:
                fn(x)
                calls += 1
                dt = time.perf_counter() - t0
                if dt >= round_s:
                    break
            rates.append(calls * n / dt)
    return float(np.mean(rates)), float(np.max(rates)), float(np.std(rates))


def run_jmh(args, threads, reference, out_json):
    cmd = [args.java] + (["-Djmh.ignoreLock=true"] if args.ignore_jmh_lock else []) + [
           "-jar", args.jar, "dev.delp.bench.peers.DelpNetVsTorchBench",
           "-p", f"weights={args.weights}", "-p", f"reference={reference}", "-p", f"threads={threads}",
           "-wi", str(args.jmh_warmups), "-w", f"{args.round_seconds}s",
           "-i", str(args.rounds), "-r", f"{args.round_seconds}s", "-f", "1",
           "-rf", "json", "-rff", out_json]
    if args.jvm_args:
        cmd += ["-jvmArgsAppend", args.jvm_args]
    print("  $ " + " ".join(cmd), flush=True)
    deadline = time.time() + args.lock_wait_seconds
    while True:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        # Another JMH run holds /tmp/jmh.lock (shared machine): wait for it rather than run concurrently.
        if proc.returncode == 0 or "Unable to acquire the JMH lock" not in proc.stdout or time.time() > deadline:
            break
        print("  (another JMH run holds /tmp/jmh.lock; retrying in 15 s)", flush=True)
        time.sleep(15)
    if proc.returncode != 0:
        sys.stdout.write(proc.stdout[-4000:])
        raise SystemExit(f"JMH failed with exit code {proc.returncode}")
    results = json.load(open(out_json))
    if not results:  # JMH exits 0 when the benchmark's set-up throws (e.g. the result check failed)
        sys.stdout.write(proc.stdout[-4000:])
        raise SystemExit("JMH produced no result (set-up failed, see above)")
    res = results[0]
    m = res["primaryMetric"]
    raw = [v for fork in m["rawData"] for v in fork]
    return float(m["score"]), float(max(raw)), float(m["scoreError"]), res.get("jvm", ""), res.get("vmVersion", "")


def markdown(rows, variants):
    """The RESULTS.md table (patches/s, mean of rounds; delp: JMH score ± 99.9 % CI)."""
    out = ["| threads | " + " | ".join(variants) + " | delp (JMH) | delp / best PyTorch | delp / torch eager |",
           "|---" * (len(variants) + 4) + "|"]
    for r in rows:
        cells = [f"{r[v]['mean']:.0f}" for v in variants]
        out.append(f"| {r['threads']} | " + " | ".join(cells) + f" | {r['delp']['mean']:.0f} ± {r['delp']['error99']:.0f} | "
                   f"**{r['ratio_vs_best_torch']:.2f}×** | {r['ratio_vs_torch_eager']:.2f}× |")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--weights", required=True, help=".dlpw file")
    ap.add_argument("--jar", required=True, help="bench benchmarks.jar (holds delp and the JMH benchmark)")
    ap.add_argument("--java", default="java")
    ap.add_argument("--jvm-args", default="", help="extra JVM arguments for the JMH fork")
    ap.add_argument("--workdir", default="/tmp/delp-peers/torch")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--batch", type=int, default=64, help="must match DelpNetVsTorchBench.BATCH (64)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--warmup-seconds", type=float, default=4)
    ap.add_argument("--jmh-warmups", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--round-seconds", type=int, default=2)
    ap.add_argument("--lock-wait-seconds", type=int, default=900, help="how long to wait for another JMH run")
    ap.add_argument("--ignore-jmh-lock", action="store_true", help="run even if another JMH run is going (noisy)")
    ap.add_argument("--check-only", action="store_true", help="only the correctness check")
    ap.add_argument("--out", help="write the summary JSON here")
    args = ap.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    # Work on a private copy: the shipped weights may be replaced (training) while this runs.
    copy = os.path.join(args.workdir, "weights.dlpw")
    if os.path.abspath(args.weights) != os.path.abspath(copy):
        with open(args.weights, "rb") as src, open(copy + ".tmp", "wb") as dst:
            dst.write(src.read())
        os.replace(copy + ".tmp", copy)
    args.source_weights = os.path.abspath(args.weights)
    args.weights = copy

    header, tensors = read_dlpw(args.weights)
    if header.get("input.normalisation") != "zscore":
        raise FormatError(f"input.normalisation={header.get('input.normalisation')} is not zscore")
    std_floor = float(header["input.normalisation.std_floor"])
    model = build_torch(header, tensors)
    print(f"weights {args.source_weights} (copied to {args.weights}): {sum(t.size for t in tensors.values())} floats in {len(tensors)} tensors, "
          f"model {header.get('model')}, {header['layers']} layers")

    # 1. delp's probabilities for the seeded batch, written by Java.
    delp_batch = os.path.join(args.workdir, "delp.dlpb")
    cmd = [args.java] + (args.jvm_args.split() if args.jvm_args else []) + [
        "-cp", args.jar, "dev.delp.bench.peers.DelpNetReference", args.weights, delp_batch, str(args.batch),
        str(args.seed)]
    print("  $ " + " ".join(cmd), flush=True)
    ref_info = json.loads(subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout.strip().splitlines()[-1])
    inputs, delp_probs = read_batch(delp_batch)

    # 2. PyTorch on the same inputs (eager and TorchScript frozen), compared with delp.
    torch.set_num_threads(1)
    x = torch.from_numpy(inputs)
    with torch.inference_mode():
        logits = model(normalise(x, std_floor))
        torch_probs = torch.softmax(logits.double(), dim=1).float().numpy()
    traced = torch.jit.trace(model, normalise(x, std_floor))
    frozen = torch.jit.optimize_for_inference(torch.jit.freeze(traced.eval()))
    with torch.inference_mode():
        frozen_probs = torch.softmax(frozen(normalise(x, std_floor)).double(), dim=1).float().numpy()
    diff = float(np.abs(torch_probs - delp_probs).max())
    diff_frozen = float(np.abs(frozen_probs - delp_probs).max())
    agree = int((torch_probs.argmax(1) == delp_probs.argmax(1)).sum())
    print(f"check: max |p_torch - p_delp| = {diff:.3g} (frozen {diff_frozen:.3g}), tolerance {TOLERANCE}; "
          f"argmax agrees on {agree}/{args.batch}; max p range {delp_probs.max():.3f}")
    if not (diff <= TOLERANCE and diff_frozen <= TOLERANCE):
        raise SystemExit("FAIL: delp and PyTorch disagree")
    torch_batch = os.path.join(args.workdir, "torch.dlpb")
    write_batch(torch_batch, inputs, torch_probs)
    summary = {"check": {"maxAbsProbDiff": diff, "maxAbsProbDiffFrozen": diff_frozen, "argmaxAgree": agree,
                         "patches": args.batch, "tolerance": TOLERANCE},
               "weights": args.source_weights, "weightsCrc32": "%08x" % zlib.crc32(open(args.weights, "rb").read()[:-4]),  # the file's own CRC field (a CRC over the whole file, CRC included, is the constant residue 2144df1c)
               "torch": torch.__version__, "python": platform.python_version(), "delp": ref_info, "results": []}
    if args.check_only:
        print(json.dumps(summary))
        return

    # 3. Throughput, interleaved per thread count: PyTorch variants, then delp (JMH).
    x_cl = x.contiguous(memory_format=torch.channels_last)
    variants = {
        "torch eager": lambda t: torch.softmax(model(normalise(t, std_floor)), dim=1),
        "torch eager channels_last": lambda t: torch.softmax(
            model(normalise(t, std_floor).contiguous(memory_format=torch.channels_last)), dim=1),
        "torch jit frozen": lambda t: torch.softmax(frozen(normalise(t, std_floor)), dim=1),
    }
    for threads in [int(t) for t in args.threads.split(",")]:
        torch.set_num_threads(threads)
        row = {"threads": threads, "batch": args.batch}
        for name, fn in variants.items():
            mean, best, sd = time_torch(fn, x_cl if "channels_last" in name else x, args.warmup_seconds, args.rounds,
                                        args.round_seconds)
            row[name] = {"mean": mean, "best": best, "sd": sd}
            print(f"  {threads} thread(s) {name:28s} {mean:8.1f} patches/s (best {best:.1f}, sd {sd:.1f})", flush=True)
        score, best, err, jvm, vm = run_jmh(args, threads, torch_batch,
                                            os.path.join(args.workdir, f"jmh-{threads}.json"))
        row["delp"] = {"mean": score, "best": best, "error99": err, "jvm": jvm, "vm": vm}
        best_torch = max(row[k]["mean"] for k in variants)
        row["ratio_vs_best_torch"] = score / best_torch
        row["ratio_vs_torch_eager"] = score / row["torch eager"]["mean"]
        print(f"  {threads} thread(s) {'delp (JMH)':28s} {score:8.1f} patches/s (±{err:.1f} 99.9%)  "
              f"= {row['ratio_vs_best_torch']:.2f}x best PyTorch, {row['ratio_vs_torch_eager']:.2f}x eager", flush=True)
        summary["results"].append(row)
    print(json.dumps(summary))
    print(markdown(summary["results"], list(variants)))
    if args.out:
        with open(args.out, "w") as f:
            json.dump(summary, f, indent=1)


if __name__ == "__main__":
    main()
