#!/usr/bin/env python3
"""Compute reference tuning metrics for the Park et al. 2024 sessions with numpy and scipy.

Reads every *_data.mat file in the data folder with scipy.io.loadmat, independently of the
Swift importer, and writes one JSON file that Tests/DataTests compares against
TuningReport.compute and NoiseCorrelations.compute. The definitions follow the Swift doc
comments, which cite AllenSDK:

- trial response: nanmean over the response window (0, 2] s minus nanmean over the baseline
  window [-1, 0) s;
- per direction: mean, SEM (std with ddof=1 / sqrt(n)), n of the finite responses;
- preferred direction: argmax of the means;
- peak OSI and DSI: AllenSDK's DriftingGratings.get_peak;
- global OSI and DSI: AllenSDK's osi and dsi after clipping negative means to 0;
- reliability: mean Pearson r over pairs of preferred-direction trials of their
  response-window traces;
- running and pupil modulation: AllenSDK's get_running_modulation formula at the preferred
  direction, at least 2 trials per group; running means mean speed over the response window
  >= 0.05; large pupil means mean pupil over the response window > the session median;
- Fano factor: var (ddof=1) / mean at the preferred direction, undefined when mean <= 0;
- noise correlations: Pearson r of within-direction z-scored residuals, NaN residuals as 0.

Undefined values are written as null.
"""

import argparse
import glob
import json
import os
import sys
import warnings

import numpy as np
import scipy.io

TOLERANCE = 1e-9
RUNNING_THRESHOLD = 0.05
MIN_GROUP = 2


def cell_to_array(cell):
    """Stack a 1 x trials MATLAB cell of samples x 1 vectors into a trials x samples array."""
    return np.array([np.asarray(c, dtype=float).ravel() for c in cell.ravel()])


def load_session(path):
    mat = scipy.io.loadmat(path)
    d = mat["D"][0, 0]
    te = mat["TE"][0, 0]
    names = [n for n in d.dtype.names if n.startswith("neuron") and n[6:].isdigit()]
    names.sort(key=lambda n: int(n[6:]))
    activity = np.stack([cell_to_array(d[n]) for n in names])
    speed = cell_to_array(d["speed"])
    pupil = cell_to_array(d["pupil_zscore"])
    directions = np.asarray(te["direction"], dtype=float).ravel()
    t = np.asarray(mat["t"], dtype=float).ravel()
    return names, activity, speed, pupil, directions, t


def finite_mean(x, axis):
    """nanmean that also ignores infinities, NaN when nothing is finite."""
    x = np.where(np.isfinite(x), x, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(x, axis=axis)


def ratio(numerator, denominator):
    if denominator == 0 or not np.isfinite(numerator) or not np.isfinite(denominator):
        return None
    return float(numerator / denominator)


def modulation(group, reference):
    if len(group) < MIN_GROUP or len(reference) < MIN_GROUP:
        return None
    a, b = np.mean(group), np.mean(reference)
    if a > b:
        value = (a - b) / a
        denominator = a
    else:
        value = -1 * (b - a) / b
        denominator = b
    if not denominator > 0:
        return None
    return float(value)


def vector_strength(means, radians, harmonic):
    if any(m is None for m in means):
        return None
    r = np.clip(np.array(means, dtype=float), 0, None)
    if r.sum() <= 0:
        return None
    return float(np.abs(np.sum(r * np.exp(1j * harmonic * radians))) / r.sum())


def reliability(traces):
    values = []
    for i in range(len(traces)):
        for j in range(i + 1, len(traces)):
            x, y = traces[i], traces[j]
            ok = np.isfinite(x) & np.isfinite(y)
            if ok.sum() < 2:
                continue
            x, y = x[ok], y[ok]
            if np.var(x) == 0 or np.var(y) == 0:
                continue
            values.append(np.corrcoef(x, y)[0, 1])
    return float(np.mean(values)) if values else None


def condition_index(values, degrees):
    target = np.mod(degrees, 360)
    for k, v in enumerate(values):
        diff = abs(np.mod(v, 360) - target)
        if min(diff, 360 - diff) < 1e-6:
            return k
    return None


def analyse(path):
    names, activity, speed, pupil, directions, t = load_session(path)
    baseline = (t >= -1 - TOLERANCE) & (t < 0 - TOLERANCE)
    window = (t > 0 + TOLERANCE) & (t <= 2 + TOLERANCE)
    responses = finite_mean(activity[:, :, window], 2) - finite_mean(activity[:, :, baseline], 2)

    values = np.unique(directions[np.isfinite(directions)])
    groups = [np.flatnonzero(directions == v) for v in values]
    radians = np.deg2rad(values)

    trial_speed = finite_mean(speed[:, window], 1)
    running = np.where(np.isfinite(trial_speed), trial_speed >= RUNNING_THRESHOLD, False)
    still = np.isfinite(trial_speed) & ~(trial_speed >= RUNNING_THRESHOLD)
    trial_pupil = finite_mean(pupil[:, window], 1)
    median = np.median(trial_pupil[np.isfinite(trial_pupil)])
    large = np.isfinite(trial_pupil) & (trial_pupil > median)
    small = np.isfinite(trial_pupil) & ~(trial_pupil > median)

    neurons = []
    for u, name in enumerate(names):
        means, sems, counts = [], [], []
        for g in groups:
            r = responses[u, g]
            r = r[np.isfinite(r)]
            counts.append(int(len(r)))
            means.append(float(r.mean()) if len(r) else None)
            sems.append(float(r.std(ddof=1) / np.sqrt(len(r))) if len(r) > 1 else None)
        defined = [m if m is not None else -np.inf for m in means]
        entry = {"id": name, "mean": means, "sem": sems, "n": counts}
        if all(m is None for m in means):
            neurons.append(entry)
            continue
        p = int(np.argmax(defined))
        pref = means[p]
        entry["preferredDirection"] = float(values[p])
        plus = condition_index(values, values[p] + 90)
        minus = condition_index(values, values[p] - 90)
        null = condition_index(values, values[p] + 180)
        osi = None
        if plus is not None and minus is not None and None not in (means[plus], means[minus]):
            orth = (means[plus] + means[minus]) / 2
            osi = ratio(pref - orth, pref + orth)
        dsi = None
        if null is not None and means[null] is not None:
            dsi = ratio(pref - means[null], pref + means[null])
        entry["osi"] = osi
        entry["dsi"] = dsi
        entry["globalOSI"] = vector_strength(means, radians, 2)
        entry["globalDSI"] = vector_strength(means, radians, 1)

        trials = groups[p][np.isfinite(responses[u, groups[p]])]
        r = responses[u, trials]
        fano = None
        if len(r) > 1 and r.mean() > 0:
            fano = float(r.var(ddof=1) / r.mean())
        entry["fanoFactor"] = fano
        entry["reliability"] = reliability(activity[u][trials][:, window])
        entry["runningModulation"] = modulation(r[running[trials]], r[still[trials]])
        entry["pupilModulation"] = modulation(r[large[trials]], r[small[trials]])
        neurons.append(entry)

    return {
        "name": os.path.basename(path)[: -len("_data.mat")],
        "neuronCount": len(names),
        "directions": values.tolist(),
        "runningTrials": int(running.sum()),
        "stationaryTrials": int(still.sum()),
        "neurons": neurons,
        "noiseCorrelations": noise_correlations(responses, groups),
    }


def noise_correlations(responses, groups):
    z = np.zeros_like(responses)
    for g in groups:
        r = responses[:, g]
        for u in range(responses.shape[0]):
            ok = np.isfinite(r[u])
            if ok.sum() < 2:
                continue
            sd = r[u, ok].std(ddof=1)
            if sd <= 0:
                continue
            z[u, g[ok]] = (r[u, ok] - r[u, ok].mean()) / sd
    products = z @ z.T
    norms = np.sqrt(np.outer(np.diag(products), np.diag(products)))
    with np.errstate(invalid="ignore", divide="ignore"):
        c = np.where(norms > 0, products / norms, np.nan)
    np.fill_diagonal(c, np.where(np.diag(products) > 0, 1.0, np.nan))
    return [[None if not np.isfinite(v) else float(v) for v in row] for row in c]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="output JSON path")
    parser.add_argument(
        "--data",
        default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "park2024"),
        help="folder with the *_data.mat files (default: ../shared/data/park2024)",
    )
    args = parser.parse_args()
    paths = sorted(glob.glob(os.path.join(args.data, "*_data.mat")))
    if not paths:
        print(f"park_reference: no *_data.mat files in {args.data}; nothing written",
              file=sys.stderr)
        return 0
    sessions = [analyse(p) for p in paths]
    report = {
        "runningThreshold": RUNNING_THRESHOLD,
        "baselineWindow": [-1, 0],
        "responseWindow": [0, 2],
        "sessions": sessions,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(report, f)
    print(f"park_reference: wrote {len(sessions)} sessions to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
