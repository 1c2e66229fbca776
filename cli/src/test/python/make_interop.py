#!/usr/bin/env python3
"""Interop fixtures written by tifffile (an independent, widely used TIFF writer; 2026.3.3 here).

Usage: python3 make_interop.py OUTDIR   (needs numpy and tifffile). Prints the sums the Java test expects.
"""
import sys, os
import numpy as np
import tifffile

out = sys.argv[1]
rng = np.random.default_rng(1)
x = rng.integers(0, 65535, size=(5, 40, 30), dtype=np.uint16)
tifffile.imwrite(os.path.join(out, 'tifffile-imagej-u16-stack.tif'), x, imagej=True,
                 resolution=(1 / 0.1625, 1 / 0.1625), metadata={'spacing': 0.5, 'unit': 'um', 'axes': 'ZYX'})
f = x[0].astype(np.float32) / 3
tifffile.imwrite(os.path.join(out, 'tifffile-zlib-tiles-f32.tif'), f, compression='zlib', tile=(16, 16))
tifffile.imwrite(os.path.join(out, 'tifffile-be-u16-pages.tif'), x, byteorder='>')
print('u16 stack sum', int(x.astype(np.int64).sum()), 'f32 sum', repr(float(f.astype(np.float64).sum())))
