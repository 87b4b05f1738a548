#!/usr/bin/env python3
"""Time loading spike rates per unit and trial from a large NWB file with h5py and pynwb.

The reference for `cortexscope-bench nwb-load`: both read every spike time and the trials
table, then count spikes in [start_time, stop_time) per unit and trial with numpy's
searchsorted (the same rule as the Swift importer). Prints one line per reader.

Usage: bench_nwb_load.py /tmp/cortexscope-scale.nwb
"""

import sys
import time

import h5py
import numpy as np
from pynwb import NWBHDF5IO


def rates(flat, ends, starts, stops):
    out = np.empty((len(ends), len(starts)))
    begin = 0
    for unit, end in enumerate(ends):
        train = flat[begin:end]
        counts = np.searchsorted(train, stops) - np.searchsorted(train, starts)
        out[unit] = counts / (stops - starts)
        begin = end
    return out


def with_h5py(path):
    started = time.perf_counter()
    with h5py.File(path, "r") as f:
        flat = f["units/spike_times"][:]
        ends = f["units/spike_times_index"][:]
        starts = f["intervals/trials/start_time"][:]
        stops = f["intervals/trials/stop_time"][:]
    result = rates(flat, ends, starts, stops)
    return time.perf_counter() - started, result


def with_pynwb(path):
    started = time.perf_counter()
    with NWBHDF5IO(path, "r") as io:
        nwb = io.read()
        column = nwb.units["spike_times"]
        flat = column.target.data[:]
        ends = column.data[:]
        starts = nwb.trials["start_time"].data[:]
        stops = nwb.trials["stop_time"].data[:]
        result = rates(flat, ends, starts, stops)
    return time.perf_counter() - started, result


def main():
    path = sys.argv[1]
    for name, reader in [("h5py", with_h5py), ("pynwb", with_pynwb)]:
        seconds, result = reader(path)
        print(f"{name} seconds={seconds:.2f} units={result.shape[0]} trials={result.shape[1]}")


if __name__ == "__main__":
    main()
