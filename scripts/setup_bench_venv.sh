#!/bin/sh
# Create .venv-bench with the CPU-only torch wheel for the PyTorch reference benchmark.
# The wheel is looked for in $TORCH_WHEEL, else /opt/wheels/torch-*+cpu*.whl. Without it
# the script prints why and exits 3, and the benchmark reports the reference as unavailable.
# Torch's own dependencies (filelock, sympy, ...) come from the Python package registry.
set -eu

venv="${1:-.venv-bench}"
python="${PYTHON:-python3}"

if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import torch" 2>/dev/null; then
    exit 0
fi

wheel="${TORCH_WHEEL:-}"
if [ -z "$wheel" ]; then
    for candidate in /opt/wheels/torch-*+cpu*.whl; do
        [ -f "$candidate" ] && wheel="$candidate"
    done
fi
if [ -z "$wheel" ] || [ ! -f "$wheel" ]; then
    echo "PyTorch reference unavailable: no CPU-only torch wheel found" \
        "(set TORCH_WHEEL=/path/to/torch-...+cpu-...whl)." >&2
    exit 3
fi

echo "Installing $(basename "$wheel") into $venv" >&2
"$python" -m venv --system-site-packages "$venv"
"$venv/bin/python" -m pip install --quiet "$wheel"
