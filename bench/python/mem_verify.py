"""Python: how much one verify of a 64 MiB body raises peak RSS, beyond the body.

Run in ours' venv or the reference's (both import as ``standardwebhooks``).
The body is built and signed (stdlib HMAC, streaming: no copy) first; the peak
RSS is read before and after one ``verify(..., json_parse=False)``. Prints one
JSON line: {"lang":"python","impl":...,"payload_mib":64,"peak_rss_increase_kib":...}
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import hmac
import json
import resource
import time
from base64 import b64decode, b64encode

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwQQN0Rwo3zcs="


def peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--impl", choices=["ours", "reference"], required=True)
    ap.add_argument("--mib", type=int, default=64)
    args = ap.parse_args()

    import standardwebhooks

    webhook = standardwebhooks.Webhook(SECRET)
    # One allocation, every page touched, and no temporary that would raise the
    # peak before the measurement and hide a copy made by verify.
    payload = b"x" * (args.mib * 1024 * 1024)
    ts = int(time.time())
    mac = hmac.new(b64decode(SECRET.removeprefix("whsec_")), f"msg_1.{ts}.".encode(), hashlib.sha256)
    mac.update(payload)
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(ts),
        "webhook-signature": "v1," + b64encode(mac.digest()).decode(),
    }
    # Warm the code path on a small body so first-call allocations are not counted.
    small = b"{}"
    small_mac = hmac.new(b64decode(SECRET.removeprefix("whsec_")), f"msg_1.{ts}.{{}}".encode(), hashlib.sha256)
    webhook.verify(small, dict(headers, **{"webhook-signature": "v1," + b64encode(small_mac.digest()).decode()}),
                   json_parse=False)
    gc.collect()
    before = peak_kib()
    webhook.verify(payload, headers, json_parse=False)
    after = peak_kib()
    print(json.dumps({"lang": "python", "impl": args.impl, "payload_mib": args.mib,
                      "peak_rss_before_kib": before, "peak_rss_increase_kib": after - before}))


if __name__ == "__main__":
    main()
