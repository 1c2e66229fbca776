#!/usr/bin/env python3
"""Joins the JMH JSON results (delp vs JTransforms) with the FFTW harness output into one table.

usage: table.py jmh.json fftw.txt
"""
import json
import math
import sys


def main():
    jmh = json.load(open(sys.argv[1]))
    fftw = {}
    for line in open(sys.argv[2]):
        parts = line.split()
        if len(parts) == 4:
            fftw[(parts[0], parts[1], int(parts[2]))] = float(parts[3])
    rows = {}
    for r in jmh:
        name = r["benchmark"].split(".")[-2]
        p = r["params"]
        ms = r["primaryMetric"]["score"] / 1000.0  # us/op -> ms/op
        if name == "Fft1dBench":
            key = ("c1d", p["n"], 1)
        elif name == "RealFft2dBench":
            key = ("r2d", f'{p["size"]}x{p["size"]}', int(p["threads"]))
        else:
            key = ("r3d", p["shape"], int(p["threads"]))
        rows.setdefault(key, {})[p["impl"]] = ms
    order = {"r2d": 0, "r3d": 1, "c1d": 2}

    def sort_key(k):
        shape = [int(x) for x in k[1].split("x")]
        return (order[k[0]], k[2], math.prod(shape))

    print("| transform (fwd+inv) | shape | threads | delp ms | JTransforms ms | FFTW ms | delp speed-up vs JTransforms | delp time / FFTW time |")
    print("|---|---|---|---|---|---|---|---|")
    ratios = []
    for k in sorted(rows, key=sort_key):
        v = rows[k]
        d, j, f = v.get("delp"), v.get("jtransforms"), fftw.get(k)
        pow2 = all(int(x) & (int(x) - 1) == 0 for x in k[1].split("x"))
        jt_note = "" if k[0] == "c1d" else (" (packed)" if pow2 else " (full complex)")
        speed = j / d if d and j else None
        if speed and k[0] in ("r2d", "r3d"):
            ratios.append(speed)
        print("| %s | %s | %d | %s | %s%s | %s | %s | %s |" % (
            {"r2d": "2D real", "r3d": "3D real", "c1d": "1D complex"}[k[0]], k[1], k[2],
            "%.3f" % d if d else "-", "%.3f" % j if j else "-", jt_note, "%.3f" % f if f else "-",
            "%.2fx" % speed if speed else "-", "%.2f" % (d / f) if d and f else "-"))
    if ratios:
        geo = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
        print()
        print("2D/3D real set: geometric-mean speed-up vs JTransforms %.2fx, lowest %.2fx (%d cases)"
              % (geo, min(ratios), len(ratios)))


if __name__ == "__main__":
    main()
