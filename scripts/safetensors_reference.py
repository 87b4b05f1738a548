#!/usr/bin/env python3
"""Reference reader and writer for safetensors files, using Hugging Face's `safetensors`.

Two modes:
  safetensors_reference.py CHECKPOINT
      Load CHECKPOINT with safetensors.numpy and print JSON to stdout: the metadata and, per
      tensor, its dtype, shape, float64 sum and first values, plus all values for tensors
      of at most 64 elements.
  safetensors_reference.py --write OUT
      Write a small float32 file with known tensors and metadata to OUT, for the Swift
      reader's test.
"""

import argparse
import json
import sys

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file, save_file


def describe(path):
    tensors = load_file(path)
    with safe_open(path, framework="numpy") as handle:
        metadata = handle.metadata() or {}
    summary = {}
    for name, array in tensors.items():
        flat = array.reshape(-1)
        entry = {
            "dtype": str(array.dtype),
            "shape": list(array.shape),
            "sum": float(flat.astype(np.float64).sum()),
            "first": [float(v) for v in flat[:5]],
        }
        if flat.size <= 64:
            entry["values"] = [float(v) for v in flat]
        summary[name] = entry
    return {"metadata": metadata, "tensors": summary}


def write_reference(path):
    tensors = {
        "matrix": np.arange(6, dtype=np.float32).reshape(2, 3) / 4,
        "vector": np.array([1.5, -2.25, 1e-3], dtype=np.float32),
        "scalar": np.array(3.0, dtype=np.float32),
        "block.weight": np.linspace(-1, 1, 24, dtype=np.float32).reshape(2, 3, 4),
    }
    save_file(tensors, path, metadata={"source": "safetensors.numpy", "step": "7"})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoint", nargs="?", help="safetensors file to describe")
    parser.add_argument("--write", metavar="OUT", help="write the reference file to OUT")
    arguments = parser.parse_args()
    if arguments.write:
        write_reference(arguments.write)
        return 0
    if not arguments.checkpoint:
        parser.error("give a CHECKPOINT to describe or --write OUT")
    json.dump(describe(arguments.checkpoint), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
