//! A whole verify with arbitrary keys, headers, payload, `now` and tolerance.
//!
//! The outcome is checked against a small model of the contract's check order
//! (headers, timestamp syntax, tolerance) written here independently of core;
//! past those, only a match or `no_matching_signature` is allowed, and a header
//! that carries the webhook's own signature must pass.

use std::collections::{BTreeMap, HashMap};

use stdwebhooks::{ErrorKind, HeaderValues, Key, KeyKind, Verifier, MAX_V1A_ENTRIES};

use crate::input::{has_entry, trim, Reader, Writer};

/// Layout: `now` (i64), tolerance (u64), a field of space-separated key texts,
/// the number of headers (u8), a name field and a value field for each, then
/// the payload.
pub fn encode(
    now: i64,
    tolerance: u64,
    keys: &[&[u8]],
    headers: &[(&[u8], &[u8])],
    payload: &[u8],
) -> Vec<u8> {
    let mut w = Writer::default()
        .i64(now)
        .u64(tolerance)
        .field(&keys.join(&b' '))
        .u8(u8::try_from(headers.len()).expect("at most 255 headers"));
    for (name, value) in headers {
        w = w.field(name).field(value);
    }
    w.rest(payload)
}

struct Input<'a> {
    now: i64,
    tolerance: u64,
    keys: Vec<Key>,
    headers: Vec<(&'a [u8], &'a [u8])>,
    payload: &'a [u8],
}

fn decode(data: &[u8]) -> Input<'_> {
    let mut r = Reader::new(data);
    let now = r.i64();
    let tolerance = r.u64();
    let mut keys: Vec<Key> = r
        .field()
        .split(|b| *b == b' ')
        .filter_map(|k| Key::parse_bytes(k).ok())
        .collect();
    if keys.is_empty() {
        // Keep exercising verify even when the fuzzer broke the key text.
        keys.push(Key::hmac(b"fallback key").unwrap());
    }
    let count = r.u8();
    let headers = (0..count).map(|_| (r.field(), r.field())).collect();
    Input {
        now,
        tolerance,
        keys,
        headers,
        payload: r.rest(),
    }
}

/// What the contract says must happen before any signature is looked at.
fn model_before_signatures(
    id: Option<&[u8]>,
    ts: Option<&[u8]>,
    sig: Option<&[u8]>,
    now: i64,
    tolerance: u64,
) -> Result<i64, (ErrorKind, Option<&'static str>)> {
    let missing = |v: Option<&[u8]>| v.map(trim).is_none_or(<[u8]>::is_empty);
    for (value, name) in [
        (id, "webhook-id"),
        (ts, "webhook-timestamp"),
        (sig, "webhook-signature"),
    ] {
        if missing(value) {
            return Err((ErrorKind::MissingHeader, Some(name)));
        }
    }
    let ts = trim(ts.unwrap());
    let digits_ok = (1..=19).contains(&ts.len()) && ts.iter().all(u8::is_ascii_digit);
    let value: Option<i64> = digits_ok
        .then(|| std::str::from_utf8(ts).ok()?.parse::<i64>().ok())
        .flatten();
    let Some(ts) = value else {
        return Err((ErrorKind::InvalidTimestamp, None));
    };
    let diff = i128::from(now) - i128::from(ts);
    if diff > i128::from(tolerance) {
        return Err((ErrorKind::TimestampTooOld, None));
    }
    if -diff > i128::from(tolerance) {
        return Err((ErrorKind::TimestampTooNew, None));
    }
    Ok(ts)
}

fn lookup<'a>(headers: &[(&'a [u8], &'a [u8])], name: &str) -> Option<&'a [u8]> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
        .map(|(_, v)| *v)
}

/// Checks one input.
pub fn run(data: &[u8]) {
    let input = decode(data);
    let mut verifier = Verifier::with_keys(input.keys.iter().cloned()).unwrap();
    verifier.set_tolerance(input.tolerance);
    let headers = &input.headers[..];
    let got = verifier.verify_at(input.payload, headers, input.now);

    let id = lookup(headers, "webhook-id");
    let ts = lookup(headers, "webhook-timestamp");
    let sig = lookup(headers, "webhook-signature");
    let values = HeaderValues {
        id,
        timestamp: ts,
        signature: sig,
    };
    let direct = verifier.verify_values_at(input.payload, values, input.now);
    assert_eq!(got, direct, "verify_at and verify_values_at disagree");

    match model_before_signatures(id, ts, sig, input.now, input.tolerance) {
        Err((kind, header)) => {
            let e = got.expect_err("the model expected an error");
            assert_eq!(e.kind(), kind, "wrong error kind");
            if header.is_some() {
                assert_eq!(e.missing_header(), header, "wrong missing header");
            }
        }
        Ok(ts) => {
            if let Err(e) = got {
                assert_eq!(e.kind(), ErrorKind::NoMatchingSignature);
            }
            let (id, sig) = (trim(id.unwrap()), trim(sig.unwrap()));
            let signer = input
                .keys
                .iter()
                .find(|k| k.kind() != KeyKind::Ed25519Public);
            if let Some(key) = signer {
                let own = Verifier::new(key.clone())
                    .sign(id, ts, input.payload)
                    .expect("a signing key signs");
                // v1a entries past the cap are not checked, so only count on
                // a v1a signature when the header cannot exceed it.
                let v1a_like = sig.split(|b| *b == b' ').filter(|t| t.starts_with(b"v1a,"));
                let reachable = own.starts_with("v1,") || v1a_like.count() <= MAX_V1A_ENTRIES;
                if reachable && has_entry(sig, own.as_bytes()) {
                    assert!(got.is_ok(), "a header carrying the right signature failed");
                }
            }
        }
    }

    check_maps(&verifier, &input, got.map_err(|e| e.kind()));

    let ignoring = verifier
        .verify_ignoring_timestamp(input.payload, headers)
        .map_err(|e| e.kind());
    match got.map_err(|e| e.kind()) {
        Ok(()) => assert_eq!(ignoring, Ok(())),
        Err(ErrorKind::TimestampTooOld | ErrorKind::TimestampTooNew) => assert!(matches!(
            ignoring,
            Ok(()) | Err(ErrorKind::NoMatchingSignature)
        )),
        Err(kind) => assert_eq!(ignoring, Err(kind)),
    }

    if let Err(e) = got {
        let message = e.to_string();
        for key in &input.keys {
            let text = key.expose_text();
            let body = text.split_once('_').map_or(&text[..], |(_, b)| b);
            if body.len() >= 16 {
                assert!(!message.contains(body), "key material in an error");
            }
        }
    }
}

/// The `HashMap` and `BTreeMap` header sources give the same outcome as the
/// list of pairs, whenever the names are text and no two differ only in case
/// (where a map and a list may rightly pick different values).
fn check_maps(verifier: &Verifier, input: &Input<'_>, expected: Result<(), ErrorKind>) {
    let Ok(names) = input
        .headers
        .iter()
        .map(|(n, _)| std::str::from_utf8(n))
        .collect::<Result<Vec<&str>, _>>()
    else {
        return;
    };
    let mut folded: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    folded.sort();
    folded.dedup();
    if folded.len() != names.len() {
        return;
    }
    let pairs = || {
        names
            .iter()
            .zip(&input.headers)
            .map(|(n, (_, v))| (n.to_string(), v.to_vec()))
    };
    let hash: HashMap<String, Vec<u8>> = pairs().collect();
    let tree: BTreeMap<String, Vec<u8>> = pairs().collect();
    let kind = |r: stdwebhooks::Result<()>| r.map_err(|e| e.kind());
    let from_hash = kind(verifier.verify_at(input.payload, &hash, input.now));
    let from_tree = kind(verifier.verify_at(input.payload, &tree, input.now));
    assert_eq!(from_hash, expected, "HashMap source");
    assert_eq!(from_tree, expected, "BTreeMap source");
}
