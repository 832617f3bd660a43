"""Differential tests against the real reference package, run in its own venv:
the reference signs and we verify, we sign and the reference verifies."""

from __future__ import annotations

import base64
import random
import time
from datetime import datetime, timezone
from typing import Any, Dict, List

import stdwebhooks
from standardwebhooks.webhooks import Webhook

REFERENCE_SIGNS = r"""
import json, sys
from datetime import datetime, timezone
from standardwebhooks.webhooks import Webhook
out = []
for c in json.load(sys.stdin):
    wh = Webhook(c["secret"])
    # Naive UTC datetimes: the reference ignores any zone, so give it none.
    ts = datetime.fromtimestamp(c["ts"], tz=timezone.utc).replace(tzinfo=None)
    out.append(wh.sign(c["id"], ts, c["body"]))
print(json.dumps(out))
"""

REFERENCE_VERIFIES = r"""
import json, sys
from standardwebhooks.webhooks import Webhook
out = []
for c in json.load(sys.stdin):
    try:
        r = Webhook(c["secret"]).verify(c["body"], c["headers"], json_parse=False)
        out.append("ok")
    except Exception as e:
        out.append(type(e).__name__ + ": " + str(e))
print(json.dumps(out))
"""

ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"


def random_cases(n: int, seed: int) -> List[Dict[str, Any]]:
    rng = random.Random(seed)
    now = int(time.time())
    cases = []
    for i in range(n):
        secret = base64.b64encode(rng.randbytes(rng.choice([1, 16, 24, 32, 64, 100]))).decode()
        if rng.random() < 0.5:
            secret = "whsec_" + secret
        body_chars = [rng.choice(ALPHABET + ' {}":,é€😀\n\t') for _ in range(rng.choice([0, 1, 10, 300, 5000]))]
        cases.append(
            {
                "secret": secret,
                "id": "msg_" + "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 40))),
                "ts": now + rng.randint(-240, 240),  # a minute of slack for slow subprocesses
                "body": "".join(body_chars),
            }
        )
    return cases


def test_reference_signs_we_verify(reference: Any) -> None:
    cases = random_cases(150, seed=1)
    signatures = reference(REFERENCE_SIGNS, cases)
    for case, sig in zip(cases, signatures):
        headers = {"webhook-id": case["id"], "webhook-timestamp": str(case["ts"]), "webhook-signature": sig}
        body = case["body"].encode("utf-8")
        stdwebhooks.Verifier(case["secret"]).verify(body, headers, now=case["ts"])
        assert Webhook(case["secret"]).verify(body, headers, json_parse=False) is None
        tampered = body + b"x"
        verifier = stdwebhooks.Verifier(case["secret"])
        try:
            verifier.verify(tampered, headers, now=case["ts"])
            raise AssertionError("a tampered body verified")
        except stdwebhooks.NoMatchingSignatureError:
            pass
        # Same signature text from both signers.
        assert verifier.sign(case["id"], case["ts"], body) == sig
        naive = datetime.fromtimestamp(case["ts"], tz=timezone.utc).replace(tzinfo=None)
        assert Webhook(case["secret"]).sign(case["id"], naive, case["body"]) == sig


def test_we_sign_reference_verifies(reference: Any) -> None:
    cases = random_cases(150, seed=2)
    payloads = []
    for case in cases:
        verifier = stdwebhooks.Verifier(case["secret"])
        sig = verifier.sign(case["id"], case["ts"], case["body"])
        headers = {"webhook-id": case["id"], "webhook-timestamp": str(case["ts"]), "webhook-signature": sig}
        payloads.append({"secret": case["secret"], "body": case["body"], "headers": headers})
        payloads.append(
            {"secret": case["secret"], "body": case["body"] + "!", "headers": headers}
        )
    results = reference(REFERENCE_VERIFIES, payloads)
    for i in range(0, len(results), 2):
        assert results[i] == "ok", (payloads[i], results[i])
        assert results[i + 1] == "WebhookVerificationError: No matching signature found"


def test_rotation_header_from_both_signers(reference: Any) -> None:
    """A header carrying one signature from each side verifies under either key."""
    old, new = "whsec_" + base64.b64encode(b"o" * 24).decode(), "whsec_" + base64.b64encode(b"n" * 24).decode()
    now = int(time.time())
    ref_sig = reference(REFERENCE_SIGNS, [{"secret": old, "id": "msg_r", "ts": now, "body": "{}"}])[0]
    our_sig = stdwebhooks.Verifier(new).sign("msg_r", now, "{}")
    headers = {"webhook-id": "msg_r", "webhook-timestamp": str(now), "webhook-signature": f"{ref_sig} {our_sig}"}
    for key in (old, new, [old, new]):
        stdwebhooks.Verifier(key).verify(b"{}", headers, now=now)
    out = reference(REFERENCE_VERIFIES, [{"secret": s, "body": "{}", "headers": headers} for s in (old, new)])
    assert out == ["ok", "ok"]
