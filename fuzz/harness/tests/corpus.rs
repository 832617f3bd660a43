//! The seed corpus in `fuzz/corpus/<target>/vec-*` is generated from the
//! contract's vector file. This test regenerates it in memory and fails when
//! the checked-in files differ; `UPDATE_CORPUS=1` writes them instead.
//! Files with other names (e.g. `regression-*` from a fuzzing run) are kept.

use std::collections::BTreeMap;
use std::path::PathBuf;

use base64::Engine;
use serde_json::Value;
use stdwebhooks::{Key, KeyKind};
use stdwebhooks_fuzz_harness::{key_parse, sign_verify, signature_header, verify, TARGETS};

fn vectors() -> Value {
    let path = std::env::var_os("STDWEBHOOKS_VECTORS").map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/vectors/standard-webhooks.json")
        },
        PathBuf::from,
    );
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("vector file {} is missing: {e}", path.display()));
    serde_json::from_str(&text).expect("vector file is valid JSON")
}

fn corpus_dir(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../corpus")
        .join(target)
}

fn list<'a>(doc: &'a Value, name: &str) -> &'a [Value] {
    let cases = doc[name]
        .as_array()
        .unwrap_or_else(|| panic!("vector list {name} is missing"));
    assert!(!cases.is_empty(), "vector list {name} is empty");
    cases
}

fn payload(case: &Value) -> Vec<u8> {
    if let Some(text) = case["payload"].as_str() {
        return text.as_bytes().to_vec();
    }
    let b64 = case["payload_b64"]
        .as_str()
        .expect("payload or payload_b64");
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("payload_b64 decodes")
}

fn text<'a>(case: &'a Value, field: &str) -> &'a str {
    case[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} is not a string in {case}"))
}

/// `<list>-<index>-<slug of the case name>`, so a file says where it came from.
fn name(list: &str, index: usize, case: &Value) -> String {
    let slug: String = case["name"]
        .as_str()
        .unwrap_or("")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug: Vec<&str> = slug.split('-').filter(|s| !s.is_empty()).collect();
    let slug = slug.join("-");
    format!("vec-{list}-{index:02}-{}", &slug[..slug.len().min(40)])
}

/// Raw key bytes for the differential target: HMAC bytes, or the ed25519 seed.
fn signing_material(key_text: &str) -> (u8, Vec<u8>) {
    let key = Key::parse(key_text).expect("sign vectors use valid keys");
    let bytes = key.expose_bytes().to_vec();
    match key.kind() {
        KeyKind::Hmac => (0, bytes),
        _ => (sign_verify::ED25519, bytes[..32].to_vec()),
    }
}

fn expected() -> BTreeMap<&'static str, BTreeMap<String, Vec<u8>>> {
    let doc = vectors();
    let mut out: BTreeMap<&'static str, BTreeMap<String, Vec<u8>>> = BTreeMap::new();
    let mut add = |target: &'static str, name: String, bytes: Vec<u8>| {
        out.entry(target).or_default().insert(name, bytes);
    };

    for (i, case) in list(&doc, "keys").iter().enumerate() {
        add(
            "key_parse",
            name("keys", i, case),
            key_parse::encode(text(case, "input").as_bytes()),
        );
    }
    for (i, case) in list(&doc, "verify").iter().enumerate() {
        let keys: Vec<&[u8]> = case["keys"]
            .as_array()
            .expect("keys")
            .iter()
            .map(|k| k.as_str().expect("key text").as_bytes())
            .collect();
        let headers: Vec<(&[u8], &[u8])> = case["headers"]
            .as_object()
            .expect("headers")
            .iter()
            .map(|(n, v)| (n.as_bytes(), v.as_str().expect("header value").as_bytes()))
            .collect();
        let now = case["now"].as_i64().expect("now");
        let tolerance = case["tolerance"]
            .as_u64()
            .unwrap_or(stdwebhooks::DEFAULT_TOLERANCE);
        let file = name("verify", i, case);
        add(
            "verify",
            file.clone(),
            verify::encode(now, tolerance, &keys, &headers, &payload(case)),
        );
        if let Some((_, sig)) = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(b"webhook-signature"))
        {
            add("signature_header", file, signature_header::encode(sig));
        }
    }
    for (i, case) in list(&doc, "sign").iter().enumerate() {
        let (kind, key) = signing_material(text(case, "key"));
        let ts = case["timestamp"].as_i64().expect("timestamp");
        for (m, mutation) in sign_verify::Mutation::ALL.iter().enumerate() {
            // Vary the framing flags and the flipped bit from case to case.
            let framing =
                (i as u8 * 2 + m as u8) & (sign_verify::LEADING_ZERO | sign_verify::PADDED);
            let flags = kind | framing | (*mutation as u8) << sign_verify::MUTATE_SHIFT;
            let flip = (i * 131 + m * 17) as u32;
            let bytes = sign_verify::encode(
                flags,
                ts,
                flip,
                &key,
                text(case, "msg_id").as_bytes(),
                &payload(case),
            );
            add(
                "sign_verify",
                format!("{}-{mutation:?}", name("sign", i, case)),
                bytes,
            );
        }
    }
    for (i, case) in list(&doc, "endpoint_verification").iter().enumerate() {
        let (kind, key) = signing_material(text(case, "key"));
        let flags = kind | (sign_verify::Mutation::Challenge as u8) << sign_verify::MUTATE_SHIFT;
        let bytes = sign_verify::encode(
            flags,
            1_700_000_000,
            i as u32,
            &key,
            b"msg_challenge",
            text(case, "challenge").as_bytes(),
        );
        add("sign_verify", name("endpoint", i, case), bytes);
        let file = name("endpoint", i, case);
        add(
            "signature_header",
            file.clone(),
            signature_header::encode(text(case, "response").as_bytes()),
        );
        add(
            "key_parse",
            file,
            key_parse::encode(text(case, "key").as_bytes()),
        );
    }
    out
}

fn checked_in(target: &str) -> BTreeMap<String, Vec<u8>> {
    let dir = corpus_dir(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return BTreeMap::new();
    };
    entries
        .map(|e| e.expect("readable corpus entry").path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            name.starts_with("vec-")
                .then(|| (name, std::fs::read(&p).expect("readable corpus file")))
        })
        .collect()
}

#[test]
fn corpus_matches_vectors() {
    let expected = expected();
    assert_eq!(
        expected.keys().copied().collect::<Vec<_>>().len(),
        TARGETS.len()
    );
    let update = std::env::var_os("UPDATE_CORPUS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for target in TARGETS {
        let want = &expected[target];
        let have = checked_in(target);
        if update {
            let dir = corpus_dir(target);
            std::fs::create_dir_all(&dir).unwrap();
            for name in have.keys().filter(|n| !want.contains_key(*n)) {
                std::fs::remove_file(dir.join(name)).unwrap();
            }
            for (name, bytes) in want {
                std::fs::write(dir.join(name), bytes).unwrap();
            }
        } else if &have != want {
            stale.push(target);
        }
    }
    assert!(
        stale.is_empty(),
        "the seed corpus of {stale:?} differs from the vector file; run `make -C fuzz corpus`"
    );
}
