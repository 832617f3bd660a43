//! Properties over random inputs: whatever is signed verifies, and one flipped
//! bit anywhere in what was signed, or in the signature, makes it fail.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use proptest::prelude::*;
use stdwebhooks::{ErrorKind, HeaderValues, Key, KeyKind, Verifier};

/// The message ids a sender can use: header values are trimmed of spaces and
/// tabs, so an id that starts or ends with one is a different id once received.
fn msg_id() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 1..64).prop_filter("no surrounding blanks", |id| {
        let blank = |b: &u8| *b == b' ' || *b == b'\t';
        !blank(&id[0]) && !blank(&id[id.len() - 1])
    })
}

fn payload() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..2048)
}

fn timestamp() -> impl Strategy<Value = i64> {
    prop_oneof![
        0..=i64::MAX,
        1_600_000_000i64..1_900_000_000,
        Just(0),
        Just(i64::MAX)
    ]
}

/// A signing key of either kind: HMAC from 1 to 100 random bytes, or an ed25519 seed.
fn signing_key() -> impl Strategy<Value = Key> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 1..100).prop_map(|b| Key::hmac(&b).unwrap()),
        any::<[u8; 32]>().prop_map(|seed| Key::ed25519_seed(&seed)),
    ]
}

fn values<'a>(id: &'a [u8], ts: &'a [u8], sig: &'a [u8]) -> HeaderValues<'a> {
    HeaderValues {
        id: Some(id),
        timestamp: Some(ts),
        signature: Some(sig),
    }
}

fn kind(result: stdwebhooks::Result<()>) -> Result<(), ErrorKind> {
    result.map_err(|e| e.kind())
}

fn flip(bytes: &mut [u8], bit: prop::sample::Index) {
    let bit = bit.index(bytes.len() * 8);
    bytes[bit / 8] ^= 1 << (bit % 8);
}

const NO_MATCH: Result<(), ErrorKind> = Err(ErrorKind::NoMatchingSignature);

proptest! {
    #[test]
    fn signed_webhooks_verify(key in signing_key(), id in msg_id(), ts in timestamp(), payload in payload()) {
        let verifier = Verifier::new(key.clone());
        let sig = verifier.sign(&id, ts, &payload).unwrap();
        let ts_text = ts.to_string();
        prop_assert_eq!(kind(verifier.verify_values_at(&payload, values(&id, ts_text.as_bytes(), sig.as_bytes()), ts)), Ok(()));
        // The same through a header list with names in another case, and at the edges of the window.
        let headers = [
            (&b"Webhook-Id"[..], &id[..]),
            (b"WEBHOOK-TIMESTAMP", ts_text.as_bytes()),
            (b"webhook-signature", sig.as_bytes()),
        ];
        prop_assert_eq!(kind(verifier.verify_at(&payload, &headers, ts.saturating_add(300))), Ok(()));
        prop_assert_eq!(kind(verifier.verify_at(&payload, &headers, ts.saturating_sub(300))), Ok(()));
        // A public key (or a verifier holding other keys too) accepts it as well.
        let public_or_same = key.public_key().unwrap_or_else(|| key.clone());
        let rotated = Verifier::with_keys([Key::hmac(b"old secret").unwrap(), public_or_same]).unwrap();
        prop_assert_eq!(kind(rotated.verify_at(&payload, &headers, ts)), Ok(()));
    }

    #[test]
    fn a_flipped_payload_bit_fails(key in signing_key(), id in msg_id(), ts in timestamp(),
                                   payload in prop::collection::vec(any::<u8>(), 1..2048), bit in any::<prop::sample::Index>()) {
        let verifier = Verifier::new(key);
        let sig = verifier.sign(&id, ts, &payload).unwrap();
        let mut changed = payload.clone();
        flip(&mut changed, bit);
        let ts_text = ts.to_string();
        prop_assert_eq!(kind(verifier.verify_values_at(&changed, values(&id, ts_text.as_bytes(), sig.as_bytes()), ts)), NO_MATCH);
    }

    #[test]
    fn a_flipped_id_bit_fails(key in signing_key(), id in msg_id(), ts in timestamp(),
                              payload in payload(), bit in any::<prop::sample::Index>()) {
        let verifier = Verifier::new(key);
        let sig = verifier.sign(&id, ts, &payload).unwrap();
        let mut changed = id.clone();
        flip(&mut changed, bit);
        let ts_text = ts.to_string();
        let got = kind(verifier.verify_values_at(&payload, values(&changed, ts_text.as_bytes(), sig.as_bytes()), ts));
        // A one-byte id flipped to a space or tab is an empty header.
        let blank = changed.iter().all(|b| *b == b' ' || *b == b'\t');
        prop_assert_eq!(got, if blank { Err(ErrorKind::MissingHeader) } else { NO_MATCH });
    }

    #[test]
    fn a_flipped_timestamp_bit_fails(key in signing_key(), id in msg_id(), ts in timestamp(),
                                     payload in payload(), bit in 0u32..63) {
        let verifier = Verifier::new(key).with_tolerance(u64::MAX);
        let sig = verifier.sign(&id, ts, &payload).unwrap();
        let changed = (ts ^ (1i64 << bit)).to_string();
        prop_assert_eq!(kind(verifier.verify_values_at(&payload, values(&id, changed.as_bytes(), sig.as_bytes()), ts)), NO_MATCH);
    }

    #[test]
    fn a_flipped_signature_bit_fails(key in signing_key(), id in msg_id(), ts in timestamp(),
                                     payload in payload(), bit in any::<prop::sample::Index>()) {
        let verifier = Verifier::new(key);
        let sig = verifier.sign(&id, ts, &payload).unwrap();
        let (version, b64) = sig.split_once(',').unwrap();
        let mut raw = STANDARD.decode(b64).unwrap();
        flip(&mut raw, bit);
        let forged = format!("{version},{}", STANDARD.encode(&raw));
        let ts_text = ts.to_string();
        prop_assert_eq!(kind(verifier.verify_values_at(&payload, values(&id, ts_text.as_bytes(), forged.as_bytes()), ts)), NO_MATCH);
    }

    #[test]
    fn a_flipped_signature_text_bit_fails_unless_it_is_an_unused_base64_bit(
        key in signing_key(), id in msg_id(), payload in payload(), bit in any::<prop::sample::Index>()) {
        let verifier = Verifier::new(key);
        let sig = verifier.sign(&id, 1_700_000_000, &payload).unwrap();
        let mut text = sig.clone().into_bytes();
        flip(&mut text, bit);
        let at = text.iter().zip(sig.as_bytes()).position(|(a, b)| a != b).unwrap();
        let got = kind(verifier.verify_values_at(&payload, values(&id, b"1700000000", &text), 1_700_000_000));
        // The last base64 character carries bits that decode to nothing; the
        // contract ignores them, as Python's and Go's decoders do.
        let last_data = sig.trim_end_matches('=').len() - 1;
        if got.is_ok() {
            prop_assert_eq!(at, last_data);
        } else {
            prop_assert_eq!(got, NO_MATCH);
        }
    }

    #[test]
    fn key_text_round_trips(key in prop_oneof![
            prop::collection::vec(any::<u8>(), 1..200).prop_map(|b| Key::hmac(&b).unwrap()),
            any::<[u8; 32]>().prop_map(|s| Key::ed25519_seed(&s)),
            any::<[u8; 32]>().prop_map(|s| Key::ed25519_seed(&s).public_key().unwrap()),
        ],
        before in "[ \t\r\n]{0,3}", after in "[ \t\r\n]{0,3}") {
        let text = key.expose_text();
        for candidate in [text.to_string(), format!("{before}{}{after}", &*text)] {
            let again = Key::parse(&candidate).unwrap();
            prop_assert_eq!(again.kind(), key.kind());
            prop_assert_eq!(again.expose_bytes(), key.expose_bytes());
            prop_assert_eq!(again.expose_text(), key.expose_text());
            prop_assert_eq!(Key::parse_bytes(candidate.as_bytes()).unwrap().expose_bytes(), key.expose_bytes());
        }
        if key.kind() == KeyKind::Hmac {
            // Bare base64, padded or not, is the same HMAC key.
            let bare = text.trim_start_matches("whsec_");
            for candidate in [bare, bare.trim_end_matches('=')] {
                prop_assert_eq!(Key::parse(candidate).unwrap().expose_bytes(), key.expose_bytes());
            }
        }
    }

    #[test]
    fn challenge_responses_round_trip_and_flips_fail(secret in prop::collection::vec(any::<u8>(), 1..100),
                                                     challenge in prop::collection::vec(any::<u8>(), 1..200),
                                                     bit in any::<prop::sample::Index>()) {
        let verifier = Verifier::new(Key::hmac(&secret).unwrap());
        let response = verifier.endpoint_verification_response(&challenge).unwrap();
        prop_assert_eq!(kind(verifier.verify_endpoint_verification_response(&challenge, response.as_bytes())), Ok(()));
        let mut raw = STANDARD.decode(&response["v1,".len()..]).unwrap();
        flip(&mut raw, bit);
        let forged = format!("v1,{}", STANDARD.encode(&raw));
        prop_assert_eq!(kind(verifier.verify_endpoint_verification_response(&challenge, forged.as_bytes())), NO_MATCH);
        let mut other = challenge.clone();
        flip(&mut other, bit);
        prop_assert_eq!(kind(verifier.verify_endpoint_verification_response(&other, response.as_bytes())), NO_MATCH);
    }
}
