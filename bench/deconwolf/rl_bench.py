#!/usr/bin/python3
"""3D Richardson-Lucy: delp vs deconwolf 0.4.7 (C + FFTW, CPU build) on deconwolf's demo stack.

Driven by bench/run-deconwolf.sh, which builds deconwolf (into the work dir, never the checkout)
and the delp bench jar, then calls this with the paths. For each thread count, interleaved so both
tools see the same machine load:
  * deconwolf `dw --method rl` (plain RL) and `--method shb` (its default, scaled heavy-ball
    acceleration), each run twice under /usr/bin/time -v: with 1 iteration and with N iterations;
    seconds per iteration = (T_N - T_1) / (N - 1), so reading, FFTW planning (wisdom is prepared
    by a warm-up run) and writing cancel out. Peak RSS from the N-iteration run.
  * delp `dev.delp.bench.peers.RlVsDeconwolf --method plain|biggs` (plain RL, Biggs-Andrews
    acceleration) under /usr/bin/time -v: seconds per iteration timed inside the JVM (mean of
    iterations 2..N; iteration 1 is reported apart, it includes JIT warm-up), peak RSS of the JVM
    process. Its result is correlated with deconwolf's float output of the matching method; the
    run fails below MIN_CORRELATION, so a broken fast path cannot post a good time.
Standard library only (no numpy needed).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

# deconwolf and delp differ in pre-processing (dw adds an offset of 5 and clamps the estimate to
# the image minimum; delp subtracts the minimum and clamps at 0) and delp pads to FFT-friendly
# sizes, so the results are not identical; after 50 iterations on the demo they correlate far
# above this (see RESULTS.md). A wrong convolution, a transposed PSF or a stalled update drops it
# well below.
MIN_CORRELATION = 0.95


class OutOfMemory(RuntimeError):
    pass


def timed(cmd, env=None, cwd=None):
    """Runs cmd under /usr/bin/time -v; returns (stdout, elapsed_s, max_rss_kib)."""
    full = ["/usr/bin/time", "-v"] + cmd
    print("  $ " + " ".join(cmd), flush=True)
    p = subprocess.run(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)
    if p.returncode != 0:
        if "java.lang.OutOfMemoryError" in p.stderr:
            raise OutOfMemory(cmd)
        sys.stdout.write(p.stdout[-3000:] + p.stderr[-3000:])
        raise RuntimeError(f"exit code {p.returncode}: {' '.join(cmd)}")
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", p.stderr)
    elapsed = (int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    return p.stdout, elapsed, rss


def dw_run(a, env, method, threads, iters, out):
    cmd = [a.dw, "--iter", str(iters), "--threads", str(threads), "--method", method, "--float", "--overwrite",
           "--out", out, a.image, a.psf]
    _, elapsed, rss = timed(cmd, env=env, cwd=a.workdir)
    log = open(out + ".log.txt").read()
    took = float(re.search(r"Took: ([\d.]+) s", log).group(1))
    job = re.search(r"job: \[(\d+)x(\d+)x(\d+)\] \((\d+) voxels\)", log)
    psf = re.search(r"^psf: \[(\d+)x(\d+)x(\d+)\]", log, re.M)
    return {"elapsed": elapsed, "took": took, "rss_kib": rss, "job": [int(job.group(i)) for i in (1, 2, 3)],
            "job_voxels": int(job.group(4)), "psf": [int(psf.group(i)) for i in (1, 2, 3)]}


def delp_run(a, method, threads, psf_crop, compare):
    """Runs delp; if the heap is too small (the engine's memory changed), grows -Xmx by 16 MiB, up to 4 times."""
    key = "delp_jvm_plain" if method == "plain" else "delp_jvm_biggs"
    for _ in range(5):
        try:
            return delp_run_once(a, getattr(a, key).split(), method, threads, psf_crop, compare)
        except OutOfMemory:
            flags = getattr(a, key).split()
            for i, f in enumerate(flags):
                if f.startswith("-Xmx") and f.endswith("m"):
                    flags[i] = "-Xmx%dm" % (int(f[4:-1]) + 16)
            print(f"  (OutOfMemoryError; retrying with {' '.join(flags)})", flush=True)
            setattr(a, key, " ".join(flags))
    raise SystemExit(f"delp {method} ran out of memory with {getattr(a, key)}")


def delp_run_once(a, flags, method, threads, psf_crop, compare):
    cmd = [a.java] + flags + ["--add-modules", "jdk.incubator.vector", "-cp", a.jar,
                              "dev.delp.bench.peers.RlVsDeconwolf", "--image", a.image, "--psf", a.psf,
                              "--psf-crop", "x".join(map(str, psf_crop)), "--method", method,
                              "--threads", str(threads), "--iterations", str(a.iterations), "--compare", compare]
    out, elapsed, rss = timed(cmd, cwd=a.workdir)
    r = json.loads(out.strip().splitlines()[-1])
    r["elapsed"] = elapsed
    r["rss_kib"] = rss
    r["jvm_flags"] = " ".join(flags)
    return r


def markdown(rows):
    """The RESULTS.md table for these rows."""
    out = ["| threads | deconwolf method | dw s/iter | dw peak RSS (B/work voxel) | delp method | delp s/iter "
           "(iter 1) | delp peak RSS (B/work voxel) | delp held B/voxel | speed dw/delp | memory delp/dw | corr |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        dw, d = r["deconwolf"], r["delp"]
        out.append(f"| {r['threads']} | {dw['method']} | {dw['s_per_iter']:.3f} | {dw['rss_mib']:.0f} MiB "
                   f"({dw['bytes_per_voxel']:.1f}) | {d['method']} | {d['s_per_iter']:.3f} ({d['first']:.2f}) | "
                   f"{d['rss_mib']:.0f} MiB ({d['bytes_per_voxel']:.1f}) | {d['held_bytes_per_voxel']:.2f} | "
                   f"**{r['speed_ratio']:.2f}×** | **{r['memory_ratio']:.2f}×** | {d['correlation']} |")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dw", required=True)
    ap.add_argument("--image", required=True)
    ap.add_argument("--psf", required=True)
    ap.add_argument("--jar", required=True)
    ap.add_argument("--java", default="java")
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--iterations", type=int, default=50)
    ap.add_argument("--methods", default="rl:plain,shb:biggs", help="deconwolf:delp pairs")
    # Small heaps with which the runs complete on this problem (session 2: plain fails at 120 MiB,
    # Biggs-Andrews at 160 MiB): RSS then reflects what delp needs, not how far the JVM lets
    # garbage accumulate (see RESULTS.md). Session 1 needed -Xmn8m -Xmx320m / -Xmx440m.
    ap.add_argument("--delp-jvm-plain", default="-XX:+UseSerialGC -Xmn4m -Xmx128m")
    ap.add_argument("--delp-jvm-biggs", default="-XX:+UseSerialGC -Xmn4m -Xmx168m")
    ap.add_argument("--out", help="summary JSON")
    a = ap.parse_args()
    for k in ("dw", "image", "psf", "jar", "workdir"):
        setattr(a, k, os.path.abspath(getattr(a, k)))
    env = dict(os.environ, HOME=os.path.join(a.workdir, "home"), NO_COLOR="1")  # dw keeps FFTW wisdom in $HOME/.config
    os.makedirs(env["HOME"], exist_ok=True)
    pairs = [p.split(":") for p in a.methods.split(",")]
    rows = []
    for threads in [int(t) for t in a.threads.split(",")]:
        # warm-up: FFTW_MEASURE planning for this size and thread count, stored as wisdom
        dw_run(a, env, "rl", threads, 1, os.path.join(a.workdir, f"dw_warmup_{threads}.tif"))
        for dw_method, delp_method in pairs:
            out = os.path.join(a.workdir, f"dw_{dw_method}_t{threads}.tif")
            one = dw_run(a, env, dw_method, threads, 1, out + ".1.tif")
            full = dw_run(a, env, dw_method, threads, a.iterations, out)
            per_iter = (full["elapsed"] - one["elapsed"]) / (a.iterations - 1)
            per_iter_took = (full["took"] - one["took"]) / (a.iterations - 1)
            d = delp_run(a, delp_method, threads, full["psf"], out)
            row = {"threads": threads, "iterations": a.iterations,
                   "deconwolf": {"method": dw_method, "s_per_iter": per_iter, "s_per_iter_took": per_iter_took,
                                 "t1": one["elapsed"], "tN": full["elapsed"], "rss_mib": full["rss_kib"] / 1024,
                                 "work": full["job"], "work_voxels": full["job_voxels"],
                                 "bytes_per_voxel": full["rss_kib"] * 1024 / full["job_voxels"], "psf": full["psf"]},
                   "delp": {"method": delp_method, "s_per_iter": d["meanIterS"], "median": d["medianIterS"],
                            "first": d["firstIterS"], "setup": d["setupS"], "rss_mib": d["rss_kib"] / 1024,
                            "work": d["work"], "work_voxels": d["workVoxels"],
                            "bytes_per_voxel": d["rss_kib"] * 1024 / d["workVoxels"],
                            "held_bytes_per_voxel": d["heldBytesPerVoxel"],
                            "allocated_mib_per_iter": d["allocatedBytesPerIter"] / 2**20,
                            "correlation": d["correlationWithDeconwolf"], "simd": d["simd"], "java": d["java"],
                            "jvm_flags": d["jvm_flags"]}}
            row["speed_ratio"] = per_iter / d["meanIterS"]
            row["memory_ratio"] = d["rss_kib"] / full["rss_kib"]
            rows.append(row)
            print(f"  {threads} thread(s) deconwolf {dw_method:3s}: {per_iter:.3f} s/iter "
                  f"(dw 'Took' diff {per_iter_took:.3f}), {full['rss_kib'] / 1024:.0f} MiB, work "
                  f"{'x'.join(map(str, full['job']))}", flush=True)
            print(f"  {threads} thread(s) delp {delp_method:5s}     : {d['meanIterS']:.3f} s/iter (median "
                  f"{d['medianIterS']:.3f}, first {d['firstIterS']:.3f}), {d['rss_kib'] / 1024:.0f} MiB, work "
                  f"{'x'.join(map(str, d['work']))}, corr {d['correlationWithDeconwolf']}  => speed "
                  f"{row['speed_ratio']:.2f}x, memory {row['memory_ratio']:.2f}x of deconwolf", flush=True)
            if not (d["correlationWithDeconwolf"] >= MIN_CORRELATION):
                raise SystemExit(f"FAIL: delp {delp_method} vs deconwolf {dw_method} correlation "
                                 f"{d['correlationWithDeconwolf']} < {MIN_CORRELATION}")
    summary = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "rows": rows}
    print(json.dumps(summary))
    print(markdown(rows))
    if a.out:
        with open(a.out, "w") as f:
            json.dump(summary, f, indent=1)


if __name__ == "__main__":
    main()
