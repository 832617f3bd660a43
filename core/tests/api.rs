//! The parts of the public API the vector file does not reach.

use std::collections::HashMap;

use stdwebhooks::{Error, ErrorKind, HeaderValues, Key, KeyKind, Verifier, MAX_SIGNATURE_LEN};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const SIGNING: &str =
    "whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==";

fn hmac() -> Verifier {
    Verifier::new(Key::parse(SECRET).unwrap())
}

fn headers(sig: &str) -> Vec<(&'static str, String)> {
    vec![
        ("webhook-id", "msg_1".into()),
        ("webhook-timestamp", "1700000000".into()),
        ("webhook-signature", sig.into()),
    ]
}

#[test]
fn debug_and_errors_never_show_key_material() {
    let key = Key::parse(SECRET).unwrap();
    let secret_b64 = SECRET.trim_start_matches("whsec_");
    for text in [
        format!("{key:?}"),
        format!("{:?}", Verifier::new(key.clone())),
    ] {
        assert!(
            text.contains("REDACTED") && !text.contains(secret_b64),
            "{text}"
        );
    }
    for bad in ["whsec_AAAA AAAA", "whsec_AAA*", "whpk_AAAA", "whsk_AAAA"] {
        let err = Key::parse(bad).unwrap_err();
        assert!(!err.to_string().contains("AAAA"), "{err}");
        assert!(!format!("{err:?}").contains("AAAA"), "{err:?}");
    }
}

#[test]
fn header_maps_are_case_insensitive() {
    let v = hmac();
    let sig = v.sign(b"msg_1", 1700000000, b"{}").unwrap();
    let mut map: HashMap<String, String> = HashMap::new();
    map.insert("Webhook-Id".into(), "msg_1".into());
    map.insert("WEBHOOK-TIMESTAMP".into(), "1700000000".into());
    map.insert("webhook-signature".into(), sig.clone());
    assert_eq!(v.verify_at(b"{}", &map, 1700000000), Ok(()));
    let values = HeaderValues {
        id: Some(b"msg_1"),
        timestamp: Some(b"1700000000"),
        signature: Some(sig.as_bytes()),
    };
    assert_eq!(v.verify_values_at(b"{}", values, 1700000000), Ok(()));
    assert_eq!(
        v.verify_values_at(b"{!", values, 1700000000)
            .unwrap_err()
            .kind(),
        ErrorKind::NoMatchingSignature
    );
}

#[test]
fn missing_header_names_the_header() {
    let v = hmac();
    let err = v
        .verify_at(b"", &[("webhook-id", "x"), ("webhook-timestamp", "1")], 1)
        .unwrap_err();
    assert_eq!(err.missing_header(), Some("webhook-signature"));
    assert!(err.to_string().contains("webhook-signature"));
    let err = v.verify_at(b"", &[("webhook-id", " \t ")], 1).unwrap_err();
    assert_eq!(err.missing_header(), Some("webhook-id"));
}

#[test]
fn skew_is_reported_in_seconds() {
    let v = hmac().with_tolerance(10);
    let err = v.verify_at(b"", &headers("v1,x"), 1700000025).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TimestampTooOld);
    assert!(err.to_string().contains("15 s"), "{err}");
    let err = v.verify_at(b"", &headers("v1,x"), 1699999980).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TimestampTooNew);
    assert!(err.to_string().contains("10 s"), "{err}");
}

#[test]
fn extreme_clocks_and_tolerances_do_not_overflow() {
    let v = hmac().with_tolerance(u64::MAX);
    let sig = v.sign(b"msg_1", 1700000000, b"").unwrap();
    assert_eq!(v.verify_at(b"", &headers(&sig), i64::MIN), Ok(()));
    assert_eq!(v.verify_at(b"", &headers(&sig), i64::MAX), Ok(()));
    let v = hmac().with_tolerance(0);
    assert_eq!(v.verify_at(b"", &headers(&sig), 1700000000), Ok(()));
    assert_eq!(
        v.verify_at(b"", &headers(&sig), i64::MAX)
            .unwrap_err()
            .kind(),
        ErrorKind::TimestampTooOld
    );
    assert_eq!(
        v.verify_at(b"", &headers(&sig), i64::MIN)
            .unwrap_err()
            .kind(),
        ErrorKind::TimestampTooNew
    );
}

#[test]
fn ignoring_the_timestamp_still_checks_it_parses_and_the_signature() {
    let v = hmac();
    let sig = v.sign(b"msg_1", 1700000000, b"x").unwrap();
    assert_eq!(v.verify_ignoring_timestamp(b"x", &headers(&sig)), Ok(()));
    assert_eq!(
        v.verify_ignoring_timestamp(b"y", &headers(&sig))
            .unwrap_err()
            .kind(),
        ErrorKind::NoMatchingSignature
    );
    let bad_ts = [
        ("webhook-id", "m"),
        ("webhook-timestamp", "17e8"),
        ("webhook-signature", sig.as_str()),
    ];
    assert_eq!(
        v.verify_ignoring_timestamp(b"x", &bad_ts)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidTimestamp
    );
}

#[test]
fn keys_of_each_kind_sign_and_verify_together() {
    let signing = Key::parse(SIGNING).unwrap();
    let public = signing.public_key().unwrap();
    assert_eq!(public.kind(), KeyKind::Ed25519Public);
    assert!(Key::parse(SECRET).unwrap().public_key().is_none());

    let ed_sig = Verifier::new(signing)
        .sign(b"msg_1", 1700000000, b"p")
        .unwrap();
    assert!(ed_sig.starts_with("v1a,") && ed_sig.len() <= MAX_SIGNATURE_LEN);
    let hmac_sig = hmac().sign(b"msg_1", 1700000000, b"p").unwrap();
    assert!(hmac_sig.starts_with("v1,") && hmac_sig.len() <= MAX_SIGNATURE_LEN);

    let both = Verifier::with_keys([Key::parse(SECRET).unwrap(), public.clone()]).unwrap();
    assert_eq!(both.key_count(), 2);
    for sig in [&ed_sig, &hmac_sig] {
        assert_eq!(both.verify_at(b"p", &headers(sig), 1700000000), Ok(()));
    }
    let public_only = Verifier::new(public);
    assert_eq!(
        public_only.verify_at(b"p", &headers(&ed_sig), 1700000000),
        Ok(())
    );
    assert_eq!(
        public_only.sign(b"m", 1, b"").unwrap_err().kind(),
        ErrorKind::InvalidSecret
    );
    assert_eq!(
        public_only
            .endpoint_verification_response(b"c")
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidSecret
    );
}

#[test]
fn construction_errors_have_their_kinds() {
    assert_eq!(
        Verifier::with_keys([]).unwrap_err().kind(),
        ErrorKind::EmptySecret
    );
    assert_eq!(Key::hmac(b"").unwrap_err().kind(), ErrorKind::EmptySecret);
    assert_eq!(
        Key::parse(" \n").unwrap_err().kind(),
        ErrorKind::EmptySecret
    );
    assert_eq!(
        Key::parse_bytes(b"whsec_\xff\xfe").unwrap_err().kind(),
        ErrorKind::InvalidSecret
    );
    assert_eq!(
        Key::parse_bytes(b"whsec_AQID")
            .unwrap()
            .expose_bytes()
            .as_slice(),
        &[1, 2, 3]
    );
    assert_eq!(
        hmac().sign(b"m", -1, b"").unwrap_err().kind(),
        ErrorKind::InvalidTimestamp
    );
    // A small-order point: every signature would verify under it.
    let weak = [1u8; 1]
        .iter()
        .chain([0u8; 31].iter())
        .copied()
        .collect::<Vec<_>>();
    let weak: [u8; 32] = weak.try_into().unwrap();
    assert_eq!(
        Key::ed25519_public(&weak).unwrap_err().kind(),
        ErrorKind::InvalidSecret
    );
}

#[test]
fn key_text_round_trips() {
    for text in [SECRET, SIGNING] {
        let key = Key::parse(text).unwrap();
        assert_eq!(
            Key::parse(&key.expose_text()).unwrap().expose_bytes(),
            key.expose_bytes()
        );
    }
}

#[test]
fn endpoint_challenge_rejects_wrong_and_malformed_responses() {
    let v = hmac();
    let good = v.endpoint_verification_response(b"chal").unwrap();
    assert_eq!(
        v.verify_endpoint_verification_response(b"chal", good.as_bytes()),
        Ok(())
    );
    for bad in [
        v.endpoint_verification_response(b"chal2").unwrap().as_str(),
        "",
        "v1",
        "v1,not base64",
        &good[3..],
    ] {
        let err: Error = v
            .verify_endpoint_verification_response(b"chal", bad.as_bytes())
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NoMatchingSignature, "{bad}");
    }
}

#[test]
fn kind_names_round_trip() {
    for kind in ErrorKind::ALL {
        assert_eq!(ErrorKind::from_name(kind.as_str()), Some(kind));
        assert!(!kind.reference_message().is_empty());
    }
}

#[test]
fn verifier_is_send_and_sync() {
    fn shared<T: Send + Sync>() {}
    shared::<Verifier>();
    shared::<Key>();
}
