"""Reference posteriors of the Gaussian scale mixture (GSM) model of V1 (Orbán, Berkes,
Fiser and Lengyel 2016) for the Swift tests.

Computed directly in the pixel space, without the factorisation the Swift code uses:
for each z, log N(x; 0, z^2 A C A^T + sigmaX^2 I) through a Dx x Dx Cholesky
factorisation, Sigma_z = inv(inv(C) + z^2 / sigmaX^2 A^T A), mu_z = z / sigmaX^2 Sigma_z A^T x,
and the mixture moments sum_n w_n mu_n and sum_n w_n (Sigma_n + mu_n mu_n^T) - mean mean^T.

The z grid follows the rule documented in GSMPosterior.swift. A coarse search runs over
141 geometric points from 1e-4 k theta to 1e3 k theta. The range is bounded by the coarse
points next to those within log(1e4) of the maximum, and the grid spaces points linearly
over it.

It also writes small parameter files and the toy model's posterior
(gsm_toy_reference.json) beside the output for the loader's tests.

Usage: gsm_reference.py --parameters model_parameters.mat --out gsm_reference.json
"""

import argparse
import json
import os
import sys

# One BLAS thread: on a shared two-core machine more threads only oversubscribe the cores.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import scipy.io
import scipy.linalg
from scipy.special import gammaln

GRID_SIZE = 100
COARSE_COUNT = 141
RANGE_RATIO = 1e4


def load(path):
    raw = scipy.io.loadmat(path)
    p = {name: np.asarray(raw[name], dtype=float) for name in
         ["Dx", "Dy", "wnode", "A", "rho", "sigmaX", "kGam", "thGam"]}
    return {
        "A": p["A"], "C": p["rho"], "W": p["wnode"], "ACAT": p["A"] @ p["rho"] @ p["A"].T,
        "s2": p["sigmaX"].item() ** 2, "k": p["kGam"].item(), "theta": p["thGam"].item(),
    }


def grating(contrast, direction_deg, cycles_per_pixel, phase_deg, size):
    """Image rows x columns, row 0 at the top; the wave vector points along the direction
    (counter-clockwise from the +column axis, rows counted downwards)."""
    rows, cols = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    px = cols - (size - 1) / 2
    py = (size - 1) / 2 - rows
    d = np.deg2rad(direction_deg)
    position = px * np.cos(d) + py * np.sin(d)
    return contrast * np.cos(2 * np.pi * cycles_per_pixel * position + np.deg2rad(phase_deg))


def to_input(image, m):
    """MATLAB's image(:) order, then the whitening filter wnode."""
    return m["W"] @ image.flatten(order="F")


def log_joint(z, x, m):
    dx = x.size
    cov = z * z * m["ACAT"] + m["s2"] * np.eye(dx)
    factor = scipy.linalg.cho_factor(cov, lower=True)
    logdet = 2 * np.sum(np.log(np.diag(factor[0])))
    quad = x @ scipy.linalg.cho_solve(factor, x)
    log_lik = -0.5 * (dx * np.log(2 * np.pi) + logdet + quad)
    k, theta = m["k"], m["theta"]
    log_prior = (k - 1) * np.log(z) - z / theta - gammaln(k) - k * np.log(theta)
    return log_prior + log_lik


def z_grid(x, m):
    prior_mean = m["k"] * m["theta"]
    coarse = np.exp(np.linspace(np.log(1e-4 * prior_mean), np.log(1e3 * prior_mean),
                                COARSE_COUNT))
    values = np.array([log_joint(z, x, m) for z in coarse])
    peak = values.max()
    keep = np.nonzero(values >= peak - np.log(RANGE_RATIO))[0]
    low = coarse[max(keep[0] - 1, 0)]
    high = coarse[min(keep[-1] + 1, COARSE_COUNT - 1)]
    return np.array([low + (high - low) * n / (GRID_SIZE - 1) for n in range(GRID_SIZE)])


def posterior(x, m):
    grid = z_grid(x, m)
    values = np.array([log_joint(z, x, m) for z in grid])
    weights = np.exp(values - values.max())
    weights /= weights.sum()
    precision_prior = np.linalg.inv(m["C"])
    ata = m["A"].T @ m["A"]
    dy = ata.shape[0]
    mean = np.zeros(dy)
    second = np.zeros((dy, dy))
    for z, w in zip(grid, weights):
        sigma = np.linalg.inv(precision_prior + z * z / m["s2"] * ata)
        sigma = (sigma + sigma.T) / 2
        mu = z / m["s2"] * sigma @ (m["A"].T @ x)
        mean += w * mu
        second += w * (sigma + np.outer(mu, mu))
    covariance = second - np.outer(mean, mean)
    return grid, weights, mean, covariance


def write_toy_files(folder):
    """Small parameter files: a valid 2x2-pixel model with 3 latents, one without sigmaX
    and one whose A has the wrong shape. Returns the valid file's parameters."""
    rng = np.random.RandomState(7)
    a = rng.standard_normal((4, 3))
    root = rng.standard_normal((3, 3))
    c = root @ root.T + 0.5 * np.eye(3)
    valid = {"Dx": np.array([[4.0]]), "Dy": np.array([[3.0]]), "wnode": np.eye(4),
             "A": a, "rho": c, "sigmaX": np.array([[0.7]]), "kGam": np.array([[2.0]]),
             "thGam": np.array([[1.5]]), "alpha": np.array([[1.4]]), "uTh": np.array([[1.9]]),
             "m": np.array([[10.0]]), "beta": np.array([[1.1]])}
    scipy.io.savemat(os.path.join(folder, "gsm_toy_parameters.mat"), valid)
    missing = {key: value for key, value in valid.items() if key != "sigmaX"}
    scipy.io.savemat(os.path.join(folder, "gsm_toy_missing_sigmax.mat"), missing)
    wrong = dict(valid, A=a[:, :2])
    scipy.io.savemat(os.path.join(folder, "gsm_toy_wrong_shape.mat"), wrong)
    return {"A": a, "C": c, "W": np.eye(4), "ACAT": a @ c @ a.T, "s2": 0.49, "k": 2.0,
            "theta": 1.5}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parameters", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    folder = os.path.dirname(os.path.abspath(args.out))
    toy = write_toy_files(folder)
    toy_x = np.array([0.5, -1.0, 2.0, 0.3])
    grid, weights, mean, covariance = posterior(toy_x, toy)
    toy_case = {"name": "toy", "image": None, "x": toy_x.tolist(), "z_grid": grid.tolist(),
                "z_weights": weights.tolist(), "mean": mean.tolist(),
                "covariance": covariance.ravel().tolist()}
    with open(os.path.join(folder, "gsm_toy_reference.json"), "w") as handle:
        json.dump({"grid_size": GRID_SIZE, "toy": toy_case}, handle)

    if not os.path.exists(args.parameters):
        print(f"gsm_reference.py: {args.parameters} not found; skipping", file=sys.stderr)
        return
    m = load(args.parameters)
    size = int(round(np.sqrt(m["A"].shape[0])))

    rng = np.random.RandomState(20161)
    stimuli = [
        ("grating_contrast_1", grating(1.0, 0.0, 0.125, 0.0, size)),
        ("grating_contrast_4", grating(4.0, 0.0, 0.125, 0.0, size)),
        ("grating_direction_60", grating(2.0, 60.0, 0.1875, 45.0, size)),
        ("blank", np.zeros((size, size))),
    ]
    # A pseudo-random input given directly in the model's input space (no whitening).
    inputs = [(name, image, to_input(image, m)) for name, image in stimuli]
    inputs.append(("random_input", None, rng.standard_normal(size * size)))
    cases = []
    for name, image, x in inputs:
        grid, weights, mean, covariance = posterior(x, m)
        cases.append({
            "name": name,
            "image": None if image is None else image.ravel().tolist(),
            "x": x.tolist(),
            "z_grid": grid.tolist(),
            "z_weights": weights.tolist(),
            "mean": mean.tolist(),
            "covariance": covariance.ravel().tolist(),
        })
        print(f"{name}: E[z|x] = {weights @ grid:.4f}, "
              f"mean posterior variance = {np.mean(np.diag(covariance)):.4f}")
    grating_spec = {"direction": [0.0, 0.0, 60.0], "cycles_per_pixel": [0.125, 0.125, 0.1875],
                    "phase": [0.0, 0.0, 45.0], "contrast": [1.0, 4.0, 2.0]}
    with open(args.out, "w") as handle:
        json.dump({"grid_size": GRID_SIZE, "gratings": grating_spec, "cases": cases}, handle)


if __name__ == "__main__":
    main()
