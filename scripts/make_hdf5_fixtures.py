#!/usr/bin/env python3
"""Write an HDF5 file whose names and attributes carry terminal escape sequences.

The `h5` command and the tree screen must print such text without the control characters,
so a file cannot move the cursor or retitle the window of the person browsing it.

Usage:
    make_hdf5_fixtures.py --out Tests/Fixtures/generated/hdf5
"""

import argparse
import os

import h5py
import numpy as np

ESCAPES = "\x1b]0;pwned\x07\x1b[31m"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="folder to write escapes.h5 into")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with h5py.File(os.path.join(args.out, "escapes.h5"), "w") as f:
        group = f.create_group("group" + ESCAPES + "name")
        group.attrs["note"] = "before" + ESCAPES + "after"
        group["values"] = np.arange(12, dtype=np.int32).reshape(3, 4)
        f["labels"] = np.array([b"plain", ("red" + ESCAPES).encode()])


if __name__ == "__main__":
    main()
