#!/usr/bin/env python3
"""Writes the TIFF test fixtures of delp-cli with an encoder independent of the Java code.

Every variant encodes the same pixels: a 64x48 crop (x 368..431, y 128..175) of the real BBBC006
image a01_s1_defocused.tif (16-bit), or that crop scaled to 8 bits / converted to float32, so the
Java tests can check that every variant decodes to exactly the same numbers as `crop16.raw`.

Usage: python3 make_tiffs.py /work/shared/data/bbbc006/defocused/a01_s1_defocused.tif OUTDIR
       python3 make_tiffs.py --sample /work/shared/data/bbbc006/defocused/a01_s1_defocused.tif SAMPLE.tif
The script needs only the Python standard library (struct, zlib).
"""
import os, struct, sys, zlib
sys.path.insert(0, os.path.dirname(__file__))
from tiffref import read  # independent reader: IFD walk + own LZW decoder

W, H, X0, Y0 = 64, 48, 368, 128


def lzw_encode(data):
    """TIFF LZW, MSB-first. Emits codes, then packs them with the code widths a TIFF decoder
    uses ('early change': width grows when the decoder's table reaches 511, 1023, 2047)."""
    codes = [256]
    table = {bytes([i]): i for i in range(256)}; nxt = 258
    w = b''
    for c in data:
        wc = w + bytes([c])
        if wc in table:
            w = wc; continue
        codes.append(table[w]); table[wc] = nxt; nxt += 1
        if nxt >= 4093:
            codes.append(256); table = {bytes([i]): i for i in range(256)}; nxt = 258
        w = bytes([c])
    if w:
        codes.append(table[w])
    codes.append(257)
    out, acc, nacc = bytearray(), 0, 0
    width, size, first = 9, 258, True
    for code in codes:
        acc = (acc << width) | code; nacc += width
        while nacc >= 8:
            nacc -= 8; out.append((acc >> nacc) & 0xFF)
        if code == 256:
            width, size, first = 9, 258, True; continue
        if not first:
            size += 1
        first = False
        if size + 1 >= (1 << width) and width < 12:
            width += 1
    if nacc:
        out.append((acc << (8 - nacc)) & 0xFF)
    return bytes(out)


def packbits_encode(data):
    out, i, n = bytearray(), 0, len(data)
    while i < n:
        j = i
        while j + 1 < n and data[j + 1] == data[i] and j - i < 127:
            j += 1
        if j > i:  # run of j-i+1 equal bytes
            out += bytes([(257 - (j - i + 1)) & 0xFF, data[i]]); i = j + 1; continue
        j = i
        while j < n and j - i < 128 and not (j + 1 < n and data[j + 1] == data[j]):
            j += 1
        j = max(j, i + 1)
        out.append(j - i - 1); out += data[i:j]; i = j
    return bytes(out)


def tiff(pages, bo='<', comp=1, predictor=1, rows_per_strip=None, tile=None, desc=None, res=None):
    """pages: list of (bytes rowmajor, bits, sampleformat). Returns TIFF bytes (classic TIFF)."""
    hdr = (b'II' if bo == '<' else b'MM') + struct.pack(bo + 'HI', 42, 8)
    body = bytearray(hdr)
    for p, (raw, bits, fmt) in enumerate(pages):
        bpp = bits // 8
        def enc(chunk, width):
            if predictor == 2:
                a = bytearray(chunk); rowb = width * bpp
                vals = list(struct.unpack(bo + {1: 'B', 2: 'H'}[bpp] * (len(chunk) // bpp), chunk))
                for r in range(len(vals) // width):
                    for x in range(width - 1, 0, -1):
                        vals[r * width + x] = (vals[r * width + x] - vals[r * width + x - 1]) & ((1 << bits) - 1)
                chunk = struct.pack(bo + {1: 'B', 2: 'H'}[bpp] * len(vals), *vals)
            if predictor == 3:  # Adobe TN3 floating-point predictor: byte planes MSB first, then byte deltas
                vals = struct.unpack(bo + 'f' * (len(chunk) // 4), chunk); out = bytearray()
                for r in range(len(vals) // width):
                    be = struct.pack('>' + 'f' * width, *vals[r * width:(r + 1) * width])
                    t = bytearray(be[x * 4 + b] for b in range(4) for x in range(width))
                    for i in range(len(t) - 1, 0, -1):
                        t[i] = (t[i] - t[i - 1]) & 0xFF
                    out += t
                chunk = bytes(out)
            if comp == 5: return lzw_encode(chunk)
            if comp == 8: return zlib.compress(chunk)
            if comp == 32773: return packbits_encode(chunk)
            return chunk
        chunks = []
        if tile:
            tw, th = tile
            for ty in range(0, H, th):
                for tx in range(0, W, tw):
                    t = bytearray(tw * th * bpp)
                    for y in range(th):
                        if ty + y >= H: break
                        n = min(tw, W - tx)
                        src = raw[((ty + y) * W + tx) * bpp:((ty + y) * W + tx + n) * bpp]
                        t[y * tw * bpp:y * tw * bpp + len(src)] = src
                    chunks.append(enc(bytes(t), tw))
        else:
            rps = rows_per_strip or H
            for y in range(0, H, rps):
                chunks.append(enc(raw[y * W * bpp:min(H, y + rps) * W * bpp], W))
        offs = []
        for c in chunks:
            offs.append(len(body)); body += c
            if len(body) % 2: body.append(0)
        entries = [(256, 4, [W]), (257, 4, [H]), (258, 3, [bits]), (259, 3, [comp]), (262, 3, [1])]
        if desc and p == 0: entries.append((270, 2, desc.encode() + b'\0'))
        if tile:
            entries += [(322, 4, [tile[0]]), (323, 4, [tile[1]]), (324, 4, offs), (325, 4, [len(c) for c in chunks])]
        else:
            entries += [(273, 4, offs), (278, 4, [rows_per_strip or H]), (279, 4, [len(c) for c in chunks])]
        entries += [(277, 3, [1])]
        if res:
            entries += [(282, 5, res[0]), (283, 5, res[0]), (296, 3, [res[1]])]
        if predictor != 1: entries.append((317, 3, [predictor]))
        entries.append((339, 3, [fmt]))
        entries.sort()
        ifd_off = len(body)
        # patch previous next-IFD pointer
        struct.pack_into(bo + 'I', body, 4 if p == 0 else prev_next, ifd_off)
        extra = bytearray(); ifd = bytearray(struct.pack(bo + 'H', len(entries)))
        ext_base = ifd_off + 2 + 12 * len(entries) + 4
        for tag, typ, vals in entries:
            if typ == 2: data = vals
            elif typ == 5: data = struct.pack(bo + 'II', *vals)
            else: data = struct.pack(bo + {3: 'H', 4: 'I'}[typ] * len(vals), *vals)
            cnt = len(vals) if typ != 5 else 1
            if len(data) <= 4:
                ifd += struct.pack(bo + 'HHI', tag, typ, cnt) + data.ljust(4, b'\0')
            else:
                ifd += struct.pack(bo + 'HHII', tag, typ, cnt, ext_base + len(extra)); extra += data
                if len(extra) % 2: extra.append(0)
        prev_next = ifd_off + len(ifd)
        ifd += struct.pack(bo + 'I', 0)
        body += ifd + extra
    return bytes(body)


def main(src, outdir):
    os.makedirs(outdir, exist_ok=True)
    (w, h, bits, comp, pred, tags, px) = read(src)[0]
    crop = [px[(Y0 + y) * w + X0 + x] for y in range(H) for x in range(W)]
    lo, hi = min(crop), max(crop)
    crop8 = [(v - lo) * 255 // (hi - lo) for v in crop]
    cropf = [v / 7.0 - 3.25 for v in crop]  # float32 with fractions and negatives
    open(os.path.join(outdir, 'crop16.raw'), 'wb').write(struct.pack('<%dH' % len(crop), *crop))
    def pg(vals, bits, bo, fmt):
        f = {8: 'B', 16: 'H', 32: 'f'}[bits]
        return (struct.pack(bo + f * len(vals), *vals), bits, fmt)
    variants = {
        'u16-none-le.tif': dict(pages=[pg(crop, 16, '<', 1)]),
        'u16-none-be.tif': dict(bo='>', pages=[pg(crop, 16, '>', 1)]),
        'u16-lzw-strips.tif': dict(comp=5, rows_per_strip=7, pages=[pg(crop, 16, '<', 1)]),
        'u16-lzw-pred-be.tif': dict(bo='>', comp=5, predictor=2, rows_per_strip=10, pages=[pg(crop, 16, '>', 1)]),
        'u16-deflate-pred.tif': dict(comp=8, predictor=2, pages=[pg(crop, 16, '<', 1)]),
        'u16-packbits.tif': dict(comp=32773, rows_per_strip=5, pages=[pg(crop, 16, '<', 1)]),
        'u16-deflate-tiles.tif': dict(comp=8, tile=(32, 32), pages=[pg(crop, 16, '<', 1)]),
        'u8-none.tif': dict(pages=[pg(crop8, 8, '<', 1)]),
        'u8-lzw-pred.tif': dict(comp=5, predictor=2, rows_per_strip=16, pages=[pg(crop8, 8, '<', 1)]),
        'u8-packbits-be.tif': dict(bo='>', comp=32773, pages=[pg(crop8, 8, '>', 1)]),
        'f32-none-le.tif': dict(pages=[pg(cropf, 32, '<', 3)]),
        'f32-deflate-be.tif': dict(bo='>', comp=8, rows_per_strip=16, pages=[pg(cropf, 32, '>', 3)]),
        'f32-deflate-fpred.tif': dict(comp=8, predictor=3, rows_per_strip=16, pages=[pg(cropf, 32, '<', 3)]),
        'u16-stack3-imagej.tif': dict(comp=5, rows_per_strip=16,
            desc='ImageJ=1.54f\nimages=3\nslices=3\nunit=micron\nspacing=2.0\nloop=false\n',
            res=((1000000, 650000), 1),
            pages=[pg([(v + 100 * z) & 0xFFFF for v in crop], 16, '<', 1) for z in range(3)]),
    }
    for name, kw in variants.items():
        pages = kw.pop('pages')
        data = tiff(pages, **kw)
        open(os.path.join(outdir, name), 'wb').write(data)
        back = read(os.path.join(outdir, name))  # self-check with the independent reader
        assert len(back) == len(pages), name
        for z, page in enumerate(back):
            exp = struct.unpack(('<' if not kw.get('bo') else kw['bo']) + {8: 'B', 16: 'H', 32: 'f'}[pages[z][1]] * (W * H), pages[z][0])
            assert page[0] == W and page[1] == H, name
            if kw.get('tile') is None and kw.get('predictor') != 3:
                assert list(page[6]) == list(exp), (name, z)
    print('crop16 sum', sum(crop), 'min', lo, 'max', hi, 'px(0,0)', crop[0], 'px(63,47)', crop[-1], 'crop8 sum', sum(crop8))


def make_sample(src, out, x0=352, y0=32, size=256):
    """The README's sample: a size x size crop of a real defocused BBBC006 image, 16-bit LZW,
    calibrated 0.65 um/px (BBBC006 acquisition) in ImageJ style."""
    global W, H
    (w, h, bits, comp, pred, tags, px) = read(src)[0]
    crop = [px[(y0 + y) * w + x0 + x] for y in range(size) for x in range(size)]
    W, H = size, size
    data = tiff([(struct.pack('<%dH' % len(crop), *crop), 16, 1)], comp=5, rows_per_strip=16,
                desc='ImageJ=1.54f\nunit=micron\nmin=%d\nmax=%d\n' % (min(crop), max(crop)),
                res=((1000000, 650000), 1))
    open(out, 'wb').write(data)
    back = read(out)[0]
    assert list(back[6]) == crop
    print('sample', out, size, 'x', size, 'at', x0, y0, 'sum', sum(crop), 'min', min(crop), 'max', max(crop))


if __name__ == '__main__':
    if sys.argv[1] == '--sample':
        make_sample(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1], sys.argv[2])
