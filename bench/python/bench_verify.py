"""Python: one process of the verify benchmark, for ours or for the reference.

Both packages import as ``standardwebhooks``, so each runs in its own venv;
``run.py`` alternates the two processes round by round. Inside a process the
rows are timed in alternating short batches, so a busy neighbour slows every
row alike. Prints JSON lines:
    {"lang":"python","impl":"ours","row":"dropin_raw","headers":20,"size":256,"median_ns":...}

Rows: ``dropin_raw`` = ``Webhook.verify(..., json_parse=False)``; ``dropin_json``
= ``Webhook.verify(...)`` (parses the JSON body); ``native`` (ours only) =
``stdwebhooks.Verifier.verify``. Each with the 3 webhook headers and with the
20 headers of an API Gateway event, as a dict.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import sys
import time
from base64 import b64decode, b64encode
from statistics import median


def sign(secret: str, msg_id: str, ts: int, payload: bytes) -> str:
    """The v1 signature, computed with the standard library: neutral ground for both."""
    key = b64decode(secret.removeprefix("whsec_"))
    mac = hmac.new(key, f"{msg_id}.{ts}.".encode(), hashlib.sha256)
    mac.update(payload)
    return "v1," + b64encode(mac.digest()).decode()


def calibrate(fn, batch_ns: float) -> int:
    n = 1
    while True:
        start = time.perf_counter_ns()
        for _ in range(n):
            fn()
        spent = time.perf_counter_ns() - start
        if spent >= batch_ns / 4 or n >= 1 << 24:
            return max(1, round(n * batch_ns / max(spent, 1)))
        n *= 4


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--impl", choices=["ours", "reference"], required=True)
    ap.add_argument("--fixtures", required=True)
    # Short batches keep most of them free of a preemption by a neighbour; each
    # size gets about --budget-ms of rounds (at least 21, at most --rounds).
    ap.add_argument("--rounds", type=int, default=1001)
    ap.add_argument("--batch-us", type=float, default=200)
    ap.add_argument("--budget-ms", type=float, default=2000)
    args = ap.parse_args()

    import standardwebhooks
    import standardwebhooks.webhooks

    # Guard against the wrong venv: our drop-in's module runs on `stdwebhooks._native`.
    is_ours = hasattr(standardwebhooks.webhooks, "_native")
    if is_ours != (args.impl == "ours"):
        sys.exit(f"--impl {args.impl} but this venv's standardwebhooks is {standardwebhooks.__file__}")
    native = None
    if args.impl == "ours":
        import stdwebhooks

        native = stdwebhooks.Verifier
        version = stdwebhooks.__version__
    else:
        from importlib.metadata import version as dist_version

        version = dist_version("standardwebhooks")

    with open(os.path.join(args.fixtures, "fixtures.json")) as f:
        fx = json.load(f)
    secret, msg_id = fx["secret"], fx["msg_id"]
    webhook = standardwebhooks.Webhook(secret)
    verifier = native(secret) if native else None
    batch_ns = args.batch_us * 1e3

    print(
        json.dumps({"lang": "python", "impl": args.impl, "meta": True, "version": version,
                    "python": sys.version.split()[0]}),
        flush=True,
    )
    for size in fx["sizes"]:
        with open(os.path.join(args.fixtures, f"payload-{size}.json"), "rb") as f:
            payload = f.read()
        ts = int(time.time())
        sig = sign(secret, msg_id, ts, payload)
        three = {"webhook-id": msg_id, "webhook-timestamp": str(ts), "webhook-signature": sig}
        twenty = dict(fx["gateway_headers"])
        twenty.update(three)
        assert len(twenty) == 20

        rows = []
        for name, headers in ((3, three), (20, twenty)):
            rows.append(("dropin_raw", name, lambda h=headers: webhook.verify(payload, h, json_parse=False)))
            if size > 0:  # the reference cannot parse an empty body (json.loads(""))
                rows.append(("dropin_json", name, lambda h=headers: webhook.verify(payload, h)))
            if verifier is not None:
                rows.append(("native", name, lambda h=headers: verifier.verify(payload, h)))
        # Every row must accept the webhook, and refuse it with one bit of the signature flipped.
        forged = dict(three, **{"webhook-signature": sig[:10] + ("A" if sig[10] != "A" else "B") + sig[11:]})
        for row, _, fn in rows:
            fn()
        for fn in [lambda: webhook.verify(payload, forged, json_parse=False)] + (
            [lambda: verifier.verify(payload, forged)] if verifier else []
        ):
            try:
                fn()
            except standardwebhooks.WebhookVerificationError:
                pass
            else:
                sys.exit(f"{args.impl} accepted a forged signature")

        iters = [calibrate(fn, batch_ns) for _, _, fn in rows]
        round_ns = 0
        for (_, _, fn), n in zip(rows, iters):
            start = time.perf_counter_ns()
            for _ in range(n):
                fn()
            round_ns += time.perf_counter_ns() - start
        rounds = max(min(21, args.rounds), min(args.rounds, int(args.budget_ms * 1e6 / round_ns)))
        samples = [[] for _ in rows]
        for _ in range(rounds):
            for i, (_, _, fn) in enumerate(rows):
                n = iters[i]
                start = time.perf_counter_ns()
                for _ in range(n):
                    fn()
                samples[i].append((time.perf_counter_ns() - start) / n)
        for (row, headers, _), s in zip(rows, samples):
            print(
                json.dumps({"lang": "python", "impl": args.impl, "row": row, "headers": headers,
                            "size": size, "median_ns": round(median(s), 1)}),
                flush=True,
            )


if __name__ == "__main__":
    main()
