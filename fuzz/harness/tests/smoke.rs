//! The fuzz targets on stable Rust: every corpus file, then the same checks
//! under proptest, on random bytes, on mutated seeds and on structured inputs
//! built with each target's `encode`. `SMOKE_CASES` scales the run (default
//! 256 cases per property; a `make -C fuzz smoke` takes tens of seconds).

use std::path::PathBuf;
use std::sync::OnceLock;

use proptest::prelude::*;
use stdwebhooks::{Key, Verifier};
use stdwebhooks_fuzz_harness::{sign_verify, signature_header, verify, TARGETS};

fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../corpus")
        .join(target);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("corpus folder {} is missing: {e}", dir.display()))
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "corpus folder {} is empty",
        dir.display()
    );
    files
}

/// Every seed of every target, loaded once.
fn seeds() -> &'static Vec<(&'static str, Vec<u8>)> {
    static SEEDS: OnceLock<Vec<(&'static str, Vec<u8>)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        TARGETS
            .iter()
            .flat_map(|t| corpus(t).into_iter().map(move |(_, bytes)| (*t, bytes)))
            .collect()
    })
}

fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("SMOKE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

#[test]
fn corpus_replays() {
    for target in TARGETS {
        for (name, bytes) in corpus(target) {
            let outcome =
                std::panic::catch_unwind(|| stdwebhooks_fuzz_harness::run(target, &bytes));
            assert!(outcome.is_ok(), "{target} fails on corpus file {name}");
        }
    }
}

/// A byte edit as libFuzzer's mutators make them: overwrite, insert or delete.
#[derive(Debug, Clone)]
enum Edit {
    Set(usize, u8),
    Insert(usize, u8),
    Remove(usize),
    FlipBit(usize, u8),
}

fn apply(mut data: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        let len = data.len();
        match *edit {
            Edit::Set(i, b) if len > 0 => data[i % len] = b,
            Edit::Insert(i, b) => data.insert(i % (len + 1), b),
            Edit::Remove(i) if len > 0 => {
                data.remove(i % len);
            }
            Edit::FlipBit(i, bit) if len > 0 => data[i % len] ^= 1 << (bit % 8),
            _ => {}
        }
    }
    data
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Set(i, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Insert(i, b)),
        any::<usize>().prop_map(Edit::Remove),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::FlipBit(i, b)),
        // Bytes the parsers treat specially.
        (
            any::<usize>(),
            prop::sample::select(b" \t,=\0\n\xff+/_v1a".to_vec())
        )
            .prop_map(|(i, b)| Edit::Set(i, b)),
    ]
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn random_bytes(target in prop::sample::select(TARGETS.to_vec()),
                    data in prop::collection::vec(any::<u8>(), 0..400)) {
        stdwebhooks_fuzz_harness::run(target, &data);
    }

    #[test]
    fn mutated_seeds(seed in any::<prop::sample::Index>(),
                     edits in prop::collection::vec(edit(), 1..8)) {
        let (target, bytes) = seed.get(seeds());
        stdwebhooks_fuzz_harness::run(target, &apply(bytes.clone(), &edits));
    }

    #[test]
    fn sign_verify_structured(flags in any::<u8>(),
                              ts in prop_oneof![0..=i64::MAX, Just(0), Just(i64::MAX), any::<i64>()],
                              flip in any::<u32>(),
                              key in prop::collection::vec(any::<u8>(), 0..80),
                              id in prop::collection::vec(any::<u8>(), 0..40),
                              payload in prop::collection::vec(any::<u8>(), 0..600)) {
        sign_verify::run(&sign_verify::encode(flags, ts, flip, &key, &id, &payload));
    }

    #[test]
    fn signature_header_structured(entries in prop::collection::vec(entry(), 0..12),
                                   seps in prop::collection::vec(prop::sample::select(vec![" ", "  ", "\t", " \t "]), 12)) {
        let mut header = String::new();
        for (e, sep) in entries.iter().zip(&seps) {
            header.push_str(e);
            header.push_str(sep);
        }
        signature_header::run(&signature_header::encode(header.as_bytes()));
    }

    #[test]
    fn verify_structured(w in webhook()) {
        verify::run(&w);
    }
}

/// One signature-header entry: well-formed entries of random bytes and near misses.
fn entry() -> impl Strategy<Value = String> {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
    use base64::Engine;
    let bytes = |n: usize| prop::collection::vec(any::<u8>(), n..=n);
    prop_oneof![
        bytes(32).prop_map(move |b| format!("v1,{}", STANDARD.encode(b))),
        bytes(64).prop_map(move |b| format!("v1a,{}", STANDARD.encode(b))),
        bytes(64).prop_map(move |b| format!("v1a,{}", STANDARD_NO_PAD.encode(b))),
        bytes(33).prop_map(move |b| format!("v1,{}", STANDARD.encode(b))),
        prop::collection::vec(any::<u8>(), 0..70)
            .prop_map(|b| format!("v2,{}", STANDARD.encode(b))),
        "[v1a,=+/A-Za-z0-9]{0,100}",
        Just("v1".to_string()),
        Just("v1,".to_string()),
    ]
}

/// A webhook signed by one of a few keys, then framed and perturbed the ways
/// real requests are: header-name case, padding, junk entries, clock skew.
fn webhook() -> impl Strategy<Value = Vec<u8>> {
    const KEYS: [&str; 3] = [
        "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
        "whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==",
        "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    ];
    (
        0..KEYS.len(),
        "[ \t]?[a-zA-Z0-9_.\t ]{0,30}",
        0..=i64::MAX,
        prop_oneof![Just(0i64), -400i64..400, any::<i64>()],
        prop_oneof![Just(300u64), Just(0), Just(u64::MAX), any::<u64>()],
        prop::collection::vec(entry(), 0..4),
        any::<bool>(),
        any::<[bool; 3]>(),
        prop::collection::vec(any::<u8>(), 0..300),
    )
        .prop_map(
            |(k, id, ts, skew, tolerance, junk, junk_first, upper, payload)| {
                let key = Key::parse(KEYS[k]).unwrap();
                let sig = Verifier::new(key)
                    .sign(id.trim_matches([' ', '\t']).as_bytes(), ts, &payload)
                    .unwrap();
                let mut entries = junk;
                if junk_first {
                    entries.push(sig);
                } else {
                    entries.insert(0, sig);
                }
                let sig = entries.join(" ");
                let ts_text = ts.to_string();
                let name = |n: &'static str, up: bool| {
                    if up {
                        n.to_ascii_uppercase()
                    } else {
                        n.to_string()
                    }
                };
                let headers = [
                    (name("webhook-id", upper[0]), id.into_bytes()),
                    (name("webhook-timestamp", upper[1]), ts_text.into_bytes()),
                    (name("webhook-signature", upper[2]), sig.into_bytes()),
                ];
                let headers: Vec<(&[u8], &[u8])> = headers
                    .iter()
                    .map(|(n, v)| (n.as_bytes(), v.as_slice()))
                    .collect();
                let keys: Vec<&[u8]> = KEYS.iter().map(|k| k.as_bytes()).collect();
                verify::encode(
                    ts.saturating_add(skew),
                    tolerance,
                    &keys,
                    &headers,
                    &payload,
                )
            },
        )
}
