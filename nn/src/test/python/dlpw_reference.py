#!/usr/bin/env python3
"""Independent reference for nn/FORMAT.md: reads a .dlpw file with numpy only, runs the network
it describes on raw 84x84 float32 patches and prints the class probabilities, so the Java runtime
can be checked against a second implementation written from the spec alone.

usage: dlpw_reference.py weights.dlpw patches.f32 [expected.f32]
  patches.f32  : n*84*84 little-endian float32 raw patches (row-major, back to back)
  expected.f32 : optional n*12 float32 probabilities to compare with (prints the max abs difference)
"""
import struct
import sys
import zlib

import numpy as np


def read_dlpw(path):
    b = open(path, "rb").read()
    assert b[:4] == b"DLPW", "bad magic"
    assert struct.unpack_from("<i", b, 4)[0] == 1, "version"
    assert zlib.crc32(b[:-4]) == struct.unpack_from("<I", b, len(b) - 4)[0], "crc"
    h = struct.unpack_from("<i", b, 8)[0]
    header = dict(l.split("=", 1) for l in b[12:12 + h].decode().split("\n") if l)
    pos = 12 + h
    (count,) = struct.unpack_from("<i", b, pos)
    pos += 4
    tensors = {}
    for _ in range(count):
        (n,) = struct.unpack_from("<i", b, pos)
        name = b[pos + 4:pos + 4 + n].decode()
        pos += 4 + n
        (r,) = struct.unpack_from("<i", b, pos)
        dims = struct.unpack_from("<%di" % r, b, pos + 4)
        pos += 4 + 4 * r
        size = int(np.prod(dims))
        tensors[name] = np.frombuffer(b, "<f4", size, pos).reshape(dims).astype(np.float64)
        pos += 4 * size
    assert pos == len(b) - 4, "trailing bytes"
    return header, tensors


def opts(line):
    kind, *rest = line.split()
    return kind, dict(t.split("=", 1) for t in rest)


def forward(header, t, x):
    """x: (84, 84) raw patch -> 12 probabilities (float64 throughout)."""
    assert header["input.normalisation"] == "zscore"
    floor = float(header["input.normalisation.std_floor"])
    m, s = x.mean(), x.std()
    a = ((x - m) / max(s, floor * max(abs(m), 1.0)))[None, :, :]  # C, H, W
    for i in range(int(header["layers"])):
        kind, o = opts(header["layer.%d" % i])
        if kind == "space_to_depth":
            bl = int(o["block"])
            c, hh, ww = a.shape
            a = a.reshape(c, hh // bl, bl, ww // bl, bl).transpose(0, 2, 4, 1, 3).reshape(c * bl * bl, hh // bl, ww // bl)
        elif kind == "conv2d":
            w = t["%d.weight" % i]
            k, st, p, d = int(o["k"]), int(o["stride"]), int(o["pad"]), int(o["dilation"])
            c, hh, ww = a.shape
            ap = np.pad(a, ((0, 0), (p, p), (p, p)))
            ho = (hh + 2 * p - d * (k - 1) - 1) // st + 1
            wo = (ww + 2 * p - d * (k - 1) - 1) // st + 1
            out = np.zeros((w.shape[0], ho, wo))
            for ky in range(k):
                for kx in range(k):
                    patch = ap[:, ky * d: ky * d + st * (ho - 1) + 1: st, kx * d: kx * d + st * (wo - 1) + 1: st]
                    out += np.einsum("oc,chw->ohw", w[:, :, ky, kx], patch)
            if o["bias"] == "true":
                out += t["%d.bias" % i][:, None, None]
            a = out
        elif kind == "batchnorm":
            eps = float(o["eps"])
            g, be, mu, var = (t["%d.%s" % (i, n)] for n in ("gamma", "beta", "running_mean", "running_var"))
            a = (g / np.sqrt(var + eps))[:, None, None] * (a - mu[:, None, None]) + be[:, None, None]
        elif kind == "relu":
            a = np.maximum(a, 0)
        elif kind == "maxpool":
            k, st = int(o["k"]), int(o["stride"])
            c, hh, ww = a.shape
            ho, wo = (hh - k) // st + 1, (ww - k) // st + 1
            out = np.full((c, ho, wo), -np.inf)
            for ky in range(k):
                for kx in range(k):
                    out = np.maximum(out, a[:, ky: ky + st * (ho - 1) + 1: st, kx: kx + st * (wo - 1) + 1: st])
            a = out
        elif kind == "globalavgpool":
            a = a.mean(axis=(1, 2))[:, None, None]
        elif kind == "dropout":
            pass
        elif kind == "dense":
            a = (t["%d.weight" % i] @ a.reshape(-1) + t["%d.bias" % i])[:, None, None]
        else:
            raise ValueError("unknown layer " + kind)
    z = a.reshape(-1)
    e = np.exp(z - z.max())
    return e / e.sum()


def main():
    header, t = read_dlpw(sys.argv[1])
    x = np.fromfile(sys.argv[2], "<f4").reshape(-1, 84, 84).astype(np.float64)
    probs = np.array([forward(header, t, p) for p in x])
    np.set_printoptions(precision=4, suppress=True)
    print(probs)
    if len(sys.argv) > 3:
        ref = np.fromfile(sys.argv[3], "<f4").reshape(probs.shape)
        print("max |java - numpy| = %.3g" % np.abs(ref - probs).max())


if __name__ == "__main__":
    main()
