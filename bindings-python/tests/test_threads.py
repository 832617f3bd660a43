"""Many threads sharing one verifier, with the GIL released on big payloads."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import List, Tuple

import stdwebhooks
from stdwebhooks import Verifier

from conftest import SECRET, stdlib_headers

NOW = 1_700_000_000


def test_many_threads_share_one_verifier() -> None:
    verifier = Verifier(SECRET)
    jobs: List[Tuple[bytes, dict, bool]] = []
    for i in range(400):
        body = (b'{"i":%d}' % i) * (1 + (i % 7) * 500)  # small and several-KiB bodies
        headers = stdlib_headers(body, msg_id=f"msg_{i}", timestamp=NOW)
        good = i % 3 != 0
        jobs.append((body if good else body + b" ", headers, good))

    def run(job: Tuple[bytes, dict, bool]) -> bool:
        body, headers, good = job
        try:
            verifier.verify(body, headers, now=NOW)
            return good
        except stdwebhooks.NoMatchingSignatureError:
            return not good

    with ThreadPoolExecutor(max_workers=16) as pool:
        for _ in range(5):
            assert all(pool.map(run, jobs))


def test_gil_is_released_while_hashing_large_payloads() -> None:
    """While one thread verifies 64 MiB, another keeps running Python code."""
    verifier = Verifier(SECRET)
    body = bytes(64 * 1024 * 1024)
    headers = stdlib_headers(body, timestamp=NOW)
    ticks = 0
    done = threading.Event()

    def ticker() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0)

    t = threading.Thread(target=ticker)
    t.start()
    try:
        before = ticks
        for _ in range(3):
            verifier.verify(body, headers, now=NOW)
        during = ticks - before
    finally:
        done.set()
        t.join()
    # With the GIL held for the whole hash the ticker would be starved (a
    # handful of ticks at most, from the switch interval between verifies).
    assert during > 100, during


def test_signing_in_threads_matches_single_threaded() -> None:
    verifier = Verifier([SECRET])
    bodies = [bytes([i % 256]) * (i * 97) for i in range(200)]
    expected = [verifier.sign(f"m{i}", NOW, b) for i, b in enumerate(bodies)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda ib: verifier.sign(f"m{ib[0]}", NOW, ib[1]), enumerate(bodies)))
    assert got == expected
