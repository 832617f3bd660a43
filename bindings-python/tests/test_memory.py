"""Memory stays flat: many 1 MiB verifies, and verifiers created and dropped
by the thousand (their Rust state, keys included, is freed with them)."""

from __future__ import annotations

import gc
import os

import pytest

import stdwebhooks
from stdwebhooks import Verifier

from conftest import SECRET, stdlib_headers

NOW = 1_700_000_000
MiB = 1 << 20


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs Linux /proc")
def test_many_one_mib_verifies_keep_rss_bounded() -> None:
    v = Verifier(SECRET)
    body = bytes(range(256)) * (MiB // 256)
    good = stdlib_headers(body, timestamp=NOW)
    bad = dict(good, **{"webhook-signature": "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})
    text = body.decode("latin-1")  # a 1 MiB str goes through the UTF-8 path
    text_headers = stdlib_headers(text.encode("utf-8"), timestamp=NOW)

    def round_() -> None:
        v.verify(body, good, now=NOW)
        v.verify(bytearray(body), good, now=NOW)
        v.verify(memoryview(body), good, now=NOW)
        with pytest.raises(stdwebhooks.NoMatchingSignatureError):
            v.verify(body, bad, now=NOW)
        v.verify(text, text_headers, now=NOW)

    for _ in range(20):  # warm up allocator pools
        round_()
    gc.collect()
    before = rss()
    for _ in range(300):
        round_()
    gc.collect()
    growth = rss() - before
    assert growth < 16 * MiB, f"RSS grew by {growth / MiB:.1f} MiB over 1500 verifies of 1 MiB"


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs Linux /proc")
def test_verifiers_and_keys_are_freed() -> None:
    big_secret = os.urandom(64 * 1024)

    def churn() -> None:
        for _ in range(500):
            v = Verifier([big_secret, SECRET])
            k = stdwebhooks.Key(big_secret)
            del v, k
            try:
                Verifier("whsec_not*base64")
            except stdwebhooks.InvalidSecretError:
                pass

    churn()
    gc.collect()
    before = rss()
    for _ in range(10):
        churn()  # 5,000 verifiers holding 64 KiB keys: 320 MiB if leaked
    gc.collect()
    growth = rss() - before
    assert growth < 16 * MiB, f"RSS grew by {growth / MiB:.1f} MiB"
