"""A panic inside the Rust code surfaces as stdwebhooks.InternalError, a
WebhookVerificationError, never as pyo3's PanicException (a BaseException
that `except Exception` would miss).

The test wheel is built with the cargo feature `test-panic`, which makes a
verify whose webhook-id is `stdwebhooks-test-panic` panic inside the core
call; release wheels do not contain that path.
"""

from __future__ import annotations

import pytest

import stdwebhooks
from standardwebhooks.webhooks import Webhook
from stdwebhooks import _native

from conftest import SECRET

PANIC_HEADERS = {"webhook-id": "stdwebhooks-test-panic", "webhook-timestamp": "1", "webhook-signature": "v1,x"}


def test_the_wheel_under_test_has_the_panic_path() -> None:
    assert _native._TEST_PANIC, "build the test wheel with --features test-panic (make test does)"


@pytest.mark.parametrize("size", [10, 1 << 20], ids=["GIL held", "GIL released"])
def test_panic_becomes_internal_error(size: int) -> None:
    verifier = stdwebhooks.Verifier(SECRET)
    try:
        verifier.verify(b"x" * size, PANIC_HEADERS, now=1)
    except Exception as err:  # noqa: BLE001 - the point: a plain `except Exception` catches it
        assert type(err) is stdwebhooks.InternalError
        assert err.kind == "internal"
        assert isinstance(err, stdwebhooks.WebhookVerificationError)
        assert "panick" not in str(err)
    else:
        pytest.fail("the forced panic did not raise")
    # The verifier is still usable afterwards.
    with pytest.raises(stdwebhooks.NoMatchingSignatureError):
        verifier.verify(b"x", {**PANIC_HEADERS, "webhook-id": "msg_1"}, now=1)


def test_panic_through_the_drop_in_is_a_verification_error() -> None:
    with pytest.raises(Webhook.__init__.__globals__["WebhookVerificationError"]):
        Webhook(SECRET).verify(b"{}", PANIC_HEADERS)
