"""The data folders are found the same way from a checkout, an editable install and a wheel."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_an_installed_wheel_finds_its_flows_texts_and_catalogs(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("*.whl")
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # The libraries come from the environment running the tests, by a plain path line: its
    # .pth files (the checkout's editable install among them) are not read, so ``planner``
    # can only come from the wheel.
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "test-libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    where = subprocess.run(
        [str(python), "-c", "import planner.paths as p; print(p.data_root())"],
        cwd=outside,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert where.startswith(str(env_dir)), where
    assert Path(where, "locales", "en_GB", "LC_MESSAGES", "planner.mo").exists()
    check = subprocess.run(
        [str(env_dir / "bin" / "planner"), "check"],
        cwd=outside,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "All good" in check.stdout
    examples = subprocess.run(
        [str(env_dir / "bin" / "planner"), "examples"], cwd=outside, capture_output=True, text=True
    )
    assert "kai: " in examples.stdout


def test_a_checkout_finds_its_data_beside_the_package() -> None:
    from planner.paths import data_root

    assert data_root() == ROOT
