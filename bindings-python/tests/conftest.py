"""Shared helpers: the vector file, an independent signer, the reference venv.

These tests run against the INSTALLED wheel: the Makefile builds it,
installs it into a virtual environment and runs pytest from there, so a
packaging mistake fails the tests.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
EXAMPLES = REPO / "examples" / "aws_lambda"


def vectors_path() -> Path:
    override = os.environ.get("STDWEBHOOKS_VECTORS")
    return Path(override) if override else REPO / "tests" / "vectors" / "standard-webhooks.json"


def load_vectors() -> Dict[str, Any]:
    path = vectors_path()
    if not path.is_file():
        raise RuntimeError(f"the vector file is missing: {path} (set STDWEBHOOKS_VECTORS)")
    data: Dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    for name in ("verify", "sign", "keys", "endpoint_verification"):
        if not data.get(name):
            raise RuntimeError(f"the vector file {path} has no '{name}' cases")
    return data


VECTORS = load_vectors()


def payload_of(case: Dict[str, Any]) -> bytes:
    if "payload_b64" in case:
        return base64.b64decode(case["payload_b64"])
    return case["payload"].encode("utf-8")


def hmac_secret_bytes(secret: str) -> bytes:
    """Decodes a whsec_ secret with the standard library, independently of our code."""
    text = secret.strip()
    if text.startswith("whsec_"):
        text = text[len("whsec_"):]
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def stdlib_sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """A v1 signature made with Python's hmac module only."""
    mac = hmac.new(hmac_secret_bytes(secret), f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256)
    return "v1," + base64.b64encode(mac.digest()).decode()


SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def stdlib_headers(
    body: bytes, *, secret: str = SECRET, msg_id: str = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", timestamp: Optional[int] = None
) -> Dict[str, str]:
    import time

    ts = int(time.time()) if timestamp is None else timestamp
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(ts),
        "webhook-signature": stdlib_sign(secret, msg_id, ts, body),
    }


# ---------------------------------------------------------------------------
# The reference package, in a virtual environment of its own (both it and our
# drop-in import as `standardwebhooks`, so they cannot share one).

def reference_python() -> Path:
    value = os.environ.get("STDWEBHOOKS_REFERENCE_PYTHON")
    if not value:
        raise RuntimeError(
            "STDWEBHOOKS_REFERENCE_PYTHON is not set: `make test` creates a venv with "
            "standardwebhooks==1.1.0 from PyPI and points this variable at its python"
        )
    return Path(value)


def run_reference(script: str, stdin: Any) -> Any:
    """Runs `script` under the reference package; JSON in on stdin, JSON out on stdout."""
    proc = subprocess.run(
        [str(reference_python()), "-c", script],
        input=json.dumps(stdin),
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    if proc.returncode != 0:
        raise AssertionError(f"reference subprocess failed:\n{proc.stderr}")
    return json.loads(proc.stdout)


@pytest.fixture(scope="session")
def reference() -> Any:
    path = reference_python()
    info = run_reference(
        "import json, standardwebhooks, sys; print(json.dumps([standardwebhooks.__version__, standardwebhooks.__file__]))",
        None,
    )
    assert info[0] == "1.1.0", info
    assert "stdwebhooks" not in info[1], f"the reference venv imports our drop-in: {info[1]}"
    return run_reference


def ids(cases: List[Dict[str, Any]]) -> List[str]:
    return [c["name"] for c in cases]


def python() -> str:
    return sys.executable
