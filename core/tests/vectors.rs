//! Runs every case of the contract's vector file through the core.

use std::path::PathBuf;

use serde_json::Value;
use stdwebhooks::{ErrorKind, Key, Verifier};

fn project_vectors() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/standard-webhooks.json")
}

/// The file the cases come from: `STDWEBHOOKS_VECTORS` if set, else the project's copy.
fn vector_file() -> PathBuf {
    std::env::var_os("STDWEBHOOKS_VECTORS").map_or_else(project_vectors, PathBuf::from)
}

fn load() -> Value {
    let path = vector_file();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("vector file {} is missing: {e}", path.display()));
    serde_json::from_str(&text).expect("vector file is valid JSON")
}

fn cases<'a>(doc: &'a Value, list: &str) -> &'a Vec<Value> {
    let cases = doc[list]
        .as_array()
        .unwrap_or_else(|| panic!("vector list {list} is missing"));
    assert!(!cases.is_empty(), "vector list {list} is empty");
    cases
}

fn payload(case: &Value) -> Vec<u8> {
    if let Some(text) = case["payload"].as_str() {
        return text.as_bytes().to_vec();
    }
    use base64::Engine;
    let b64 = case["payload_b64"]
        .as_str()
        .expect("payload or payload_b64");
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("payload_b64 decodes")
}

fn outcome<T>(result: stdwebhooks::Result<T>) -> String {
    match result {
        Ok(_) => "ok".to_string(),
        Err(e) => e.kind().as_str().to_string(),
    }
}

/// Runs `check` on every case and reports all failing names at once.
fn run_all(list: &str, check: impl Fn(&Value) -> Result<(), String>) {
    let doc = load();
    let failures: Vec<String> = cases(&doc, list)
        .iter()
        .filter_map(|case| {
            check(case)
                .err()
                .map(|why| format!("{list} / {}: {why}", case["name"]))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn verify_cases() {
    run_all("verify", |case| {
        let keys = case["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| Key::parse(k.as_str().unwrap()));
        let keys: Vec<Key> = keys
            .collect::<Result<_, _>>()
            .map_err(|e| format!("key: {e}"))?;
        let mut verifier = Verifier::with_keys(keys).map_err(|e| e.to_string())?;
        if let Some(t) = case["tolerance"].as_u64() {
            verifier.set_tolerance(t);
        }
        let headers: Vec<(String, String)> = case["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect();
        let got =
            outcome(verifier.verify_at(&payload(case), &headers, case["now"].as_i64().unwrap()));
        let want = case["expect"].as_str().unwrap();
        (got == want)
            .then_some(())
            .ok_or(format!("expected {want}, got {got}"))
    });
}

#[test]
fn sign_cases() {
    run_all("sign", |case| {
        let key = Key::parse(case["key"].as_str().unwrap()).map_err(|e| e.to_string())?;
        let verifier = Verifier::new(key);
        let got = verifier
            .sign(
                case["msg_id"].as_str().unwrap().as_bytes(),
                case["timestamp"].as_i64().unwrap(),
                &payload(case),
            )
            .map_err(|e| e.to_string())?;
        let want = case["signature"].as_str().unwrap();
        (got == want)
            .then_some(())
            .ok_or(format!("expected {want}, got {got}"))
    });
}

#[test]
fn key_cases() {
    run_all("keys", |case| {
        let parsed = Key::parse(case["input"].as_str().unwrap());
        let want = case["expect"].as_str().unwrap();
        let got = outcome(parsed.as_ref().map_err(|e| *e));
        if got != want {
            return Err(format!("expected {want}, got {got}"));
        }
        if let Ok(key) = parsed {
            let hex: String = key
                .expose_bytes()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            if key.kind().as_str() != case["kind"] || hex != case["key_hex"] {
                return Err(format!("got kind {} bytes {hex}", key.kind().as_str()));
            }
        }
        Ok(())
    });
}

#[test]
fn endpoint_verification_cases() {
    run_all("endpoint_verification", |case| {
        let verifier =
            Verifier::new(Key::parse(case["key"].as_str().unwrap()).map_err(|e| e.to_string())?);
        let challenge = case["challenge"].as_str().unwrap().as_bytes();
        let got = verifier
            .endpoint_verification_response(challenge)
            .map_err(|e| e.to_string())?;
        let want = case["response"].as_str().unwrap();
        if got != want {
            return Err(format!("expected {want}, got {got}"));
        }
        verifier
            .verify_endpoint_verification_response(challenge, want.as_bytes())
            .map_err(|e| e.to_string())
    });
}

#[test]
fn every_error_kind_in_the_file_is_known() {
    let doc = load();
    let kinds: Vec<&str> = doc["error_kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    let ours: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(kinds, ours);
}

/// The project's copy must not drift from the contract's, wherever the contract is checked out beside it.
#[test]
fn project_copy_matches_shared_vectors() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/vectors/standard-webhooks.json");
    let Ok(theirs) = std::fs::read(&shared) else {
        eprintln!(
            "no {} beside the project; drift not checked",
            shared.display()
        );
        return;
    };
    let ours = std::fs::read(project_vectors()).expect("project copy of the vectors");
    assert!(
        ours == theirs,
        "tests/vectors/standard-webhooks.json differs from {}",
        shared.display()
    );
}
