#!/usr/bin/env python3
"""Time training steps of the reference two-layer VAE in PyTorch, for comparison with
Cortexscope's `vae-timing` tool.

The architecture matches VAEConfiguration.reference: 16 x 16 patches, batch 128,
q(z2|x) 256-512-512-(2x32), q(z1|x,z2) (256+32)-512-512-(2x128), p(z1|z2) 32-256-(2x128),
decoder 128-512-512-256, ReLU, a learned scalar decoder log-variance, Adam with lr 1e-3.
It leaves out the KL warm-up, which changes no cost of a step.
Prints steps per second (median of 5 blocks) as one line.

Usage: vae_torch_timing.py [threads] [steps]   (needs a CPU build of torch)
"""

import math
import statistics
import sys
import time

import torch
from torch import nn


def mlp(widths):
    layers = []
    for index in range(len(widths) - 1):
        layers.append(nn.Linear(widths[index], widths[index + 1]))
        if index < len(widths) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class HierarchicalVAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.q_z2 = mlp([256, 512, 512, 64])
        self.q_z1 = mlp([288, 512, 512, 256])
        self.p_z1 = mlp([32, 256, 256])
        self.decoder = mlp([128, 512, 512, 256])
        self.log_variance = nn.Parameter(torch.zeros(1))

    def loss(self, x):
        mean2, log_var2 = self.q_z2(x).chunk(2, dim=1)
        z2 = mean2 + torch.exp(0.5 * log_var2) * torch.randn_like(mean2)
        mean_q, log_var_q = self.q_z1(torch.cat([x, z2], dim=1)).chunk(2, dim=1)
        mean_p, log_var_p = self.p_z1(z2).chunk(2, dim=1)
        z1 = mean_q + torch.exp(0.5 * log_var_q) * torch.randn_like(mean_q)
        x_mean = self.decoder(z1)
        recon = -0.5 * (
            math.log(2 * math.pi) + self.log_variance
            + (x - x_mean) ** 2 * torch.exp(-self.log_variance)
        ).sum(dim=1)
        kl2 = 0.5 * (torch.exp(log_var2) + mean2**2 - 1 - log_var2).sum(dim=1)
        kl1 = 0.5 * (
            log_var_p - log_var_q
            + (torch.exp(log_var_q) + (mean_q - mean_p) ** 2) * torch.exp(-log_var_p) - 1
        ).sum(dim=1)
        return -(recon - kl2 - kl1).mean()


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = HierarchicalVAE()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    batch = torch.randn(128, 256)

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = model.loss(batch)
        loss.backward()
        optimizer.step()

    for _ in range(20):
        step()
    rates = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(steps // 5):
            step()
        rates.append((steps // 5) / (time.perf_counter() - start))
    print(f"torch threads {threads}: steps/s median {statistics.median(rates):.1f} "
          f"(min {min(rates):.1f}, max {max(rates):.1f})")


if __name__ == "__main__":
    main()
