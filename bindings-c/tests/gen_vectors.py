#!/usr/bin/env python3
"""Turns the contract's vector file into a C header of fixtures.

The C tests then need no JSON parser. Every byte of every string is written as a
three-digit octal escape, so NUL bytes, binary payloads and UTF-8 survive exactly
and no escape can run into the next character. Usage:

    gen_vectors.py OUT.h        # reads $STDWEBHOOKS_VECTORS or ../tests/vectors/standard-webhooks.json
"""
import base64
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "..", "..", "tests", "vectors", "standard-webhooks.json")


def c_bytes(data: bytes) -> str:
    """A {pointer, length} initialiser for exactly these bytes."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    body = "".join(f"\\{b:03o}" for b in data)
    return f'{{"{body}", {len(data)}u}}'


def c_text(text: str) -> str:
    """A NUL-terminated C string literal (for names and expected kinds)."""
    return '"' + "".join(f"\\{b:03o}" for b in text.encode("utf-8")) + '"'


def payload(case) -> bytes:
    if "payload" in case:
        return case["payload"].encode("utf-8")
    return base64.b64decode(case["payload_b64"])


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: gen_vectors.py OUT.h")
    path = os.environ.get("STDWEBHOOKS_VECTORS") or DEFAULT
    if not os.path.isfile(path):
        sys.exit(f"vector file not found: {path} (set STDWEBHOOKS_VECTORS)")
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    lists = {}
    for name in ("verify", "sign", "keys", "endpoint_verification"):
        cases = doc.get(name)
        if not cases:
            sys.exit(f"vector list {name!r} is missing or empty in {path}")
        lists[name] = cases

    out = [f"/* Generated from {os.path.basename(path)} by gen_vectors.py. Do not edit. */",
           "#include \"vector_types.h\"", ""]

    rows = []
    for i, case in enumerate(lists["verify"]):
        headers = case["headers"]
        pairs = headers.items() if isinstance(headers, dict) else headers
        hdr = ", ".join(f"{{{c_bytes(k)}, {c_bytes(v)}}}" for k, v in pairs)
        out.append(f"static const vec_header verify_{i}_headers[] = {{{hdr or '{{0, 0}, {0, 0}}'}}};")
        keys = ", ".join(c_bytes(k) for k in case["keys"])
        out.append(f"static const vec_bytes verify_{i}_keys[] = {{{keys}}};")
        tol = case.get("tolerance")
        rows.append(
            f"  {{{c_text(case['name'])}, verify_{i}_keys, {len(case['keys'])}u, verify_{i}_headers, "
            f"{len(pairs)}u, {c_bytes(payload(case))}, INT64_C({case['now']}), {0 if tol is None else 1}, "
            f"UINT64_C({tol or 0}), {c_text(case['expect'])}}},")
    out.append("static const vec_verify VERIFY_CASES[] = {")
    out.extend(rows)
    out.append("};")

    out.append("static const vec_sign SIGN_CASES[] = {")
    for case in lists["sign"]:
        out.append(
            f"  {{{c_text(case['name'])}, {c_bytes(case['key'])}, {c_bytes(case['msg_id'])}, "
            f"INT64_C({case['timestamp']}), {c_bytes(payload(case))}, {c_bytes(case['signature'])}}},")
    out.append("};")

    out.append("static const vec_key KEY_CASES[] = {")
    for case in lists["keys"]:
        key_bytes = bytes.fromhex(case.get("key_hex", ""))
        out.append(
            f"  {{{c_text(case['name'])}, {c_bytes(case['input'])}, {c_text(case['expect'])}, "
            f"{c_text(case.get('kind', ''))}, {c_bytes(key_bytes)}}},")
    out.append("};")

    out.append("static const vec_endpoint ENDPOINT_CASES[] = {")
    for case in lists["endpoint_verification"]:
        out.append(
            f"  {{{c_text(case['name'])}, {c_bytes(case['key'])}, {c_bytes(case['challenge'])}, "
            f"{c_bytes(case['response'])}}},")
    out.append("};")
    out.append("")
    for name, cname in (("verify", "VERIFY"), ("sign", "SIGN"), ("keys", "KEY"),
                        ("endpoint_verification", "ENDPOINT")):
        out.append(f"#define {cname}_COUNT {len(lists[name])}u")
    out.append(f'#define VECTORS_PATH {c_text(os.path.abspath(path))}')

    with open(sys.argv[1], "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
