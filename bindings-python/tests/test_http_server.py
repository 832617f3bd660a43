"""Signed webhooks posted over a real loopback connection to a small
http.server endpoint that verifies with the drop-in: 204 or 401."""

from __future__ import annotations

import http.client
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, Iterator, List, Tuple

import pytest

from standardwebhooks import Webhook, WebhookVerificationError

from conftest import SECRET, stdlib_headers

RECEIVED: List[object] = []


class Endpoint(BaseHTTPRequestHandler):
    webhook = Webhook(SECRET)

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        try:
            # self.headers is an email.message.Message: passed as it is.
            payload = self.webhook.verify(body, self.headers)
        except WebhookVerificationError as err:
            self.send_response(401)
            self.send_header("Content-Type", "application/json")
            data = json.dumps({"error": err.kind, "message": str(err)}).encode()
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        RECEIVED.append(payload)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class Server(ThreadingHTTPServer):
    request_queue_size = 128  # the concurrent test opens 40 connections at once
    daemon_threads = True


@pytest.fixture()
def server() -> Iterator[Tuple[str, int]]:
    srv = Server(("127.0.0.1", 0), Endpoint)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv.server_address[0], srv.server_address[1]
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=5)


def post(addr: Tuple[str, int], body: bytes, headers: Dict[str, str]) -> Tuple[int, bytes]:
    conn = http.client.HTTPConnection(*addr, timeout=10)
    try:
        conn.request("POST", "/webhook", body=body, headers={"Content-Type": "application/json", **headers})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_loopback_endpoint(server: Tuple[str, int]) -> None:
    RECEIVED.clear()
    body = json.dumps({"type": "order.created", "id": 1}).encode()
    headers = stdlib_headers(body)
    assert post(server, body, headers) == (204, b"")
    # Header names as a proxy might rewrite them.
    assert post(server, body, {k.upper(): v for k, v in headers.items()})[0] == 204
    status, answer = post(server, body.replace(b"1", b"2"), headers)
    assert status == 401 and json.loads(answer)["error"] == "no_matching_signature"
    stale = stdlib_headers(body, timestamp=int(time.time()) - 600)
    status, answer = post(server, body, stale)
    assert status == 401 and json.loads(answer) == {"error": "timestamp_too_old", "message": "Message timestamp too old"}
    status, answer = post(server, body, {})
    assert status == 401 and json.loads(answer)["error"] == "missing_header"
    bad_entry = dict(headers, **{"webhook-signature": "v1"})  # the reference raised ValueError here
    assert post(server, body, bad_entry)[0] == 401
    assert RECEIVED == [{"type": "order.created", "id": 1}] * 2


def test_loopback_concurrent_posts(server: Tuple[str, int]) -> None:
    RECEIVED.clear()
    results: List[int] = []
    lock = threading.Lock()

    def worker(i: int) -> None:
        body = json.dumps({"i": i, "pad": "x" * (i * 300)}).encode()
        headers = stdlib_headers(body, msg_id=f"msg_{i}")
        if i % 4 == 0:
            body += b" "
        status, _ = post(server, body, headers)
        with lock:
            results.append(status if i % 4 else -status)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == sorted([-401] * 10 + [204] * 30)
