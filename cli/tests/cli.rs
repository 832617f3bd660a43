//! Runs the built `stdwebhooks` binary the way a person debugging a webhook would.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use base64::Engine;
use serde_json::Value;

/// The "basic valid" case of the contract's vectors: signed independently of this crate.
fn basic_case() -> Value {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/standard-webhooks.json");
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("vector file")).unwrap();
    doc["verify"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "basic valid")
        .expect("basic valid case")
        .clone()
}

fn run(args: &[&str], secret: &str, stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stdwebhooks"))
        .args(args)
        .env("WEBHOOK_SECRET", secret)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    // A command that fails before reading its input closes the pipe early; that is not an error here.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

/// Verifies `body` with the basic case's headers and clock.
fn verify_body(body: &[u8]) -> (i32, String) {
    let case = basic_case();
    let now = case["now"].to_string();
    let mut args = vec!["verify".to_string(), "--now".into(), now];
    for (name, value) in case["headers"].as_object().unwrap() {
        args.push("--header".into());
        args.push(format!("{name}: {}", value.as_str().unwrap()));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&args, case["keys"][0].as_str().unwrap(), body);
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn payload() -> Vec<u8> {
    basic_case()["payload"]
        .as_str()
        .unwrap()
        .as_bytes()
        .to_vec()
}

#[test]
fn valid_webhook_exits_zero() {
    let (code, out) = verify_body(&payload());
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("valid:"), "{out}");
}

#[test]
fn tampered_body_is_refused_without_a_near_miss() {
    let mut body = payload();
    body[3] ^= 0x01;
    let (code, out) = verify_body(&body);
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("invalid: no_matching_signature"), "{out}");
    assert!(out.contains("secret is not the one"), "{out}");
}

#[test]
fn trailing_newline_is_named() {
    let mut body = payload();
    body.push(b'\n');
    let (code, out) = verify_body(&body);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("without the trailing newline"), "{out}");
}

#[test]
fn base64_body_is_named() {
    let body = base64::engine::general_purpose::STANDARD.encode(payload());
    let (code, out) = verify_body(body.as_bytes());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("base64-decoded body"), "{out}");
    assert!(out.contains("isBase64Encoded"), "{out}");
}

#[test]
fn reserialized_json_is_named() {
    let value: Value = serde_json::from_slice(&payload()).unwrap();
    let body = serde_json::to_vec_pretty(&value).unwrap();
    let (code, out) = verify_body(&body);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("re-serialized"), "{out}");
}

#[test]
fn stale_webhook_says_how_old() {
    let case = basic_case();
    let out = run(
        &[
            "verify",
            "--now",
            "1700000400",
            "--header",
            &format!(
                "webhook-id: {}",
                case["headers"]["webhook-id"].as_str().unwrap()
            ),
            "--header",
            &format!(
                "webhook-timestamp: {}",
                case["headers"]["webhook-timestamp"].as_str().unwrap()
            ),
            "--header",
            &format!(
                "webhook-signature: {}",
                case["headers"]["webhook-signature"].as_str().unwrap()
            ),
        ],
        case["keys"][0].as_str().unwrap(),
        &payload(),
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout.contains("timestamp_too_old") && stdout.contains("100 s older"),
        "{stdout}"
    );
}

#[test]
fn headers_file_from_a_request_log() {
    let case = basic_case();
    let dir = std::env::temp_dir().join(format!("swh-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("request.txt");
    let h = &case["headers"];
    std::fs::write(
        &log,
        format!(
            "POST /webhooks HTTP/1.1\r\nHost: example.com\r\nWebhook-Id: {}\r\nWebhook-Timestamp: {}\r\nWebhook-Signature: {}\r\n",
            h["webhook-id"].as_str().unwrap(),
            h["webhook-timestamp"].as_str().unwrap(),
            h["webhook-signature"].as_str().unwrap()
        ),
    )
    .unwrap();
    let body = dir.join("body.json");
    std::fs::write(&body, payload()).unwrap();
    let out = run(
        &[
            "verify",
            "--now",
            "1700000000",
            "--headers-file",
            log.to_str().unwrap(),
            "--body-file",
            body.to_str().unwrap(),
        ],
        case["keys"][0].as_str().unwrap(),
        b"",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn missing_header_is_named() {
    let out = run(
        &["verify", "--header", "webhook-id: msg_1"],
        "whsec_AQID",
        b"{}",
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout.contains("missing_header") && stdout.contains("webhook-timestamp"),
        "{stdout}"
    );
}

#[test]
fn bad_secret_and_bad_options_are_usage_errors() {
    let out = run(&["verify"], "whsec_not*base64", b"");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("invalid_secret") && !err.contains("not*base64"),
        "{err}"
    );
    assert_eq!(
        run(&["verify", "--bogus", "1"], "whsec_AQID", b"")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["verify", "--now", "soon"], "whsec_AQID", b"")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&[], "whsec_AQID", b"").status.code(), Some(2));
}

#[test]
fn sign_output_verifies() {
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let out = run(
        &["sign", "--id", "msg_cli", "--timestamp", "1700000000"],
        secret,
        b"hello",
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut args = vec!["verify".to_string(), "--now".into(), "1700000000".into()];
    for line in text.lines() {
        args.push("--header".into());
        args.push(line.to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_eq!(run(&args, secret, b"hello").status.code(), Some(0));
    assert_eq!(run(&args, secret, b"hellO").status.code(), Some(1));
}

#[test]
fn keygen_makes_working_keys() {
    let out = run(&["keygen"], "", b"");
    let secret = String::from_utf8(out.stdout).unwrap();
    assert!(secret.starts_with("whsec_"), "{secret}");
    let signed = run(&["sign", "--timestamp", "1700000000"], secret.trim(), b"x");
    assert_eq!(signed.status.code(), Some(0));

    let out = run(&["keygen", "--kind", "ed25519"], "", b"");
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("whsk_") && lines[1].starts_with("whpk_"),
        "{text}"
    );
    let signed = run(
        &["sign", "--id", "m", "--timestamp", "1700000000"],
        lines[0],
        b"x",
    );
    let headers = String::from_utf8(signed.stdout).unwrap();
    assert!(headers.contains("v1a,"), "{headers}");
    let mut args = vec!["verify".to_string(), "--now".into(), "1700000000".into()];
    for line in headers.lines() {
        args.push("--header".into());
        args.push(line.to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_eq!(run(&args, lines[1], b"x").status.code(), Some(0));
}

#[test]
fn sign_refuses_ids_that_cannot_be_one_header_line() {
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    for id in ["", "a\nwebhook-signature: v1,forged", "a\rb", "a\u{1}b"] {
        let out = run(
            &["sign", "--id", id, "--timestamp", "1700000000"],
            secret,
            b"x",
        );
        assert_eq!(out.status.code(), Some(2), "{id:?}");
        assert!(
            out.stdout.is_empty(),
            "{id:?} printed {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn a_secret_that_is_set_but_not_utf8_is_invalid_not_missing() {
    use std::os::unix::ffi::OsStrExt;
    let out = Command::new(env!("CARGO_BIN_EXE_stdwebhooks"))
        .args(["sign", "--id", "m", "--timestamp", "1"])
        .env("WEBHOOK_SECRET", std::ffi::OsStr::from_bytes(b"whsec_\xff"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("invalid_secret") && !err.contains("no secret"),
        "{err}"
    );
}

#[test]
fn help_and_unknown_commands() {
    for args in [&["--help"][..], &["verify", "--help"], &["sign", "-h"]] {
        let out = run(args, "", b"");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            String::from_utf8(out.stdout).unwrap().contains("usage:"),
            "{args:?}"
        );
    }
    let out = run(&["frobnicate"], "", b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("unknown command 'frobnicate'"));
}
