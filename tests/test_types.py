"""The public surface type-checks (mypy, configured in pyproject.toml's ``[tool.mypy]``)."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.mark.skipif(shutil.which("mypy") is None, reason="mypy is installed with the test extra")
def test_mypy_on_the_public_surface():
    proc = subprocess.run(["mypy"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
