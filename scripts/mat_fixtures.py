#!/usr/bin/env python3
"""Write small MATLAB files that exercise the Park session importer's error paths.

- other_layout.mat: variables `X` and `labels`, not the Park layout.
- park_irregular.mat: the Park layout with 4 neurons over 8 trials of 5 samples. neuron2
  has 7 trials, neuron3 has one trial of 4 samples, and neuron10 has NaN samples. The
  importer keeps neuron1 and neuron10 (in that order) and warns about the others.

Written with scipy.io.savemat (MATLAB level 5, compressed like MATLAB's own files).
"""

import argparse
import os

import numpy as np
import scipy.io


def cell(traces):
    """A 1 x len(traces) MATLAB cell of column vectors."""
    out = np.empty((1, len(traces)), dtype=object)
    for k, trace in enumerate(traces):
        out[0, k] = np.asarray(trace, dtype=float).reshape(-1, 1)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="output folder")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    scipy.io.savemat(
        os.path.join(args.out, "other_layout.mat"),
        {"X": np.arange(6.0).reshape(2, 3), "labels": np.array(["a", "b"])},
        do_compression=True,
    )

    trials, samples = 8, 5
    rng = np.random.default_rng(7)
    good = [rng.normal(size=samples) for _ in range(trials)]
    with_nan = [rng.normal(size=samples) for _ in range(trials)]
    with_nan[2][1] = np.nan
    short_trial = [rng.normal(size=samples) for _ in range(trials)]
    short_trial[5] = short_trial[5][:4]
    session = {
        "neuron1": cell(good),
        "neuron2": cell([rng.normal(size=samples) for _ in range(trials - 1)]),
        "neuron3": cell(short_trial),
        "neuron10": cell(with_nan),
        "speed": cell([np.full(samples, 0.5 * (k % 2)) for k in range(trials)]),
        "pupil_zscore": cell([np.full(samples, k / trials) for k in range(trials)]),
    }
    te = {
        "direction": np.array([[0, 90, 180, 270, 0, 90, 180, 270]], dtype=float),
        "nTrials": np.array([[trials]], dtype=float),
        "dt": np.array([[0.5]]),
    }
    scipy.io.savemat(
        os.path.join(args.out, "park_irregular.mat"),
        {"D": session, "TE": te, "t": np.array([[-1.0, -0.5, 0.0, 0.5, 1.0]])},
        do_compression=True,
    )
    print(f"mat_fixtures: wrote other_layout.mat and park_irregular.mat to {args.out}")


if __name__ == "__main__":
    main()
