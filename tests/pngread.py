"""A tiny PNG reader for the tests (8-bit grey/RGB/RGBA, not interlaced): enough to
compare our PNGs pixel by pixel without an imaging library."""

from __future__ import annotations

import struct
import zlib


def size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def grey(data: bytes) -> tuple[int, int, list[bytearray]]:
    """(width, height, rows): each pixel as grey 0-255 over a white background."""
    w, h = size(data)
    pos, idat, depth, ctype = 8, bytearray(), 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            depth, ctype, interlace = body[8], body[9], body[12]
            assert depth == 8 and interlace == 0 and ctype in (0, 2, 6), (depth, ctype, interlace)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    bpp = {0: 1, 2: 3, 6: 4}[ctype]
    raw = zlib.decompress(bytes(idat))
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        out = bytearray(w)
        for x in range(w):
            px = line[x * bpp:(x + 1) * bpp]
            g = px[0] if bpp == 1 else (px[0] * 299 + px[1] * 587 + px[2] * 114) // 1000
            if bpp == 4:
                g = (g * px[3] + 255 * (255 - px[3])) // 255
            out[x] = g
        rows.append(out)
    return w, h, rows
