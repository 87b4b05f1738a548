# Cortexscope: set-up, build, run and test on a Debian machine (run as root, or with sudo
# rights for apt-get). `make run` and `make test` each install what is missing first.

export PATH := /opt/swift/usr/bin:$(PATH)
export SWIFT_BACKTRACE := interactive=no

SWIFT ?= swift
PYTHON ?= python3
VENV := .venv
VENV_PYTHON := $(VENV)/bin/python

# Debian packages: C libraries bridged into Swift, pkg-config to find them, tmux for the
# end-to-end tests of the terminal interface.
APT_PACKAGES := libncurses-dev libmatio-dev libhdf5-dev libopenblas-dev zlib1g-dev \
	libpng-dev libjpeg-dev libkissfft-dev pkg-config tmux unzip

# A sibling shared/data folder (a development checkout) joins the data search path.
SHARED_DATA := $(abspath ../shared/data)
DATA_PATH := $(CORTEXSCOPE_DATA_PATH)$(if $(wildcard $(SHARED_DATA)),$(if $(CORTEXSCOPE_DATA_PATH),:)$(SHARED_DATA))

FIXTURES := Tests/Fixtures/generated
# scikit-image's bundled photographs (public domain / CC0), extracted from its wheel.
IMAGES := .build/images/skimage

.PHONY: all deps pydeps fixtures images build build-debug run test bench clean

all: build

deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' \
			|| missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# Python packages for the reference scripts, in a virtual environment that reuses the
# system's numpy and scipy where they are installed.
$(VENV)/.ready: scripts/requirements.txt
	$(PYTHON) -m venv --system-site-packages $(VENV)
	$(VENV_PYTHON) -m pip install -q -r scripts/requirements.txt
	touch $@

pydeps: $(VENV)/.ready

fixtures: pydeps images
	@mkdir -p $(FIXTURES)
	$(VENV_PYTHON) scripts/image_reference.py --images $(IMAGES) --out $(FIXTURES)/image_reference.json
	$(VENV_PYTHON) scripts/make_nwb_fixtures.py --out $(FIXTURES)
	$(VENV_PYTHON) scripts/make_hdf5_fixtures.py --out $(FIXTURES)/hdf5
	$(VENV_PYTHON) scripts/park_reference.py --out $(FIXTURES)/park_reference.json
	$(VENV_PYTHON) scripts/mat_fixtures.py --out $(FIXTURES)/mat
	$(VENV_PYTHON) scripts/gsm_reference.py \
		--parameters $(SHARED_DATA)/gsm-orban2016/model_parameters.mat \
		--out $(FIXTURES)/gsm_reference.json
	$(VENV_PYTHON) scripts/safetensors_reference.py --write $(FIXTURES)/safetensors_reference.safetensors

# Idempotent: the script returns at once when every photograph and LICENSES.txt exist.
images:
	$(PYTHON) scripts/fetch_images.py --out $(IMAGES)

build: deps
	$(SWIFT) build -c release --product cortexscope

build-debug: deps
	$(SWIFT) build --build-tests

run: build images
	CORTEXSCOPE_DATA_PATH="$(DATA_PATH)" .build/release/cortexscope

test: deps fixtures images
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The PyTorch reference runs from .venv-bench, made from the CPU-only torch wheel when it
# exists (scripts/setup_bench_venv.sh); without it the benchmark reports the reference as
# unavailable. BENCH_ARGS passes options, for example BENCH_ARGS="--format json".
bench: deps images
	$(SWIFT) build -c release --product cortexscope-bench
	-sh scripts/setup_bench_venv.sh .venv-bench
	.build/release/cortexscope-bench --no-install $(BENCH_ARGS)

clean:
	rm -rf .build $(VENV) .venv-bench $(FIXTURES)
