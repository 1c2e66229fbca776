#!/usr/bin/env python3
"""Joins FFT benchmark measurements into tables.

usage: table.py MEASUREMENTS...   (files of lines "kind shape threads impl ms", or JMH JSON files)

kind is r2d, r3d or c1d; impl is delp / jtransforms / fftw with a -wall or -cpu suffix (JMH JSON
results count as -wall). Prints one table per clock (wall, cpu) and the target summary.
"""
import json
import math
import sys


def load(paths):
    data = {}
    for path in paths:
        text = open(path).read()
        if text.lstrip().startswith("["):
            for r in json.loads(text):
                name = r["benchmark"].split(".")[-2]
                p = r["params"]
                ms = r["primaryMetric"]["score"] / 1000.0  # us/op -> ms/op
                if name == "Fft1dBench":
                    key = ("c1d", p["n"], 1)
                elif name == "RealFft2dBench":
                    key = ("r2d", "%sx%s" % (p["size"], p["size"]), int(p["threads"]))
                else:
                    key = ("r3d", p["shape"], int(p["threads"]))
                data.setdefault(key, {})[p["impl"] + "-wall"] = ms
        else:
            for line in text.splitlines():
                parts = line.split()
                if len(parts) == 5 and parts[0] in ("r2d", "r3d", "c1d"):
                    data.setdefault((parts[0], parts[1], int(parts[2])), {})[parts[3]] = float(parts[4])
    return data


def table(data, clock):
    order = {"r2d": 0, "r3d": 1, "c1d": 2}
    keys = [k for k in data if "delp-" + clock in data[k]]
    keys.sort(key=lambda k: (order[k[0]], k[2], math.prod(int(x) for x in k[1].split("x"))))
    if not keys:
        return
    print()
    print("%s time, ms per forward+inverse:" % ("wall-clock (JMH)" if clock == "wall" else "thread CPU"))
    print()
    inplace = any("delpinplace-" + clock in data[k] for k in keys)
    print("| transform | shape | threads | delp | JTransforms | FFTW | delp speed-up vs JTransforms | delp / FFTW time |"
          + (" delp in place | in place / FFTW time |" if inplace else ""))
    print("|---|---|---|---|---|---|---|---|" + ("---|---|" if inplace else ""))
    ratios = []
    for k in keys:
        v = data[k]
        d, j, f = v.get("delp-" + clock), v.get("jtransforms-" + clock), v.get("fftw-" + clock)
        pow2 = all(int(x) & (int(x) - 1) == 0 for x in k[1].split("x"))
        note = "" if k[0] == "c1d" else (" (packed)" if pow2 else " (full complex)")
        speed = j / d if d and j else None
        if speed and k[0] in ("r2d", "r3d"):
            ratios.append(speed)
        print("| %s | %s | %d | %s | %s%s | %s | %s | %s |" % (
            {"r2d": "2D real", "r3d": "3D real", "c1d": "1D complex"}[k[0]], k[1], k[2],
            "%.4g" % d if d else "-", "%.4g" % j if j else "-", note, "%.4g" % f if f else "-",
            "%.2fx" % speed if speed else "-", "%.2f" % (d / f) if d and f else "-")
              + ((" %s | %s |" % ("%.4g" % v["delpinplace-" + clock], "%.2f" % (v["delpinplace-" + clock] / f) if f else "-")
                  if "delpinplace-" + clock in v else " - | - |") if inplace else ""))
    if ratios:
        geo = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
        print()
        print("2D/3D real set (%s): geometric-mean speed-up vs JTransforms %.2fx, lowest %.2fx, %d cases"
              % (clock, geo, min(ratios), len(ratios)))


def main():
    data = load(sys.argv[1:])
    table(data, "cpu")
    table(data, "wall")


if __name__ == "__main__":
    main()
