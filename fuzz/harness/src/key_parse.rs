//! Key text and key bytes: every input parses or fails with a key error, a
//! parsed key survives its own text form, and no key leaks into `Debug`.

use stdwebhooks::{ErrorKind, Key, KeyKind, Verifier};

/// The whole input is the key text (or the raw key bytes).
pub fn encode(key_text: &[u8]) -> Vec<u8> {
    key_text.to_vec()
}

/// Checks one input.
pub fn run(data: &[u8]) {
    let parsed = Key::parse_bytes(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let same = Key::parse(text);
        assert_eq!(
            parsed
                .as_ref()
                .map(|k| k.expose_bytes())
                .map_err(|e| e.kind()),
            same.as_ref()
                .map(|k| k.expose_bytes())
                .map_err(|e| e.kind()),
            "parse and parse_bytes disagree"
        );
    }
    match parsed {
        Ok(key) => check_parsed(data, &key),
        Err(e) => assert!(
            matches!(e.kind(), ErrorKind::EmptySecret | ErrorKind::InvalidSecret),
            "key text gave {:?}",
            e.kind()
        ),
    }
    check_raw(data);
}

fn check_parsed(data: &[u8], key: &Key) {
    let trimmed = data
        .iter()
        .position(|b| !b" \t\r\n".contains(b))
        .map_or(&data[..0], |i| &data[i..]);
    let expected_kind = if trimmed.starts_with(b"whpk_") {
        KeyKind::Ed25519Public
    } else if trimmed.starts_with(b"whsk_") {
        KeyKind::Ed25519Secret
    } else {
        KeyKind::Hmac
    };
    assert_eq!(key.kind(), expected_kind);
    let bytes = key.expose_bytes();
    match key.kind() {
        KeyKind::Hmac => assert!(!bytes.is_empty()),
        KeyKind::Ed25519Public => assert_eq!(bytes.len(), 32),
        KeyKind::Ed25519Secret => assert_eq!(bytes.len(), 64),
    }

    let text = key.expose_text();
    let again = Key::parse(&text).expect("a key's own text parses");
    assert_eq!(again.kind(), key.kind());
    assert_eq!(again.expose_bytes(), bytes);

    // The body of the text is base64; a long one must not show up in Debug or errors.
    let body = text.split_once('_').map_or(&text[..], |(_, b)| b);
    let debug = format!("{key:?} {:?}", Verifier::new(key.clone()));
    assert!(debug.contains("REDACTED"), "Debug is not redacted: {debug}");
    if body.len() >= 16 {
        assert!(!debug.contains(body), "key material in Debug");
    }

    let verifier = Verifier::new(key.clone());
    match verifier.sign(b"msg_fuzz", 1_700_000_000, data) {
        Ok(sig) => {
            assert_ne!(key.kind(), KeyKind::Ed25519Public);
            assert!(sig.len() <= stdwebhooks::MAX_SIGNATURE_LEN);
        }
        Err(e) => {
            assert_eq!(key.kind(), KeyKind::Ed25519Public);
            assert_eq!(e.kind(), ErrorKind::InvalidSecret);
            if body.len() >= 16 {
                assert!(!e.to_string().contains(body), "key material in an error");
            }
        }
    }
}

/// The same bytes as a raw HMAC secret and, where the length fits, as ed25519 key bytes.
fn check_raw(data: &[u8]) {
    match Key::hmac(data) {
        Ok(key) => {
            assert_eq!(key.kind(), KeyKind::Hmac);
            assert_eq!(&key.expose_bytes()[..], data);
        }
        Err(e) => {
            assert!(data.is_empty());
            assert_eq!(e.kind(), ErrorKind::EmptySecret);
        }
    }
    if let Ok(bytes) = <&[u8; 32]>::try_from(data) {
        if let Ok(key) = Key::ed25519_public(bytes) {
            assert_eq!(&key.expose_bytes()[..], data);
        }
        let secret = Key::ed25519_seed(bytes);
        let public = secret.public_key().expect("ed25519 has a public half");
        let pair: [u8; 64] = secret.expose_bytes()[..].try_into().unwrap();
        assert_eq!(&pair[..32], data);
        assert_eq!(&pair[32..], &public.expose_bytes()[..]);
    }
    if let Ok(bytes) = <&[u8; 64]>::try_from(data) {
        if let Ok(key) = Key::ed25519_keypair(bytes) {
            assert_eq!(&key.expose_bytes()[..], data);
        }
    }
}
