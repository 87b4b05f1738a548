"""Time the reference two-layer hierarchical VAE in PyTorch (CPU) as a speed reference.

Architecture (16x16 patches, 256 pixels), as in the Swift model's reference configuration:
  q(z2 | x)      256-512-512-(2x32)
  q(z1 | x, z2)  (256+32)-512-512-(2x128)
  p(z1 | z2)     32-256-(2x128)
  p(x | z1)      128-512-512-256, Gaussian with one learned log-variance (initially 0)
ReLU after every hidden layer, p(z2) = N(0, I), Adam (step size 1e-3), batch 128.
ELBO = E_q[log p(x | z1)] - KL(q(z2 | x) || p(z2)) - E_q(z2|x)[KL(q(z1 | x, z2) || p(z1 | z2))],
one reparameterised sample per patch; the loss is the batch mean of -ELBO.

Prints one JSON object: steps_per_second (training), eval_patches_per_second (held-out ELBO
without gradients), threads, gflops_estimate and the settings. gflops_estimate counts only
the dense layers' matrix products: 2 * batch * sum(in * out) for the forward pass and twice
that for the backward pass, 6 * batch * sum(in * out) a step. It is an estimate: it leaves
out the element-wise work and counts input gradients that the first layers do not need.
"""

import argparse
import json
import math
import time

import torch
from torch import nn

LAYERS = {
    "encoder_z2": [256, 512, 512, 64],
    "encoder_z1": [256 + 32, 512, 512, 256],
    "prior_z1": [32, 256, 256],
    "decoder": [128, 512, 512, 256],
}


def multilayer_perceptron(widths):
    """Dense layers with ReLU between them and none after the last."""
    layers = []
    for index, (inputs, outputs) in enumerate(zip(widths, widths[1:])):
        layers.append(nn.Linear(inputs, outputs))
        if index < len(widths) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def gaussian_kl(mean_q, logvar_q, mean_p, logvar_p):
    """KL(N(mean_q, exp(logvar_q)) || N(mean_p, exp(logvar_p))), summed over the last axis."""
    return 0.5 * torch.sum(
        logvar_p - logvar_q + (torch.exp(logvar_q) + (mean_q - mean_p) ** 2) / torch.exp(logvar_p) - 1,
        dim=-1)


class HierarchicalVAE(nn.Module):
    """The reference two-layer VAE; `forward` returns per-patch ELBO terms."""

    def __init__(self):
        super().__init__()
        self.encoder_z2 = multilayer_perceptron(LAYERS["encoder_z2"])
        self.encoder_z1 = multilayer_perceptron(LAYERS["encoder_z1"])
        self.prior_z1 = multilayer_perceptron(LAYERS["prior_z1"])
        self.decoder = multilayer_perceptron(LAYERS["decoder"])
        self.decoder_logvar = nn.Parameter(torch.zeros(()))

    def forward(self, x):
        mean2, logvar2 = self.encoder_z2(x).chunk(2, dim=-1)
        z2 = mean2 + torch.exp(0.5 * logvar2) * torch.randn_like(mean2)
        mean1, logvar1 = self.encoder_z1(torch.cat([x, z2], dim=-1)).chunk(2, dim=-1)
        z1 = mean1 + torch.exp(0.5 * logvar1) * torch.randn_like(mean1)
        prior_mean1, prior_logvar1 = self.prior_z1(z2).chunk(2, dim=-1)
        reconstruction_mean = self.decoder(z1)

        pixels = x.shape[-1]
        squared_error = torch.sum((x - reconstruction_mean) ** 2, dim=-1)
        reconstruction = -0.5 * (
            pixels * (math.log(2 * math.pi) + self.decoder_logvar)
            + squared_error * torch.exp(-self.decoder_logvar))
        kl_z2 = gaussian_kl(mean2, logvar2, torch.zeros_like(mean2), torch.zeros_like(logvar2))
        kl_z1 = gaussian_kl(mean1, logvar1, prior_mean1, prior_logvar1)
        return reconstruction, kl_z2, kl_z1


def flops_per_step(batch):
    """Estimated floating-point operations of one training step (see the module docstring)."""
    products = sum(a * b for widths in LAYERS.values() for a, b in zip(widths, widths[1:]))
    return 6 * batch * products


def load_patches(path, batch):
    """Patches from a float32 .npy file (n x 256), or None when no path is given."""
    if path is None:
        return None
    import numpy as np

    patches = np.load(path).astype("float32")
    if patches.ndim != 2 or patches.shape[1] != 256 or patches.shape[0] < batch:
        raise SystemExit(f"{path}: expected at least {batch} x 256 patches, got {patches.shape}")
    return torch.from_numpy(patches)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=200, help="timed training steps")
    parser.add_argument("--warmup", type=int, default=20, help="untimed steps first")
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads")
    parser.add_argument("--batch", type=int, default=128, help="patches per step")
    parser.add_argument("--eval-patches", type=int, default=4096,
                        help="patches for the held-out ELBO timing (0 to skip)")
    parser.add_argument("--patches", help="float32 .npy of n x 256 patches; else N(0, 1) noise")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    model = HierarchicalVAE()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    patches = load_patches(args.patches, args.batch)
    if patches is None:
        patches = torch.randn(16 * args.batch, 256)
    batches = patches.shape[0] // args.batch

    def train_step(step):
        start = (step % batches) * args.batch
        reconstruction, kl_z2, kl_z1 = model(patches[start:start + args.batch])
        loss = -(reconstruction - kl_z2 - kl_z1).mean()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.item()

    for step in range(args.warmup):
        train_step(step)
    begin = time.perf_counter()
    for step in range(args.steps):
        loss = train_step(step)
    seconds = time.perf_counter() - begin
    steps_per_second = args.steps / seconds

    eval_rate = None
    if args.eval_patches > 0:
        repeats = math.ceil(args.eval_patches / patches.shape[0])
        held_out = patches.repeat(repeats, 1)[:args.eval_patches]
        with torch.no_grad():
            model(held_out[:args.batch])
            begin = time.perf_counter()
            for start in range(0, args.eval_patches, args.batch):
                reconstruction, kl_z2, kl_z1 = model(held_out[start:start + args.batch])
                (reconstruction - kl_z2 - kl_z1).mean().item()
            eval_rate = args.eval_patches / (time.perf_counter() - begin)

    print(json.dumps({
        "steps_per_second": steps_per_second,
        "eval_patches_per_second": eval_rate,
        "threads": args.threads,
        "gflops_estimate": flops_per_step(args.batch) * steps_per_second / 1e9,
        "flops_per_step": flops_per_step(args.batch),
        "steps": args.steps,
        "batch": args.batch,
        "final_loss": loss,
        "torch_version": torch.__version__,
    }))


if __name__ == "__main__":
    main()
