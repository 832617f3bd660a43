"""Writes BENCHMARKS.md and the speed-up chart from one run's results.

Usage: report.py --results DIR --mode full|smoke --out BENCHMARKS.md --chart speedup.png

Reads what `make -C bench` left in DIR: machine.json, criterion/ (full mode),
rust-interleaved.jsonl, rust-soft.jsonl, sha-ni.json, c.jsonl, python.jsonl,
node.jsonl, go.txt, memory.jsonl. A language that did not run is reported as
such; nothing here ever fails on a number.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections import defaultdict
from statistics import median

SIZES = [0, 256, 2048, 20480, 1048576]
LABELS = {0: "0 B", 256: "256 B", 2048: "2 KiB", 20480: "20 KiB", 1048576: "1 MiB"}
SMALL = [0, 256]


# ---- reading ---------------------------------------------------------------------


def jsonl(path: str) -> list[dict]:
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip().startswith("{")]


def label_to_size(label: str) -> int:
    m = re.fullmatch(r"(\d+)\s*(B|KiB|MiB)", label.strip())
    if not m:
        raise ValueError(label)
    return int(m.group(1)) * {"B": 1, "KiB": 1024, "MiB": 1024 * 1024}[m.group(2)]


def criterion_medians(root: str) -> dict[tuple[str, str, int], float]:
    """(group, function, size) -> median ns, from criterion's own JSON files."""
    out = {}
    if not os.path.isdir(root):
        return out
    for dirpath, _, files in os.walk(root):
        if os.path.basename(dirpath) != "new" or "benchmark.json" not in files:
            continue
        with open(os.path.join(dirpath, "benchmark.json")) as f:
            bench = json.load(f)
        with open(os.path.join(dirpath, "estimates.json")) as f:
            est = json.load(f)
        value = bench.get("value_str")
        size = label_to_size(value) if value else -1
        out[(bench["group_id"], bench["function_id"], size)] = est["median"]["point_estimate"]
    return out


def keyed_medians(rows: list[dict], *fields: str) -> dict[tuple, float]:
    """Median over repeated runs of the same key (Python runs several processes)."""
    acc = defaultdict(list)
    for r in rows:
        if "median_ns" in r:
            acc[tuple(r[f] for f in fields)].append(r["median_ns"])
    return {k: median(v) for k, v in acc.items()}


def go_medians(path: str) -> tuple[dict[tuple[int, int, str], float], dict[tuple[int, int, str], float]]:
    """(size, headers, impl) -> median ns/op and allocated B/op over the -count runs."""
    times, allocs = defaultdict(list), defaultdict(list)
    if os.path.exists(path):
        pat = re.compile(r"^BenchmarkVerify/(\w+)/(\d+)headers/(\w+)-\d+\s+\d+\s+([\d.]+) ns/op(?:.*?([\d.]+) B/op)?")
        with open(path) as f:
            for line in f:
                m = pat.match(line)
                if m:
                    size = label_to_size(re.sub(r"(\d+)", r"\1 ", m.group(1), count=1))
                    key = (size, int(m.group(2)), m.group(3))
                    times[key].append(float(m.group(4)))
                    if m.group(5):
                        allocs[key].append(float(m.group(5)))
    return ({k: median(v) for k, v in times.items()}, {k: median(v) for k, v in allocs.items()})


# ---- formatting ------------------------------------------------------------------


def fmt_ns(ns: float | None) -> str:
    if ns is None:
        return "–"
    if ns < 1e3:
        return f"{ns:.0f} ns"
    if ns < 1e6:
        return f"{ns / 1e3:.3g} µs" if ns < 1e5 else f"{ns / 1e3:.0f} µs"
    return f"{ns / 1e6:.3g} ms"


def fmt_x(x: float | None) -> str:
    # Two decimals up to 100×, so a ratio just under a target never rounds onto it.
    return "–" if x is None else (f"{x:.2f}×" if x < 100 else f"{x:.0f}×")


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def table(header: list[str], rows: list[list[str]], numeric: bool = True) -> str:
    rest = "---:" if numeric else "---"
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + [rest] * (len(header) - 1)) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def size_header(first: str) -> list[str]:
    return [first] + [LABELS[s] for s in SIZES]


# ---- the report ------------------------------------------------------------------


class Report:
    def __init__(self, res: str, mode: str):
        self.res, self.mode = res, mode
        self.machine = json.load(open(os.path.join(res, "machine.json"))) if os.path.exists(
            os.path.join(res, "machine.json")) else {}
        self.ran = open(os.path.join(res, "ran.txt")).read().split() if os.path.exists(
            os.path.join(res, "ran.txt")) else []
        self.crit = criterion_medians(os.path.join(res, "criterion"))
        inter = jsonl(os.path.join(res, "rust-interleaved.jsonl"))
        self.inter = {(r["row"], r["size"]): r for r in inter}
        self.soft = {(r["row"], r["size"]): r for r in jsonl(os.path.join(res, "rust-soft.jsonl"))}
        self.sha = json.load(open(os.path.join(res, "sha-ni.json"))) if os.path.exists(
            os.path.join(res, "sha-ni.json")) else None
        self.c = keyed_medians(jsonl(os.path.join(res, "c.jsonl")), "row", "size")
        py = jsonl(os.path.join(res, "python.jsonl"))
        self.py_meta = {r["impl"]: r for r in py if r.get("meta")}
        self.py = keyed_medians(py, "impl", "row", "headers", "size")
        node = jsonl(os.path.join(res, "node.jsonl"))
        self.node_meta = next((r for r in node if r.get("meta")), {})
        self.node_skipped = [r for r in node if "skipped" in r]
        self.node = keyed_medians(node, "impl", "row", "headers", "size")
        self.go, self.go_alloc = go_medians(os.path.join(res, "go.txt"))
        self.mem = {(r["lang"], r["impl"]): r for r in jsonl(os.path.join(res, "memory.jsonl"))}
        self.targets: list[list[str]] = []

    # Rust core time at a size: the interleaved bench's header-values verify.
    def core_ns(self, size: int) -> float | None:
        r = self.inter.get(("ours_values_at", size))
        return r["median_ns"] if r else None

    def target(self, what: str, measured: str, ok: bool | None, note: str = "") -> None:
        status = "not run" if ok is None else ("met" if ok else "**missed**")
        self.targets.append([what, measured, status + (f" ({note})" if note else "")])

    # -- per language ---------------------------------------------------------

    def rust(self) -> str:
        if not self.inter:
            return "Not run.\n"
        out = []
        rows = [("floor_hmac", "raw keyed HMAC-SHA256 (`hmac`+`sha2`, key state precomputed): the floor"),
                ("ours_values_at", "ours: `Verifier::verify_values_at` (header values, fixed clock)"),
                ("reference", "`standardwebhooks` crate 1.0.1: `Webhook::verify` (`http::HeaderMap`, 3 headers)")]
        out.append("Interleaved run (`benches/interleaved.rs`): the three rows alternate in short batches; "
                   "each ratio is the median over rounds of that round's ratio.\n")
        body = []
        for row, name in rows:
            body.append([name] + [fmt_ns(self.inter.get((row, s), {}).get("median_ns")) for s in SIZES])
        body.append(["ours ÷ floor"] + [
            f"{self.inter[('ours_values_at', s)]['ratio_to_floor']:.3f}×" if ("ours_values_at", s) in self.inter
            else "–" for s in SIZES])
        body.append(["speed-up over the crate (reference ÷ ours)"] + [
            fmt_x(ratio(self.inter.get(("reference", s), {}).get("ratio_to_floor"),
                        self.inter.get(("ours_values_at", s), {}).get("ratio_to_floor"))) for s in SIZES])
        out.append(table(size_header("median of one verify"), body))

        if self.crit:
            out.append("\nCriterion medians (`benches/verify.rs`, `sign.rs`, `keys.rs`); the header-map rows "
                       "carry the 20 headers of an API Gateway event.\n")
            names = [("floor_hmac", "floor: raw keyed HMAC"),
                     ("ours_values_at", "ours: `verify_values_at` (values, fixed clock)"),
                     ("ours_values", "ours: `verify_values` (values, system clock)"),
                     ("ours_list", "ours: `verify`, 20 headers as a slice of pairs"),
                     ("ours_map", "ours: `verify`, 20 headers in a `HashMap`"),
                     ("reference", "crate: `Webhook::verify`, 20 headers in an `http::HeaderMap`")]
            body = [[n] + [fmt_ns(self.crit.get(("verify", r, s))) for s in SIZES] for r, n in names]
            body.append(["speed-up, header map (crate ÷ ours_map)"] + [
                fmt_x(ratio(self.crit.get(("verify", "reference", s)), self.crit.get(("verify", "ours_map", s))))
                for s in SIZES])
            body.append(["ours_values_at ÷ floor"] + [
                f"{ratio(self.crit.get(('verify', 'ours_values_at', s)), self.crit.get(('verify', 'floor_hmac', s))) or 0:.3f}×"
                for s in SIZES])
            out.append(table(size_header("verify"), body))
            body = [[n] + [fmt_ns(self.crit.get(("sign", r, s))) for s in SIZES]
                    for r, n in [("ours", "ours: `Verifier::sign`"), ("reference", "crate: `Webhook::sign`")]]
            body.append(["speed-up"] + [fmt_x(ratio(self.crit.get(("sign", "reference", s)),
                                                    self.crit.get(("sign", "ours", s)))) for s in SIZES])
            out.append("\n" + table(size_header("sign"), body))
            keys = [("ours_parse_whsec", "ours: `Key::parse` of a `whsec_` secret"),
                    ("ours_verifier_whsec", "ours: `Key::parse` + `Verifier::new` (HMAC states precomputed)"),
                    ("ours_parse_whsk", "ours: `Key::parse` of a `whsk_` ed25519 key pair"),
                    ("reference_new_whsec", "crate: `Webhook::new` of a `whsec_` secret")]
            out.append("\n" + table(["key parsing", "median"],
                                    [[n, fmt_ns(self.crit.get(("keys", r, -1)))] for r, n in keys]))

        f256 = self.inter.get(("ours_values_at", 256), {}).get("ratio_to_floor")
        self.target("Rust verify (header values) ≤ 1.3× the keyed-HMAC floor at 256 B",
                    fmt_x(f256), None if f256 is None else f256 <= 1.3)
        for s in (20480, 1048576):
            r = self.inter.get(("ours_values_at", s), {}).get("ratio_to_floor")
            self.target(f"Rust verify ≤ 1.05× the floor at {LABELS[s]}", fmt_x(r), None if r is None else r <= 1.05)
        ups = [ratio(self.inter.get(("reference", s), {}).get("median_ns"),
                     self.inter.get(("ours_values_at", s), {}).get("median_ns")) for s in SIZES]
        have = [u for u in ups if u is not None]
        self.target("Rust verify ≥ 5× the `standardwebhooks` crate at every size",
                    " / ".join(fmt_x(u) for u in ups), None if not have else min(have) >= 5)
        return "\n".join(out) + "\n"

    def sha_section(self) -> str:
        if not self.sha:
            return "Not run.\n"
        lines = [f"- `objdump -d` of the interleaved bench binary (`{self.sha['binary']}`) contains "
                 f"{self.sha['sha256rnds2']} `sha256rnds2` instructions (sha2's SHA-NI backend); "
                 f"`/proc/cpuinfo` lists `sha_ni`: {str(self.sha['cpu_sha_ni']).lower()}."]
        for size in (20480, 1048576):
            ni = self.inter.get(("floor_hmac", size), {}).get("median_ns")
            soft = self.soft.get(("floor_hmac", size), {}).get("median_ns")
            if not ni:
                continue
            line = (f"- Keyed HMAC over {LABELS[size]}: {fmt_ns(ni)} ({size / ni:.2f} GB/s) with the default build "
                    "(sha2 picks SHA-NI at run time through `cpufeatures`)")
            if soft:
                line += (f"; {fmt_ns(soft)} ({size / soft:.2f} GB/s) with the same bench built with "
                         f"`RUSTFLAGS='--cfg sha2_backend=\"soft\"'`: the default build is {soft / ni:.1f}× faster")
            lines.append(line + ".")
        return "\n".join(lines) + "\n"

    def c_section(self) -> str:
        if not self.c:
            return "Not run.\n"
        names = [("openssl_evp_mac", "OpenSSL 3 `EVP_MAC` verifier written for the bench (3 header values)"),
                 ("ours", "ours: `swh_verifier_verify` (3 header values)"),
                 ("ours_headers", "ours: `swh_verifier_verify_headers` (20 headers)")]
        body = [[n] + [fmt_ns(self.c.get((r, s))) for s in SIZES] for r, n in names]
        body.append(["speed-up (OpenSSL ÷ ours)"] + [fmt_x(ratio(self.c.get(("openssl_evp_mac", s)),
                                                                  self.c.get(("ours", s)))) for s in SIZES])
        # Only meaningful where the hash does not dominate; beyond, it is run-to-run noise.
        body.append(["ours over the Rust core"] + [
            fmt_ns(None if s not in SMALL or self.c.get(("ours", s)) is None or self.core_ns(s) is None
                   else self.c[("ours", s)] - self.core_ns(s)) for s in SIZES])
        self.overhead_target("C", self.c.get(("ours", 0)), self.c.get(("ours", 256)))
        return table(size_header("median of one verify"), body) + "\n"

    def overhead_target(self, lang: str, t0: float | None, t256: float | None) -> None:
        c0, c256 = self.core_ns(0), self.core_ns(256)
        if None in (t0, t256, c0, c256):
            self.target(f"{lang}: ≤ 1.5 µs over the Rust core at small sizes", "–", None)
            return
        d = max(t0 - c0, t256 - c256)
        self.target(f"{lang}: ≤ 1.5 µs over the Rust core at small sizes",
                    f"+{fmt_ns(t0 - c0)} at 0 B, +{fmt_ns(t256 - c256)} at 256 B", d <= 1500)

    def lang_tables(self, data: dict, impls: list[tuple[str, str, int, str]], pairs: list[tuple[str, tuple, tuple]]) -> str:
        body = [[name] + [fmt_ns(data.get((impl, row, h, s))) for s in SIZES] for impl, row, h, name in impls]
        out = table(size_header("median of one verify"), body)
        body = [[name] + [fmt_x(ratio(data.get(ref + (s,)), data.get(ours + (s,)))) for s in SIZES]
                for name, ours, ref in pairs]
        return out + "\n\n" + table(size_header("speed-up (reference ÷ ours)"), body) + "\n"

    def python(self) -> str:
        if not self.py:
            return "Not run.\n"
        impls = []
        for h in (3, 20):
            impls += [("reference", "dropin_raw", h, f"reference, `json_parse=False`, {h} headers"),
                      ("ours", "dropin_raw", h, f"ours (drop-in), `json_parse=False`, {h} headers"),
                      ("reference", "dropin_json", h, f"reference, default (parses JSON), {h} headers"),
                      ("ours", "dropin_json", h, f"ours (drop-in), default (parses JSON), {h} headers"),
                      ("ours", "native", h, f"ours, `stdwebhooks.Verifier.verify`, {h} headers")]
        pairs = []
        for h in (3, 20):
            pairs += [(f"drop-in, `json_parse=False`, {h} headers", ("ours", "dropin_raw", h), ("reference", "dropin_raw", h)),
                      (f"drop-in, default JSON parse, {h} headers", ("ours", "dropin_json", h), ("reference", "dropin_json", h)),
                      (f"native API vs reference `json_parse=False`, {h} headers", ("ours", "native", h), ("reference", "dropin_raw", h))]
        text = self.lang_tables(self.py, impls, pairs)
        text += ("\nAt 0 B the reference's default `verify` raises (`json.loads('')`), so that column has no "
                 "JSON row.\n")
        up = {s: ratio(self.py.get(("reference", "dropin_raw", 20, s)), self.py.get(("ours", "dropin_raw", 20, s)))
              for s in SIZES}
        small = [up[s] for s in (0, 256, 2048)]
        self.target("Python drop-in `json_parse=False`, 20-header dict: ≥ 6× at 0 B, 256 B, 2 KiB",
                    " / ".join(fmt_x(u) for u in small),
                    None if None in small else min(small) >= 6)
        self.target("Python drop-in `json_parse=False`, 20-header dict: ≥ 2.5× at 1 MiB", fmt_x(up[1048576]),
                    None if up[1048576] is None else up[1048576] >= 2.5)
        js = [ratio(self.py.get(("reference", "dropin_json", 20, s)), self.py.get(("ours", "dropin_json", 20, s)))
              for s in SIZES[1:]]
        self.target("Python drop-in, default JSON parse: faster than the reference at every size",
                    " / ".join(fmt_x(u) for u in js) + " (256 B … 1 MiB; at 0 B the reference raises)",
                    None if None in js else min(js) > 1)
        self.overhead_target("Python (native API, 3-header dict)", self.py.get(("ours", "native", 3, 0)),
                             self.py.get(("ours", "native", 3, 256)))
        self.overhead_target("Python (drop-in, `json_parse=False`, 3 headers)",
                             self.py.get(("ours", "dropin_raw", 3, 0)), self.py.get(("ours", "dropin_raw", 3, 256)))
        return text

    def node_section(self) -> str:
        if not self.node:
            return "Not run.\n"
        impls = []
        for h in (3, 20):
            impls += [("reference", "dropin_raw", h, f"reference, `jsonParse: false`, {h} headers"),
                      ("ours", "dropin_raw", h, f"ours (drop-in), `jsonParse: false`, {h} headers"),
                      ("reference", "dropin_json", h, f"reference, default (parses JSON), {h} headers"),
                      ("ours", "dropin_json", h, f"ours (drop-in), default (parses JSON), {h} headers"),
                      ("ours", "native", h, f"ours, `Verifier.verify`, {h} headers"),
                      ("svix", "verify_json", h, f"svix `Webhook.verify` (always parses), {h} headers")]
        impls += [("reference", "dropin_raw_string", 3, "reference, string payload, `jsonParse: false`, 3 headers"),
                  ("ours", "dropin_raw_string", 3, "ours (drop-in), string payload, `jsonParse: false`, 3 headers")]
        pairs = []
        for h in (3, 20):
            pairs += [(f"drop-in, `jsonParse: false`, {h} headers", ("ours", "dropin_raw", h), ("reference", "dropin_raw", h)),
                      (f"drop-in, default JSON parse, {h} headers", ("ours", "dropin_json", h), ("reference", "dropin_json", h)),
                      (f"ours (drop-in, default) vs svix, {h} headers", ("ours", "dropin_json", h), ("svix", "verify_json", h))]
        pairs.append(("drop-in, string payload, `jsonParse: false`", ("ours", "dropin_raw_string", 3),
                      ("reference", "dropin_raw_string", 3)))
        text = "Payloads are `Buffer`s (what a raw-body middleware hands over) unless the row says string.\n\n"
        text += self.lang_tables(self.node, impls, pairs)
        if self.node_skipped:
            skipped = sorted({(r["impl"], r["row"], r["size"], r["skipped"]) for r in self.node_skipped})
            text += "\nLeft out because the library throws on that input: " + "; ".join(
                f"{i} {row} at {LABELS[s]} ({msg})" for i, row, s, msg in skipped) + ".\n"
        up = {s: ratio(self.node.get(("reference", "dropin_raw", 3, s)), self.node.get(("ours", "dropin_raw", 3, s)))
              for s in SIZES}
        self.target("Node drop-in `jsonParse: false`: ≥ 8× the reference at 256 B", fmt_x(up[256]),
                    None if up[256] is None else up[256] >= 8)
        self.target("Node drop-in `jsonParse: false`: ≥ 12× at 1 MiB", fmt_x(up[1048576]),
                    None if up[1048576] is None else up[1048576] >= 12)
        self.overhead_target("Node (native API, 3 headers)", self.node.get(("ours", "native", 3, 0)),
                             self.node.get(("ours", "native", 3, 256)))
        self.overhead_target("Node (drop-in, `jsonParse: false`, 3 headers)", self.node.get(("ours", "dropin_raw", 3, 0)),
                             self.node.get(("ours", "dropin_raw", 3, 256)))
        return text

    def go_section(self) -> str:
        if not self.go:
            return "Not run.\n"
        body = []
        for h in (3, 20):
            for impl, name in (("reference", "Go reference library"), ("ours", "ours (cgo)")):
                body.append([f"{name}, {h} headers"] + [fmt_ns(self.go.get((s, h, impl))) for s in SIZES])
        for h in (3, 20):
            body.append([f"speed-up, {h} headers"] + [fmt_x(ratio(self.go.get((s, h, "reference")),
                                                                  self.go.get((s, h, "ours")))) for s in SIZES])
        body.append(["bytes allocated per verify, reference"] + [
            f"{self.go_alloc.get((s, 3, 'reference'), 0):.0f} B" if (s, 3, "reference") in self.go_alloc else "–"
            for s in SIZES])
        body.append(["bytes allocated per verify, ours"] + [
            f"{self.go_alloc.get((s, 3, 'ours'), 0):.0f} B" if (s, 3, "ours") in self.go_alloc else "–"
            for s in SIZES])
        up = {s: ratio(self.go.get((s, 3, "reference")), self.go.get((s, 3, "ours"))) for s in SIZES}
        self.target("Go via cgo: ≥ 2× the Go reference at 256 B", fmt_x(up[256]), None if up[256] is None else up[256] >= 2)
        self.target("Go via cgo: ≥ 4× at 1 MiB", fmt_x(up[1048576]),
                    None if up[1048576] is None else up[1048576] >= 4)
        self.overhead_target("Go (3 headers)", self.go.get((0, 3, "ours")), self.go.get((256, 3, "ours")))
        return table(size_header("median ns/op over the -count runs"), body) + "\n"

    def memory(self) -> str:
        if not self.mem:
            return "Not run.\n"
        body = []
        for lang in ("python", "node"):
            for impl in ("reference", "ours"):
                r = self.mem.get((lang, impl))
                if r:
                    body.append([lang.capitalize(), impl, f"{r['payload_mib']} MiB",
                                 f"{r['peak_rss_increase_kib'] / 1024:.2f} MiB"])
            ours = self.mem.get((lang, "ours"))
            if ours:
                inc = ours["peak_rss_increase_kib"]
                self.target(f"Memory, {lang.capitalize()}: a {ours['payload_mib']} MiB verify raises peak RSS by "
                            "< 1 MiB over the payload", f"+{inc / 1024:.2f} MiB", inc < 1024)
        return table(["language", "library", "payload", "peak RSS increase during verify"], body) + "\n"

    # -- chart ------------------------------------------------------------------

    def chart_series(self) -> dict[str, list[float | None]]:
        series = {}
        if self.crit:
            series["Rust (core vs standardwebhooks crate, 20-header map)"] = [
                ratio(self.crit.get(("verify", "reference", s)), self.crit.get(("verify", "ours_map", s))) for s in SIZES]
        elif self.inter:
            series["Rust (core vs standardwebhooks crate)"] = [
                ratio(self.inter.get(("reference", s), {}).get("median_ns"),
                      self.inter.get(("ours_values_at", s), {}).get("median_ns")) for s in SIZES]
        if self.c:
            series["C (vs OpenSSL EVP_MAC verifier)"] = [
                ratio(self.c.get(("openssl_evp_mac", s)), self.c.get(("ours", s))) for s in SIZES]
        if self.py:
            series["Python (drop-in, json_parse=False, 20 headers)"] = [
                ratio(self.py.get(("reference", "dropin_raw", 20, s)), self.py.get(("ours", "dropin_raw", 20, s)))
                for s in SIZES]
        if self.node:
            series["Node (drop-in, jsonParse: false, 20 headers)"] = [
                ratio(self.node.get(("reference", "dropin_raw", 20, s)), self.node.get(("ours", "dropin_raw", 20, s)))
                for s in SIZES]
        if self.go:
            series["Go (cgo vs Go reference, 20 headers)"] = [
                ratio(self.go.get((s, 20, "reference")), self.go.get((s, 20, "ours"))) for s in SIZES]
        return series

    def chart(self, path: str) -> None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FuncFormatter

        fig, ax = plt.subplots(figsize=(8, 5.6), dpi=120)
        xs = list(range(len(SIZES)))
        for (name, ys), marker in zip(self.chart_series().items(), "osD^v"):
            pts = [(x, y) for x, y in zip(xs, ys) if y is not None]
            if pts:
                ax.plot([p[0] for p in pts], [p[1] for p in pts], marker=marker, label=name, linewidth=2)
        ax.axhline(1, color="grey", linestyle="--", linewidth=1)
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}×"))
        ax.set_xticks(xs, [LABELS[s] for s in SIZES])
        ax.set_xlabel("payload size")
        ax.set_ylabel("speed-up: reference time ÷ stdwebhooks time")
        title = "stdwebhooks verify, speed-up over each language's reference"
        if self.mode == "smoke":
            title += " (SMOKE RUN: numbers meaningless)"
        ax.set_title(title, fontsize=11)
        ax.grid(True, which="both", axis="y", alpha=0.3)
        # Below the axes, so no line is ever hidden behind it.
        ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, frameon=False)
        fig.tight_layout()
        fig.savefig(path)
        plt.close(fig)

    # -- the document -------------------------------------------------------------

    def markdown(self, chart_rel: str) -> str:
        m = self.machine
        sections = [
            ("Rust core", self.rust()),
            ("SHA-NI", self.sha_section()),
            ("C", self.c_section()),
            ("Python", self.python()),
            ("Node", self.node_section()),
            ("Go", self.go_section()),
            ("Memory: one verify of a large body", self.memory()),
        ]
        py_ref = self.py_meta.get("reference", {}).get("version", "–")
        head = [
            "# Benchmarks",
            "",
            "<!-- Generated by `make -C bench full` (bench/report.py). Do not edit by hand. -->",
            "",
        ]
        if self.mode == "smoke":
            head += ["**SMOKE RUN**: every benchmark ran for a moment on dev builds, so the numbers below mean "
                     "nothing. Run `make -C bench full` for real ones.", ""]
        head += [
            "Median time of one `verify()` of a valid webhook (current timestamp, `v1` HMAC-SHA256 signature) "
            "by payload size, ours beside the library each language uses today, measured in the same run. "
            "Rerun on your machine with:",
            "",
            "```sh",
            "make -C bench full    # about 10 minutes on 2 cores, builds included",
            "```",
            "",
            f"![speed-up by payload size]({chart_rel})",
            "",
            "## Machine and versions",
            "",
            table(["", ""], [
                ["date, commit", f"{m.get('date', '–')}, `{m.get('commit', '–')}`"],
                ["CPU", f"{m.get('cpu', '–')}, {m.get('cores', '–')} cores, SHA-NI: "
                        f"{'yes' if m.get('sha_ni') else 'no'}, hypervisor: {m.get('hypervisor') or 'none'}"],
                ["kernel", m.get("kernel", "–")],
                ["Rust", m.get("rustc", "–")],
                ["C", f"{m.get('gcc', '–')}; {m.get('openssl', '–')}"],
                ["Python", f"{m.get('python', '–')}; reference `standardwebhooks` {py_ref} (PyPI), in its own venv"],
                ["Node", f"{m.get('node', '–')}; reference `standardwebhooks` "
                         f"{self.node_meta.get('standardwebhooks', '–')}, `svix` {self.node_meta.get('svix', '–')} (npm)"],
                ["Go", f"{m.get('go', '–')}; reference `github.com/standard-webhooks/standard-webhooks/libraries` v1.3.0"],
                ["Rust reference", "`standardwebhooks` 1.0.1 (crates.io)"],
                ["ours", f"stdwebhooks {self.node_meta.get('ours', self.py_meta.get('ours', {}).get('version', '0.1.0'))}, "
                         + ("release builds (LTO)" if self.mode == "full" else "dev builds")],
            ], numeric=False),
            "",
            "## How it is measured",
            "",
            "- Every language verifies the same payloads (`bench/src/lib.rs` writes them: JSON events of exactly "
            "0 B, 256 B, 2 KiB, 20 KiB and 1 MiB) with the same secret, signed just before use with the current "
            "time. Each bench first checks that every library accepts the webhook and refuses a flipped signature.",
            "- \"20 headers\" is the header set of an AWS API Gateway event (17 gateway headers, then the three "
            "`webhook-*` headers); \"3 headers\" is the three webhook headers alone.",
            "- Ours and the reference run in the same process and alternate in short batches (Rust interleaved "
            "bench, C), alternate as whole processes, 5 times each, with the median of the per-process medians "
            "(Python: both import as `standardwebhooks`, so each lives in its own venv; Node: one library per "
            "process, so one library's garbage is never collected on another's time), or alternate within one "
            "`go test -bench -count 5` run (Go). A busy neighbour therefore slows both sides alike. Inside a "
            "process, rows are timed in batches of about 200 µs, many of them, and the median batch is kept.",
            "- Speed-up = reference time ÷ our time; above 1× we are faster.",
            "",
            "## Targets of issue 6",
            "",
        ]
        notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notes.md")
        if os.path.exists(notes):
            with open(notes) as f:
                sections.append(("Findings: where the time goes", f.read()))
        body = [f"## {title}\n\n{text}" for title, text in sections]
        return "\n".join(head) + "\n" + table(["target", "measured", "status"], self.targets, numeric=False) + "\n\n" + "\n".join(body)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--mode", default="full")
    ap.add_argument("--out", required=True)
    ap.add_argument("--chart", required=True)
    args = ap.parse_args()
    rep = Report(args.results, args.mode)
    chart_rel = os.path.relpath(args.chart, os.path.dirname(os.path.abspath(args.out)))
    text = rep.markdown(chart_rel)
    rep.chart(args.chart)
    with open(args.out, "w") as f:
        f.write(text)
    print(f"report: wrote {args.out} and {args.chart}; languages run: {', '.join(rep.ran) or 'none'}")
    for what, measured, status in rep.targets:
        print(f"  {status:>12}  {what}: {measured}")


if __name__ == "__main__":
    main()
