"""Extract scikit-image's bundled natural photographs into a folder, with their licences.

The photographs ship inside the scikit-image wheel (skimage/data/). This script downloads
the wheel from the package registry with `pip download` (no other host, nothing at run
time), copies the chosen photographs into OUT and writes OUT/LICENSES.txt with the licence
note that skimage/data/_fetchers.py gives for each one. Running it again with every file
already present does nothing.

Chosen (natural photographs whose licence skimage states): astronaut, camera, chelsea,
coffee, rocket, brick, grass, gravel. Left out because skimage states no licence for them:
moon, motorcycle_left and motorcycle_right. Left out because they are not natural
photographs: text, page, logo, color, chessboard_*, horse and phantom (drawings, scans or
synthetic); cell, ihc, retina and microaneurysms (microscopy and medical images); coins
(a museum scan), clock_motion (a motion-blurred test image) and hubble_deep_field
(astronomical, mostly black sky).
"""

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

# Image file in skimage/data -> the loader function whose docstring states its licence.
CHOSEN = {
    "astronaut.png": "astronaut",
    "camera.png": "camera",
    "chelsea.png": "chelsea",
    "coffee.png": "coffee",
    "rocket.jpg": "rocket",
    "brick.png": "brick",
    "grass.png": "grass",
    "gravel.png": "gravel",
}

LICENCE_WORDS = ("copyright", "public domain", "cc0", "creative commons", "licen")


def licence_note(docstring: str) -> str:
    """Return the paragraphs of a loader's docstring that state the image's licence."""
    docstring = re.sub(r"(Notes|References|Returns)\n-+\n", "\n\n", docstring)
    paragraphs = [p.strip() for p in docstring.split("\n\n")]
    chosen = [p for p in paragraphs if any(w in p.lower() for w in LICENCE_WORDS)]
    source = [p for p in paragraphs if "downloaded from" in p.lower() or "photograph" in p.lower()]
    selected = []
    for paragraph in source + chosen:
        if paragraph not in selected and not paragraph.startswith(">>>"):
            selected.append(paragraph)
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in selected)


def download_wheel(folder: Path) -> Path:
    """Download the scikit-image wheel for this Python into folder and return its path."""
    command = [
        sys.executable, "-m", "pip", "download", "scikit-image", "--no-deps",
        "--only-binary", ":all:", "--quiet", "-d", str(folder),
    ]
    subprocess.run(command, check=True)
    wheels = sorted(folder.glob("scikit_image-*.whl"))
    if not wheels:
        sys.exit(f"pip download left no scikit_image wheel in {folder}")
    return wheels[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--wheel", type=Path, help="use this wheel instead of downloading")
    args = parser.parse_args()

    out: Path = args.out
    expected_files = list(CHOSEN) + ["LICENSES.txt"]
    if all((out / name).is_file() for name in expected_files):
        print(f"{out}: {len(CHOSEN)} photographs already present")
        return

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        wheel = args.wheel or download_wheel(Path(scratch))
        with zipfile.ZipFile(wheel) as archive:
            for name in CHOSEN:
                with archive.open(f"skimage/data/{name}") as source, open(out / name, "wb") as target:
                    shutil.copyfileobj(source, target)
            fetchers = archive.read("skimage/data/_fetchers.py").decode("utf-8")
            readme = archive.read("skimage/data/README.txt").decode("utf-8")
            dist_licence = next(
                (archive.read(n).decode("utf-8") for n in archive.namelist()
                 if n.endswith(".dist-info/LICENSE.txt")), "")

    docstrings = {
        node.name: ast.get_docstring(node) or ""
        for node in ast.parse(fetchers).body if isinstance(node, ast.FunctionDef)
    }
    lines = [
        f"Photographs extracted from {wheel.name}.",
        "Each licence below is quoted from the docstring of the matching loader in",
        "skimage/data/_fetchers.py; skimage/data/README.txt states none per image.",
        "",
    ]
    for name, loader in CHOSEN.items():
        note = licence_note(docstrings.get(loader, ""))
        if not note:
            sys.exit(f"skimage/data/_fetchers.py states no licence for {name}; not extracting it")
        lines += [f"== {name} (skimage.data.{loader}) ==", note, ""]
    lines += ["== skimage/data/README.txt ==", readme.strip(), ""]
    (out / "LICENSES.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "SCIKIT_IMAGE_LICENSE.txt").write_text(dist_licence, encoding="utf-8")
    print(f"{out}: extracted {len(CHOSEN)} photographs from {wheel.name}")


if __name__ == "__main__":
    main()
