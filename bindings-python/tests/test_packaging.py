"""The tests run against the installed wheel, and that wheel is abi3."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import standardwebhooks
import stdwebhooks
from stdwebhooks import _native


def test_imports_come_from_the_installed_wheel() -> None:
    for module in (stdwebhooks, standardwebhooks, _native):
        assert "site-packages" in (module.__file__ or ""), module.__file__
    assert Path(_native.__file__).name.endswith(".abi3.so") or _native.__file__.endswith(".pyd")


def test_wheel_is_abi3_and_complete() -> None:
    wheel = os.environ.get("STDWEBHOOKS_WHEEL")
    assert wheel, "make test sets STDWEBHOOKS_WHEEL to the wheel it built"
    name = Path(wheel).name
    assert name.startswith("stdwebhooks-") and "-abi3-" in name and "cp39" in name, name
    files = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "stdwebhooks/__init__.py",
        "stdwebhooks/errors.py",
        "stdwebhooks/aws_lambda.py",
        "stdwebhooks/testing.py",
        "stdwebhooks/_native.pyi",
        "stdwebhooks/py.typed",
        "standardwebhooks/__init__.py",
        "standardwebhooks/webhooks.py",
        "standardwebhooks/exceptions.py",
        "standardwebhooks/py.typed",
    ):
        assert required in files, required
    assert any(f.startswith("stdwebhooks/_native") and f.endswith(".so") for f in files)


def test_versions() -> None:
    assert stdwebhooks.__version__ == _native.__version__
    cargo = (Path(__file__).resolve().parents[2] / "Cargo.toml").read_text()
    assert f'version = "{stdwebhooks.__version__}"' in cargo
    assert standardwebhooks.__version__ == "1.1.0"


def test_module_is_gil_free_declared() -> None:
    # abi3 wheels cannot load on free-threaded builds; on regular builds the
    # flag is simply recorded. Nothing to assert beyond a clean import.
    assert _native.DEFAULT_TOLERANCE == 300
