"""The drop-in against the real reference package (standardwebhooks 1.1.0 from
PyPI, in its own venv): the same public names, argument names, defaults,
messages and return values, and the svix SDK working on top of ours."""

from __future__ import annotations

import inspect
import json
import time
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Dict, List

import pytest

import standardwebhooks
import standardwebhooks.exceptions
import standardwebhooks.webhooks
import stdwebhooks
from standardwebhooks.webhooks import EmptyWebhookSecretError, Webhook, WebhookVerificationError, hmac_data

from conftest import SECRET, stdlib_headers

DESCRIBE = r"""
import inspect, json, sys, standardwebhooks, standardwebhooks.webhooks as w, standardwebhooks.exceptions as e

def sig(f):
    return [[p.name, str(p.kind), None if p.default is inspect.Parameter.empty else repr(p.default)]
            for p in inspect.signature(f).parameters.values()]

print(json.dumps({
    "top_all": standardwebhooks.__all__,
    "top_names": sorted(n for n in dir(standardwebhooks) if not n.startswith("_")),
    "version": standardwebhooks.__version__,
    "exceptions_all": e.__all__,
    "webhooks_public": sorted(n for n in dir(w) if not n.startswith("_")),
    "init": sig(w.Webhook.__init__),
    "verify": sig(w.Webhook.verify),
    "sign": sig(w.Webhook.sign),
    "hmac_data": sig(w.hmac_data),
    "secret_prefix": w.Webhook._SECRET_PREFIX,
    "same_error": e.WebhookVerificationError is w.WebhookVerificationError is standardwebhooks.WebhookVerificationError,
    "error_bases": [c.__name__ for c in w.WebhookVerificationError.__mro__],
    "empty_bases": [c.__name__ for c in w.EmptyWebhookSecretError.__mro__],
}))
"""


def sig(f: Callable[..., Any]) -> List[List[Any]]:
    return [
        [p.name, str(p.kind), None if p.default is inspect.Parameter.empty else repr(p.default)]
        for p in inspect.signature(f).parameters.values()
    ]


def test_public_api_matches_reference(reference: Any) -> None:
    ref = reference(DESCRIBE, None)
    assert standardwebhooks.__all__ == ref["top_all"]
    assert set(ref["top_names"]) <= set(n for n in dir(standardwebhooks) if not n.startswith("_"))
    assert standardwebhooks.__version__ == ref["version"] == "1.1.0"
    assert standardwebhooks.exceptions.__all__ == ref["exceptions_all"]
    ours = set(n for n in dir(standardwebhooks.webhooks) if not n.startswith("_"))
    # Even the names the reference merely imported (base64, floor, timezone...).
    missing = set(ref["webhooks_public"]) - ours
    assert not missing, missing
    for name in ("Webhook", "WebhookVerificationError", "EmptyWebhookSecretError", "hmac_data"):
        assert hasattr(standardwebhooks.webhooks, name)
    assert sig(Webhook.__init__) == ref["init"]
    assert sig(Webhook.verify) == ref["verify"]
    assert sig(Webhook.sign) == ref["sign"]
    assert sig(hmac_data) == ref["hmac_data"]
    assert Webhook._SECRET_PREFIX == ref["secret_prefix"]
    assert ref["same_error"]
    assert (
        standardwebhooks.exceptions.WebhookVerificationError
        is standardwebhooks.webhooks.WebhookVerificationError
        is standardwebhooks.WebhookVerificationError
        is stdwebhooks.WebhookVerificationError
    )
    assert ref["error_bases"][-3:] == [c.__name__ for c in WebhookVerificationError.__mro__][-3:]
    assert issubclass(EmptyWebhookSecretError, Exception)


def test_hmac_data_matches_reference(reference: Any) -> None:
    out = reference(
        "import json,sys; from standardwebhooks.webhooks import hmac_data; a=json.load(sys.stdin); "
        "print(json.dumps(hmac_data(bytes.fromhex(a[0]), bytes.fromhex(a[1])).hex()))",
        ["00ff10", "68656c6c6f"],
    )
    assert hmac_data(bytes.fromhex("00ff10"), b"hello").hex() == out


# Each case: secret, body, header edits, seconds to shift the timestamp.
ERROR_CASES: Dict[str, Dict[str, Any]] = {
    "missing headers": {"drop": "webhook-signature"},
    "missing id": {"drop": "webhook-id"},
    "empty id": {"set": {"webhook-id": ""}},
    "invalid timestamp": {"set": {"webhook-timestamp": "yesterday"}},
    "too old": {"shift": -400},
    "too new": {"shift": 400},
    "no match": {"set": {"webhook-signature": "v1,Y2FmZWJhYmVjYWZlYmFiZWNhZmViYWJlY2FmZWJhYmU="}},
    "unknown version only": {"set": {"webhook-signature": "v2,abc"}},
    "tampered body": {"body": b'{"a":2}'},
}

RUN_REFERENCE = r"""
import json, sys
from standardwebhooks.webhooks import Webhook
cases = json.load(sys.stdin)
out = {}
for name, c in cases.items():
    try:
        r = Webhook(c["secret"]).verify(c["body"], c["headers"], json_parse=c["json_parse"])
        out[name] = ["ok", r]
    except Exception as err:
        out[name] = [type(err).__name__, str(err)]
print(json.dumps(out))
"""


def build_cases() -> Dict[str, Dict[str, Any]]:
    cases: Dict[str, Dict[str, Any]] = {}
    body = b'{"a":1}'
    now = int(time.time())
    for name, edit in ERROR_CASES.items():
        headers = stdlib_headers(body, timestamp=now + edit.get("shift", 0))
        if "drop" in edit:
            del headers[edit["drop"]]
        headers.update(edit.get("set", {}))
        cases[name] = {
            "secret": SECRET,
            "body": edit.get("body", body).decode(),
            "headers": headers,
            "json_parse": True,
        }
    ok_headers = stdlib_headers(body, timestamp=now)
    cases["valid, parsed"] = {"secret": SECRET, "body": body.decode(), "headers": ok_headers, "json_parse": True}
    cases["valid, not parsed"] = {"secret": SECRET, "body": body.decode(), "headers": ok_headers, "json_parse": False}
    cases["title-case header names"] = {
        "secret": SECRET,
        "body": body.decode(),
        "headers": {k.title(): v for k, v in ok_headers.items()},
        "json_parse": True,
    }
    return cases


def test_outcomes_and_messages_match_reference(reference: Any) -> None:
    cases = build_cases()
    ref = reference(RUN_REFERENCE, cases)
    for name, case in cases.items():
        wh = Webhook(case["secret"])
        try:
            result = wh.verify(case["body"], case["headers"], json_parse=case["json_parse"])
            ours = ["ok", result]
        except WebhookVerificationError as err:
            ours = ["WebhookVerificationError", str(err)]
        expected = ref[name]
        if name == "unknown version only":
            # The reference skips unknown versions too and then finds no match.
            assert expected == ["WebhookVerificationError", "No matching signature found"]
        assert ours == expected, name


def test_empty_secret_matches_reference(reference: Any) -> None:
    ref = reference(
        "import json\nfrom standardwebhooks.webhooks import Webhook\nout=[]\n"
        "for s in ['', 'whsec_', None]:\n"
        "    try: Webhook(s); out.append('ok')\n"
        "    except Exception as e: out.append([type(e).__name__, str(e)])\n"
        "try: Webhook(b'')\nexcept Exception as e: out.append([type(e).__name__, str(e)])\n"
        "print(json.dumps(out))",
        None,
    )
    ours = []
    for secret in ["", "whsec_", None, b""]:
        with pytest.raises(EmptyWebhookSecretError) as err:
            Webhook(secret)  # type: ignore[arg-type]
        ours.append(["EmptyWebhookSecretError", str(err.value)])
        assert isinstance(err.value, WebhookVerificationError)
        assert err.value.kind == "empty_secret"
    assert ours == ref


def test_sign_matches_reference_for_naive_datetimes(reference: Any) -> None:
    stamps = ["2022-04-07T21:39:13", "1999-12-31T23:59:59.999999", "2038-01-19T03:14:08"]
    ref = reference(
        "import json,sys\nfrom datetime import datetime\nfrom standardwebhooks.webhooks import Webhook\n"
        f"w = Webhook({SECRET!r})\n"
        "print(json.dumps([w.sign('msg_1', datetime.fromisoformat(s), 'héllo') for s in json.load(sys.stdin)]))",
        stamps,
    )
    wh = Webhook(SECRET)
    assert [wh.sign("msg_1", datetime.fromisoformat(s), "héllo") for s in stamps] == ref
    assert [wh.sign(msg_id="msg_1", timestamp=datetime.fromisoformat(s), data="héllo") for s in stamps] == ref


def test_aware_datetime_is_converted_to_utc() -> None:
    """A deliberate fix: the reference drops the zone and signs the wrong time."""
    wh = Webhook(SECRET)
    utc = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
    paris = utc.astimezone(timezone(timedelta(hours=2)))
    naive_utc = utc.replace(tzinfo=None)
    assert wh.sign("m", paris, "x") == wh.sign("m", utc, "x") == wh.sign("m", naive_utc, "x")
    assert stdwebhooks.Verifier(SECRET).sign("m", int(utc.timestamp()), "x") == wh.sign("m", utc, "x")


def test_deliberate_fixes_raise_our_error() -> None:
    """Where the reference raises ValueError, binascii.Error or UnicodeDecodeError."""
    wh = Webhook(SECRET)
    body = b"\xff\xfe\x00binary"
    headers = stdlib_headers(body)
    # Binary body: verified as bytes (the reference raises UnicodeDecodeError before verifying).
    assert wh.verify(body, headers, json_parse=False) is None
    bad_entries = ["v1", "v1,a,b", "v1,!!!notbase64", "v1,abc", "v1a,zzz", ",", "v1,"]
    for entry in bad_entries:
        h = dict(headers, **{"webhook-signature": entry})
        with pytest.raises(WebhookVerificationError) as err:
            wh.verify(body, h)
        assert str(err.value) == "No matching signature found"
    for ts in ["1e9", "-5", "nan", "1.5", "inf", ""]:
        h = dict(headers, **{"webhook-timestamp": ts})
        with pytest.raises(WebhookVerificationError):
            wh.verify(body, h)


def test_json_parse_behaviour() -> None:
    wh = Webhook(SECRET)
    body = b'{"type":"ping","n":[1,2]}'
    headers = stdlib_headers(body)
    assert wh.verify(body, headers) == {"type": "ping", "n": [1, 2]}
    assert wh.verify(body.decode(), headers) == {"type": "ping", "n": [1, 2]}
    assert wh.verify(bytearray(body), headers) == {"type": "ping", "n": [1, 2]}
    assert wh.verify(memoryview(body), headers) == {"type": "ping", "n": [1, 2]}
    assert wh.verify(body, headers, json_parse=False) is None
    empty = stdlib_headers(b"")
    assert wh.verify(b"", empty) is None
    assert wh.verify("", empty) is None
    not_json = stdlib_headers(b"hello")
    with pytest.raises(json.JSONDecodeError):
        wh.verify(b"hello", not_json)


def test_freezegun_clock_is_honoured() -> None:
    """Users' tests freeze time for the reference; the drop-in reads the same clock."""
    from freezegun import freeze_time

    body = b'{"a":1}'
    headers = stdlib_headers(body, timestamp=1_600_000_000)
    wh = Webhook(SECRET)
    with freeze_time(datetime.fromtimestamp(1_600_000_100, tz=timezone.utc)):
        assert wh.verify(body, headers) == {"a": 1}
    with pytest.raises(WebhookVerificationError, match="too old"):
        wh.verify(body, headers)


def test_one_except_clause_catches_both_apis() -> None:
    with pytest.raises(standardwebhooks.WebhookVerificationError):
        stdwebhooks.Verifier(SECRET).verify(b"x", {})
    with pytest.raises(stdwebhooks.MissingHeaderError):
        Webhook(SECRET).verify(b"x", {})


def test_repr_hides_the_secret() -> None:
    wh = Webhook(SECRET)
    assert SECRET[6:] not in repr(wh)
    assert SECRET[6:] not in repr(wh.__dict__)
    assert "REDACTED" in repr(wh)


def test_svix_sdk_runs_on_the_drop_in() -> None:
    import svix.webhooks

    assert svix.webhooks.StdWh is Webhook
    body = '{"type":"ping"}'
    h = stdlib_headers(body.encode())
    svix_headers = {"svix-id": h["webhook-id"], "svix-timestamp": h["webhook-timestamp"], "svix-signature": h["webhook-signature"]}
    wh = svix.webhooks.Webhook(SECRET)
    assert wh.verify(body, svix_headers) is None
    with pytest.raises(svix.webhooks.WebhookVerificationError):
        wh.verify(body + " ", svix_headers)
    assert wh.sign(h["webhook-id"], datetime.fromtimestamp(int(h["webhook-timestamp"]), tz=timezone.utc), body) == h["webhook-signature"]
