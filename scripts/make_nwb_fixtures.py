#!/usr/bin/env python3
"""Write the NWB, NumPy and CSV test fixtures and the values the importers must return.

NWB files are written with pynwb and altered with h5py for the malformed cases. The
expected spike rates, resampled traces and counts are computed with numpy from the arrays
that went into each file, not by reading the files back. So they check the Swift readers
independently.

Usage:
    make_nwb_fixtures.py --out Tests/Fixtures/generated
    make_nwb_fixtures.py --scale 10000x5000 --scale-out /tmp/scale.nwb   (benchmark only)

Conventions shared with the Swift importers (docs/formats.md):
- a spike at time t counts for a trial when start + window_start <= t < start + window_stop;
  rate = count / (window_stop - window_start) in spikes/s; the default window is the whole
  trial, [start_time, stop_time);
- with a baseline window, the baseline rate is subtracted;
- a TimeSeries on a spiking dataset becomes one sample per trial: the mean of the samples
  whose times fall in the response window (NaN when none do);
- an ophys dF/F trace is linearly interpolated at start + t_k with t_k = -1 + k / rate,
  k = 0 ... floor((median duration + 1) * rate), NaN outside the series.
"""

import argparse
import datetime
import io
import json
import os
import shutil
import zipfile

import h5py
import numpy as np
from hdmf.backends.hdf5.h5_utils import H5DataIO
from hdmf.common import VectorData, VectorIndex, ElementIdentifiers
from pynwb import NWBHDF5IO, NWBFile, TimeSeries
from pynwb.epoch import TimeIntervals
from pynwb.file import Subject
from pynwb.misc import Units
from pynwb.ophys import (
    DfOverF, ImageSegmentation, OpticalChannel, RoiResponseSeries)

START = datetime.datetime(2024, 5, 17, 9, 30, 0, tzinfo=datetime.timezone.utc)


def new_file(identifier, description="fixture session"):
    return NWBFile(
        session_description=description,
        identifier=identifier,
        session_start_time=START,
        experimenter=["Doe, Jane"],
        lab="Fixture lab",
        institution="Fixture institute",
        subject=Subject(
            subject_id="mouse-17", species="Mus musculus", sex="F", age="P90D",
            genotype="wt", description="fixture mouse"),
    )


def units_table(spikes_per_unit, compress=False, locations=None, observed=None):
    """A Units table built from flat arrays, so large tables are written in one go.

    `observed` lists, per unit, its observation intervals as (start, stop) pairs."""
    flat = np.concatenate(spikes_per_unit) if spikes_per_unit else np.zeros(0)
    ends = np.cumsum([len(s) for s in spikes_per_unit]).astype(np.int64)
    data = H5DataIO(flat, compression="gzip", chunks=True) if compress else flat
    times = VectorData(name="spike_times", description="spike times (s)", data=data)
    index = VectorIndex(name="spike_times_index", data=ends, target=times)
    columns = [times, index]
    if locations is not None:
        columns.append(VectorData(
            name="location", description="brain area", data=list(locations)))
    if observed is not None:
        pairs = VectorData(name="obs_intervals", description="observed (s)",
                           data=np.array([p for unit in observed for p in unit]))
        pair_ends = np.cumsum([len(unit) for unit in observed]).astype(np.int64)
        columns += [pairs, VectorIndex(name="obs_intervals_index", data=pair_ends,
                                       target=pairs)]
    ids = ElementIdentifiers(name="id", data=np.arange(len(spikes_per_unit)) + 100)
    return Units(name="units", id=ids, columns=columns, description="sorted units")


def intervals(name, starts, stops, columns):
    """A TimeIntervals table from arrays: `columns` maps name -> values."""
    vectors = [
        VectorData(name="start_time", description="start (s)", data=np.asarray(starts)),
        VectorData(name="stop_time", description="stop (s)", data=np.asarray(stops)),
    ]
    for key, values in columns.items():
        vectors.append(VectorData(name=key, description=key, data=values))
    ids = ElementIdentifiers(name="id", data=np.arange(len(starts)))
    return TimeIntervals(name=name, id=ids, columns=vectors, description=name)


def spike_counts(spikes, starts, window):
    """Spike counts and rates per unit and trial for `window` relative to each start."""
    rates = np.zeros((len(spikes), len(starts)))
    for u, train in enumerate(spikes):
        for k, start in enumerate(starts):
            lo, hi = start + window[0][k], start + window[1][k]
            count = np.count_nonzero((train >= lo) & (train < hi))
            rates[u, k] = count / (window[1][k] - window[0][k])
    return rates


def unobserved_to_nan(rates, observed, starts, window):
    """NaN where a unit's window is not inside one of its observation intervals."""
    rates = rates.copy()
    for u, intervals in enumerate(observed):
        for k, start in enumerate(starts):
            lo, hi = start + window[0][k], start + window[1][k]
            if not any(a <= lo and hi <= b for a, b in intervals):
                rates[u, k] = np.nan
    return rates


def window_mean(times, values, starts, lo, hi):
    out = np.full(len(starts), np.nan)
    for k, start in enumerate(starts):
        mask = (times >= start + lo[k]) & (times < start + hi[k])
        if mask.any():
            out[k] = values[mask].mean()
    return out


def nan_to_none(array):
    """Nested lists with NaN as None, because JSON has no NaN."""
    return [[None if np.isnan(v) else float(v) for v in row] for row in array]


def write(nwb, path):
    with NWBHDF5IO(path, "w") as io:
        io.write(nwb)


def make_units_trials(out, rng):
    """Units with spikes, a trials table, running speed (timestamps), pupil (rate)."""
    n_units, n_trials = 5, 24
    starts = 2.0 + np.arange(n_trials) * 1.5
    stops = starts + 1.0 + 0.01 * (np.arange(n_trials) % 3)
    directions = np.tile(np.arange(0, 360, 45, dtype=float), 3)
    contrast = np.where(np.arange(n_trials) % 2 == 0, 0.8, 0.1)
    spikes = [np.sort(rng.uniform(0, starts[-1] + 3, size=rng.integers(20, 120)))
              for _ in range(n_units)]
    nwb = new_file("units-trials-0001")
    # Unit 2 is observed only during the first 15 s and from 25 s on, so the rates of
    # the trials between are unknown (NaN).
    everything = [(0.0, starts[-1] + 3)]
    observed = [everything, everything, [(0.0, 15.0), (25.0, starts[-1] + 3)], everything,
                everything]
    nwb.units = units_table(spikes, compress=True, observed=observed,
                            locations=["VISp", "VISp", "VISl", "VISp", "CA1"])
    nwb.trials = intervals("trials", starts, stops, {
        "direction": directions, "contrast": contrast,
        "condition": ["grating" if k % 4 else "blank" for k in range(n_trials)],
        "rewarded": np.arange(n_trials) % 3 == 0})
    speed_times = np.sort(rng.uniform(0, starts[-1] + 3, size=900))
    speed = rng.normal(5, 2, size=900)
    nwb.add_acquisition(TimeSeries(
        name="running_speed", data=H5DataIO(speed, compression="gzip", chunks=(100,)),
        timestamps=speed_times, unit="cm/s"))
    pupil_rate, pupil_start = 20.0, 0.5
    pupil = rng.normal(1000, 50, size=int((starts[-1] + 3) * pupil_rate))
    module = nwb.create_processing_module("behavior", "behaviour")
    module.add(TimeSeries(
        name="pupil_area", data=pupil, starting_time=pupil_start, rate=pupil_rate,
        unit="px^2"))
    path = os.path.join(out, "units_trials.nwb")
    write(nwb, path)

    pupil_times = pupil_start + np.arange(len(pupil)) / pupil_rate
    zero, duration = np.zeros(n_trials), stops - starts
    window = (np.full(n_trials, 0.25), np.full(n_trials, 0.75))
    baseline = (np.full(n_trials, -0.5), np.zeros(n_trials))
    whole_rates = unobserved_to_nan(
        spike_counts(spikes, starts, (zero, duration)), observed, starts, (zero, duration))
    window_rates = unobserved_to_nan(
        spike_counts(spikes, starts, window), observed, starts, window)
    baseline_rates = unobserved_to_nan(
        spike_counts(spikes, starts, baseline), observed, starts, baseline)
    raster = [t - starts[0] for t in [spikes[0][(spikes[0] >= starts[0])
                                                & (spikes[0] < stops[0])]]][0]
    return {
        "file": "units_trials.nwb", "units": n_units, "trials": n_trials,
        "unit_ids": [str(100 + u) for u in range(n_units)],
        "locations": ["VISp", "VISp", "VISl", "VISp", "CA1"],
        "spike_total": int(sum(len(s) for s in spikes)),
        "direction": directions.tolist(), "contrast": contrast.tolist(),
        "rewarded": (np.arange(n_trials) % 3 == 0).astype(float).tolist(),
        "start_time": starts.tolist(), "stop_time": stops.tolist(),
        "rates_whole_trial": nan_to_none(whole_rates),
        "rates_window_0.25_0.75": nan_to_none(window_rates),
        "rates_window_minus_baseline": nan_to_none(window_rates - baseline_rates),
        "raster_unit0_trial0": raster.tolist(),
        "running_speed_whole_trial": window_mean(
            speed_times, speed, starts, zero, duration).tolist(),
        "pupil_area_whole_trial": window_mean(
            pupil_times, pupil, starts, zero, duration).tolist(),
        "subject_id": "mouse-17", "identifier": "units-trials-0001",
        "session_description": "fixture session",
    }


def make_presentations(out, rng):
    """Allen-style file: no trials table, two presentations tables with string columns."""
    n = 16
    starts = 10.0 + np.arange(n) * 0.5
    stops = starts + 0.25
    orientation = [("null" if k % 8 == 7 else f"{(k % 8) * 45.0:.1f}") for k in range(n)]
    spikes = [np.sort(rng.uniform(0, 20, size=60)) for _ in range(3)]
    nwb = new_file("allen-style-0002", "Allen-style presentations")
    nwb.units = units_table(spikes)
    nwb.add_time_intervals(intervals("drifting_gratings_presentations", starts, stops, {
        "stimulus_name": ["drifting_gratings"] * n,
        "orientation": orientation,
        "temporal_frequency": np.full(n, 2.0),
        "SF": np.full(n, 0.04),
        "color": ["[1.0, 1.0, 1.0]"] * n,
    }))
    ns_starts = 20.0 + np.arange(4) * 0.25
    nwb.add_time_intervals(intervals("natural_scenes_presentations", ns_starts,
                                     ns_starts + 0.25, {"frame": np.arange(4)}))
    write(nwb, os.path.join(out, "presentations.nwb"))
    numeric = [float("nan") if o == "null" else float(o) for o in orientation]
    rates = spike_counts(spikes, starts, (np.zeros(n), stops - starts))
    return {
        "file": "presentations.nwb", "units": 3, "trials": n,
        "trials_table": "intervals/drifting_gratings_presentations",
        "orientation": [None if np.isnan(v) else v for v in numeric],
        "stimulus_name": ["drifting_gratings"] * n,
        "spatial_frequency": [0.04] * n,
        "rates_whole_trial": rates.tolist(),
    }


def make_ophys(out, rng):
    """An ophys-only file: dF/F traces of ROIs under processing/ophys, a trials table."""
    rate, n_rois, n_frames = 10.0, 4, 400
    t0 = 0.3
    traces = rng.normal(0, 1, size=(n_frames, n_rois))
    n_trials = 8
    starts = 3.0 + np.arange(n_trials) * 4.0
    stops = starts + 2.0
    directions = np.tile([0.0, 90.0, 180.0, 270.0], 2)
    nwb = new_file("ophys-0003", "ophys fixture")
    device = nwb.create_device("scope")
    channel = OpticalChannel(name="green", description="GCaMP", emission_lambda=510.0)
    plane = nwb.create_imaging_plane(
        name="plane", optical_channel=channel, description="imaging plane", device=device,
        excitation_lambda=920.0, imaging_rate=rate, indicator="GCaMP6f", location="VISp")
    segmentation = ImageSegmentation()
    seg = segmentation.create_plane_segmentation(
        description="rois", imaging_plane=plane, name="PlaneSegmentation")
    for _ in range(n_rois):
        seg.add_roi(image_mask=np.ones((4, 4)))
    module = nwb.create_processing_module("ophys", "optical physiology")
    module.add(segmentation)
    region = seg.create_roi_table_region("all rois", region=list(range(n_rois)))
    dff = DfOverF(name="DfOverF")
    dff.create_roi_response_series(
        name="RoiResponseSeries", data=H5DataIO(traces, compression="gzip", chunks=(50, 2)),
        rois=region, unit="1", starting_time=t0, rate=rate)
    module.add(dff)
    nwb.trials = intervals("trials", starts, stops, {"direction": directions})
    speed_rate = 60.0
    speed = rng.uniform(0, 20, size=int(40 * speed_rate))
    nwb.add_acquisition(TimeSeries(
        name="running_speed", data=speed, starting_time=0.0, rate=speed_rate, unit="cm/s"))
    write(nwb, os.path.join(out, "ophys.nwb"))

    frame_times = t0 + np.arange(n_frames) / rate
    duration = float(np.median(stops - starts))
    samples = int(np.floor((duration + 1.0) * rate + 1e-9)) + 1
    grid = -1.0 + np.arange(samples) / rate
    resampled = np.zeros((n_rois, n_trials, samples))
    for r in range(n_rois):
        for k, start in enumerate(starts):
            resampled[r, k] = np.interp(start + grid, frame_times, traces[:, r],
                                        left=np.nan, right=np.nan)
    speed_times = np.arange(len(speed)) / speed_rate
    speed_resampled = np.array([np.interp(start + grid, speed_times, speed, left=np.nan,
                                          right=np.nan) for start in starts])
    return {
        "running_speed": speed_resampled.ravel().tolist(),
        "file": "ophys.nwb", "units": n_rois, "trials": n_trials, "samples": samples,
        "sample_times": grid.tolist(), "activity": resampled.tolist(),
        "direction": directions.tolist(),
    }


def make_malformed(out, source):
    with open(source, "rb") as f:
        data = f.read()
    with open(os.path.join(out, "truncated.nwb"), "wb") as f:
        f.write(data[: len(data) // 2])
    no_index = os.path.join(out, "units_no_index.nwb")
    shutil.copy(source, no_index)
    with h5py.File(no_index, "a") as f:
        del f["units/spike_times_index"]
    no_stop = os.path.join(out, "trials_no_stop.nwb")
    shutil.copy(source, no_stop)
    with h5py.File(no_stop, "a") as f:
        del f["intervals/trials/stop_time"]
    fluorescence = os.path.join(out, "ophys_fluorescence.nwb")
    shutil.copy(os.path.join(out, "ophys.nwb"), fluorescence)
    with h5py.File(fluorescence, "a") as f:
        f.move("processing/ophys/DfOverF", "processing/ophys/Fluorescence")
        f["processing/ophys/Fluorescence"].attrs["neurodata_type"] = "Fluorescence"
    with h5py.File(os.path.join(out, "not_nwb.nwb"), "w") as f:
        f["values"] = np.arange(10.0)
        f["group/inner"] = np.array([b"a", b"bc"])


def make_numpy(out, rng):
    """Every .npy variant the reader accepts, plus the ones it must reject."""
    base = np.arange(24, dtype=np.float64).reshape(2, 3, 4) * 0.5 - 3.0
    expected = {"values_c_order": base.ravel(order="C").tolist(), "shape": [2, 3, 4]}
    cases = []
    for dtype in ["<f8", "<f4", "<i8", "<i4", "<i2", "|u1", ">f8", ">f4", ">i8", ">i4",
                  ">i2"]:
        values = base if dtype[1] == "f" else np.abs(base * 2).astype(np.int64)
        array = values.astype(dtype)
        for order in ["C", "F"]:
            name = f"array_{dtype[1:]}_{'be' if dtype[0] == '>' else 'le'}_{order}.npy"
            np.save(os.path.join(out, name), np.asarray(array, order=order))
            cases.append({"file": name, "shape": [2, 3, 4],
                          "values": array.astype(np.float64).ravel(order="C").tolist()})

    flags = np.array([[True, False, True], [False, False, True]])
    np.save(os.path.join(out, "bool.npy"), flags)
    cases.append({"file": "bool.npy", "shape": [2, 3],
                  "values": flags.astype(float).ravel().tolist()})
    for version in [(1, 0), (2, 0), (3, 0)]:
        name = f"version_{version[0]}.npy"
        with open(os.path.join(out, name), "wb") as f:
            np.lib.format.write_array(f, base, version=version)
        cases.append({"file": name, "shape": [2, 3, 4],
                      "values": base.ravel().tolist()})

    np.save(os.path.join(out, "scalar.npy"), np.float64(2.5))
    cases.append({"file": "scalar.npy", "shape": [], "values": [2.5]})

    np.save(os.path.join(out, "object.npy"), np.array([{"a": 1}, None], dtype=object),
            allow_pickle=True)
    with open(os.path.join(out, "version_1.npy"), "rb") as f:
        whole = f.read()
    with open(os.path.join(out, "truncated.npy"), "wb") as f:
        f.write(whole[:-20])
    expected["cases"] = cases
    return expected


def make_session_folder(out, rng):
    """The array folder layout and its .npz twin, with a trials.csv that needs quoting."""
    folder = os.path.join(out, "session_arrays")
    os.makedirs(folder, exist_ok=True)
    n_units, n_trials, n_samples = 3, 8, 5
    responses = rng.normal(size=(n_units, n_trials, n_samples))
    times = np.linspace(-0.5, 1.5, n_samples)
    directions = np.tile([0.0, 90.0, 180.0, 270.0], 2)
    speed = rng.uniform(0, 10, size=n_trials)

    np.save(os.path.join(folder, "responses.npy"), np.asfortranarray(responses))
    np.save(os.path.join(folder, "times.npy"), times.astype(np.float32))
    with open(os.path.join(folder, "trials.csv"), "w") as f:
        f.write("direction,contrast,running_speed,label\n")
        for k in range(n_trials):
            contrast = "" if k == 3 else "0.5"
            label = '"grating, ""drifting"""' if k % 2 else "blank"
            f.write(f"{float(directions[k])!r},{contrast},{float(speed[k])!r},{label}\n")
    with open(os.path.join(folder, "units.csv"), "w") as f:
        f.write("unit_id\n" + "".join(f"cell{u}\n" for u in range(n_units)))

    npz_path = os.path.join(out, "session.npz")
    np.savez_compressed(npz_path, responses=responses, directions=directions,
                        times=times, running_speed=speed)
    stored_path = os.path.join(out, "session_stored.npz")
    np.savez(stored_path, responses=responses[:, :, 0], directions=directions)
    zip64_path = os.path.join(out, "session_zip64.npz")
    buffers = {}
    for name, array in [("responses", responses), ("directions", directions)]:
        buffer = io.BytesIO()
        np.save(buffer, array)
        buffers[name + ".npy"] = buffer.getvalue()
    write_zip64(zip64_path, buffers)
    with np.load(zip64_path) as check:
        assert np.array_equal(check["responses"], responses)

    long_path = os.path.join(out, "long_table.csv")
    with open(long_path, "w") as f:
        f.write("unit,trial,response,direction\n")
        for k in range(n_trials):
            for u in range(n_units):
                f.write(f"n{u},{k},{float(responses[u, k, 0])!r},{float(directions[k])!r}\n")

    return {
        "folder": "session_arrays", "npz": "session.npz", "npz_stored": "session_stored.npz",
        "npz_zip64": "session_zip64.npz",
        "long_csv": "long_table.csv",
        "units": n_units, "trials": n_trials, "samples": n_samples,
        "responses": responses.ravel().tolist(),
        "responses_first_sample": responses[:, :, 0].ravel().tolist(),
        "times": times.astype(np.float32).astype(np.float64).tolist(),
        "times_float64": times.tolist(),
        "direction": directions.tolist(), "running_speed": speed.tolist(),
        "contrast": [None if k == 3 else 0.5 for k in range(n_trials)],
        "label": ['grating, "drifting"' if k % 2 else "blank" for k in range(n_trials)],
        "unit_ids": [f"cell{u}" for u in range(n_units)],
    }


def write_zip64(path, members):
    """A stored (uncompressed) zip archive whose central directory uses zip64 records.

    Python's zipfile writes zip64 records only past 4 GiB or 65,535 members, so this writes
    the zip64 extra field, end record and locator by hand. Python's zipfile and numpy read
    the result, which the caller checks."""
    import struct
    import zlib

    body, central = b"", b""
    for name, data in members.items():
        encoded = name.encode()
        crc = zlib.crc32(data)
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, 0, 0, crc,
                            len(data), len(data), len(encoded), 0) + encoded + data
        extra = struct.pack("<HHQQQ", 0x0001, 24, len(data), len(data), offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 0, 0, 0, crc,
                               0xFFFFFFFF, 0xFFFFFFFF, len(encoded), len(extra), 0, 0, 0, 0,
                               0xFFFFFFFF) + encoded + extra
    count = len(members)
    record_offset = len(body) + len(central)
    record = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count,
                         len(central), len(body))
    locator = struct.pack("<IIQI", 0x07064B50, 0, record_offset, 1)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                      0xFFFFFFFF, 0)
    with open(path, "wb") as f:
        f.write(body + central + record + locator + end)


def make_scale(path, spec, rate_hz, seed):
    """A large units x trials NWB file for the loading benchmark."""
    n_units, n_trials = (int(x) for x in spec.lower().split("x"))
    rng = np.random.default_rng(seed)
    starts = np.arange(n_trials) * 1.5
    stops = starts + 1.0
    end = stops[-1] + 1.0
    counts = rng.poisson(rate_hz * end, size=n_units)
    spikes = [np.sort(rng.uniform(0, end, size=c)) for c in counts]
    nwb = new_file(f"scale-{n_units}x{n_trials}", "loading benchmark")
    nwb.units = units_table(spikes)
    nwb.trials = intervals("trials", starts, stops, {
        "direction": (np.arange(n_trials) % 8) * 45.0})
    write(nwb, path)
    print(f"wrote {path}: {n_units} units, {n_trials} trials, {int(counts.sum())} spikes")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="Tests/Fixtures/generated")
    parser.add_argument("--scale", help="UNITSxTRIALS: write only the benchmark file")
    parser.add_argument("--scale-out", default="/tmp/cortexscope-scale.nwb")
    parser.add_argument("--scale-rate", type=float, default=0.5,
                        help="mean firing rate of each benchmark unit (spikes/s)")
    args = parser.parse_args()
    if args.scale:
        make_scale(args.scale_out, args.scale, args.scale_rate, seed=7)
        return
    rng = np.random.default_rng(20240517)
    nwb_dir = os.path.join(args.out, "nwb")
    numpy_dir = os.path.join(args.out, "numpy")
    os.makedirs(nwb_dir, exist_ok=True)
    os.makedirs(numpy_dir, exist_ok=True)
    expected = {
        "units_trials": make_units_trials(nwb_dir, rng),
        "presentations": make_presentations(nwb_dir, rng),
        "ophys": make_ophys(nwb_dir, rng),
    }
    make_malformed(nwb_dir, os.path.join(nwb_dir, "units_trials.nwb"))
    with open(os.path.join(nwb_dir, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    numpy_expected = {"npy": make_numpy(numpy_dir, rng),
                      "session": make_session_folder(numpy_dir, rng)}
    with open(os.path.join(numpy_dir, "expected.json"), "w") as f:
        json.dump(numpy_expected, f, indent=1)
    print(f"wrote NWB fixtures to {nwb_dir} and NumPy/CSV fixtures to {numpy_dir}")


if __name__ == "__main__":
    main()
