"""Decode scikit-image's PNG photographs independently of libpng and write reference values.

Reads 8-bit, non-interlaced grey or RGB PNG files with zlib and numpy only, undoing the
row filters of the PNG specification (section 9). RGB becomes grey by BT.601 luma weights
(0.299, 0.587, 0.114). For each image the JSON fixture records its size, mean grey value
and a few pixels. The Swift tests compare libpng's decoding with these values.
Exits 0 with a message, writing nothing, when the image folder does not exist.
"""

import argparse
import json
import struct
import sys
import zlib
from pathlib import Path

import numpy as np

LUMA = np.array([0.299, 0.587, 0.114])


def unfilter(raw: bytes, width: int, height: int, channels: int) -> np.ndarray:
    """Undo the per-row PNG filters and return a height x width x channels uint8 array."""
    stride = width * channels
    rows = np.zeros((height, stride), dtype=np.int64)
    previous = np.zeros(stride, dtype=np.int64)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = np.frombuffer(raw[start + 1:start + 1 + stride], dtype=np.uint8).astype(np.int64)
        if kind == 0:
            current = line
        elif kind == 2:
            current = (line + previous) % 256
        else:
            current = np.zeros(stride, dtype=np.int64)
            for i in range(stride):
                left = current[i - channels] if i >= channels else 0
                up = previous[i]
                upper_left = previous[i - channels] if i >= channels else 0
                if kind == 1:
                    predictor = left
                elif kind == 3:
                    predictor = (left + up) // 2
                elif kind == 4:
                    estimate = left + up - upper_left
                    distances = (abs(estimate - left), abs(estimate - up), abs(estimate - upper_left))
                    predictor = (left, up, upper_left)[distances.index(min(distances))]
                else:
                    raise ValueError(f"unknown PNG filter type {kind} in row {y}")
                current[i] = (line[i] + predictor) % 256
        rows[y] = current
        previous = current
    return rows.reshape(height, width, channels).astype(np.uint8)


def decode(path: Path) -> np.ndarray:
    """Return the grey image (0..1, float64) of an 8-bit non-interlaced grey or RGB PNG."""
    data = path.read_bytes()
    offset = 8
    idat = b""
    header = None
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (0, 2) or interlace != 0:
        raise ValueError(f"{path}: only 8-bit non-interlaced grey or RGB is handled")
    channels = 1 if colour == 0 else 3
    pixels = unfilter(zlib.decompress(idat), width, height, channels) / 255.0
    return pixels[..., 0] if channels == 1 else pixels @ LUMA


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=Path, required=True, help="folder of make images")
    parser.add_argument("--out", type=Path, required=True, help="JSON fixture to write")
    args = parser.parse_args()
    if not args.images.is_dir():
        print(f"{args.images} not found; run `make images` first. No fixture written.")
        return

    references = {}
    for name in ["camera.png", "chelsea.png"]:
        grey = decode(args.images / name)
        height, width = grey.shape
        points = [(0, 0), (width - 1, 0), (width // 2, height // 3), (width - 1, height - 1)]
        references[name] = {
            "width": width,
            "height": height,
            "mean": float(grey.mean()),
            "pixels": [{"x": x, "y": y, "value": float(grey[y, x])} for x, y in points],
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(references, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    sys.exit(main())
