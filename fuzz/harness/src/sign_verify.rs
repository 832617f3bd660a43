//! The differential target: whatever is signed verifies, under the key itself,
//! under the key read back from its text form, and beside unrelated keys; and
//! a single flipped bit in the payload, the id, the timestamp or the signature
//! makes it fail. The endpoint challenge gets the same treatment.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use stdwebhooks::{ErrorKind, HeaderValues, Key, KeyKind, Verifier, MAX_SIGNATURE_LEN};

use crate::input::{trim, Reader, Writer};

/// `flags` bit 0: ed25519 (else HMAC).
pub const ED25519: u8 = 1;
/// `flags` bit 1: write the timestamp header with a leading zero.
pub const LEADING_ZERO: u8 = 2;
/// `flags` bit 2: surround header values with a space and a tab.
pub const PADDED: u8 = 4;
/// `flags` bits 3 to 5 say what to flip one bit of.
pub const MUTATE_SHIFT: u8 = 3;

/// What one bit is flipped in, from `flags >> MUTATE_SHIFT & 7`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mutation {
    /// The payload.
    Payload = 0,
    /// The message id.
    Id = 1,
    /// The timestamp's value.
    Timestamp = 2,
    /// The decoded signature bytes.
    SignatureBytes = 3,
    /// The signature text as sent.
    SignatureText = 4,
    /// The endpoint-verification challenge and response (HMAC only).
    Challenge = 5,
    /// Nothing: only the positive checks.
    Nothing = 6,
}

impl Mutation {
    /// Every mutation, by number.
    pub const ALL: [Mutation; 7] = [
        Mutation::Payload,
        Mutation::Id,
        Mutation::Timestamp,
        Mutation::SignatureBytes,
        Mutation::SignatureText,
        Mutation::Challenge,
        Mutation::Nothing,
    ];
}

/// Layout: flags (u8), timestamp (i64), flip (u32: which bit), a key field
/// (raw HMAC bytes, or the ed25519 seed), a message-id field, then the payload.
pub fn encode(
    flags: u8,
    timestamp: i64,
    flip: u32,
    key: &[u8],
    id: &[u8],
    payload: &[u8],
) -> Vec<u8> {
    Writer::default()
        .u8(flags)
        .i64(timestamp)
        .u32(flip)
        .field(key)
        .field(id)
        .rest(payload)
}

fn flip_bit(bytes: &mut [u8], flip: u32) {
    let bit = flip as usize % (bytes.len() * 8);
    bytes[bit / 8] ^= 1 << (bit % 8);
}

fn verify(
    verifier: &Verifier,
    payload: &[u8],
    id: &[u8],
    ts: &[u8],
    sig: &[u8],
    now: i64,
) -> Result<(), ErrorKind> {
    let values = HeaderValues {
        id: Some(id),
        timestamp: Some(ts),
        signature: Some(sig),
    };
    verifier
        .verify_values_at(payload, values, now)
        .map_err(|e| e.kind())
}

fn pad(flags: u8, v: &[u8]) -> Vec<u8> {
    if flags & PADDED != 0 {
        [b" ", v, b"\t"].concat()
    } else {
        v.to_vec()
    }
}

/// Checks one input.
pub fn run(data: &[u8]) {
    let mut r = Reader::new(data);
    let flags = r.u8();
    let ts = r.i64();
    let flip = r.u32();
    let key_field = r.field();
    let id_field = r.field();
    let payload = r.rest();

    let key = if flags & ED25519 != 0 {
        let mut seed = [0u8; 32];
        let n = key_field.len().min(32);
        seed[..n].copy_from_slice(&key_field[..n]);
        Key::ed25519_seed(&seed)
    } else {
        match Key::hmac(key_field) {
            Ok(k) => k,
            Err(e) => {
                assert!(key_field.is_empty());
                assert_eq!(e.kind(), ErrorKind::EmptySecret);
                return;
            }
        }
    };
    let verifier = Verifier::new(key.clone());
    let id = trim(id_field);

    let sig = match verifier.sign(id, ts, payload) {
        Ok(sig) => {
            assert!(ts >= 0, "signed a negative timestamp");
            sig
        }
        Err(e) => {
            assert!(ts < 0, "sign failed: {e}");
            assert_eq!(e.kind(), ErrorKind::InvalidTimestamp);
            return;
        }
    };
    let (version, b64) = sig.split_once(',').expect("version,base64");
    let decoded = STANDARD.decode(b64).expect("padded standard base64");
    match key.kind() {
        KeyKind::Hmac => assert_eq!((version, decoded.len()), ("v1", 32)),
        _ => assert_eq!((version, decoded.len()), ("v1a", 64)),
    }
    assert!(sig.len() <= MAX_SIGNATURE_LEN);

    let from_text = Key::parse(&key.expose_text()).expect("own text parses");
    let again = Verifier::new(from_text).sign(id, ts, payload).unwrap();
    assert_eq!(again, sig, "the key's text form signs differently");

    let mut ts_text = ts.to_string();
    if flags & LEADING_ZERO != 0 && ts_text.len() < 19 {
        ts_text.insert(0, '0');
    }
    let (id_h, ts_h, sig_h) = (
        pad(flags, id),
        pad(flags, ts_text.as_bytes()),
        pad(flags, sig.as_bytes()),
    );

    if id.is_empty() {
        assert_eq!(
            verify(&verifier, payload, &id_h, &ts_h, &sig_h, ts),
            Err(ErrorKind::MissingHeader)
        );
        return;
    }
    assert_eq!(verify(&verifier, payload, &id_h, &ts_h, &sig_h, ts), Ok(()));
    let strict = Verifier::new(key.clone()).with_tolerance(0);
    assert_eq!(verify(&strict, payload, &id_h, &ts_h, &sig_h, ts), Ok(()));
    let unrelated_public = Key::ed25519_seed(&[0x5a; 32]).public_key().unwrap();
    let rotation = Verifier::with_keys([
        Key::hmac(b"an older secret").unwrap(),
        unrelated_public,
        key.clone(),
    ])
    .unwrap();
    assert_eq!(verify(&rotation, payload, &id_h, &ts_h, &sig_h, ts), Ok(()));

    let mutation = Mutation::ALL
        .get(usize::from(flags >> MUTATE_SHIFT & 7))
        .copied()
        .unwrap_or(Mutation::Nothing);
    let fails = Err(ErrorKind::NoMatchingSignature);
    match mutation {
        Mutation::Payload if !payload.is_empty() => {
            let mut p = payload.to_vec();
            flip_bit(&mut p, flip);
            assert_eq!(verify(&verifier, &p, &id_h, &ts_h, &sig_h, ts), fails);
        }
        Mutation::Id => {
            let mut i = id.to_vec();
            flip_bit(&mut i, flip);
            let expected = if trim(&i).is_empty() {
                Err(ErrorKind::MissingHeader)
            } else {
                fails
            };
            assert_eq!(verify(&verifier, payload, &i, &ts_h, &sig_h, ts), expected);
        }
        Mutation::Timestamp => {
            let other = ts ^ (1 << (flip % 63));
            let ts2 = other.to_string();
            let got = verifier
                .verify_ignoring_timestamp(
                    payload,
                    &HeaderValues {
                        id: Some(&id_h),
                        timestamp: Some(ts2.as_bytes()),
                        signature: Some(&sig_h),
                    },
                )
                .map_err(|e| e.kind());
            assert_eq!(got, fails);
            // Within the window, the same flip is still a mismatch, not a time error.
            let wide = Verifier::new(key.clone()).with_tolerance(u64::MAX);
            assert_eq!(
                verify(&wide, payload, &id_h, ts2.as_bytes(), &sig_h, ts),
                fails
            );
        }
        Mutation::SignatureBytes => {
            let mut d = decoded.clone();
            flip_bit(&mut d, flip);
            let forged = format!("{version},{}", STANDARD.encode(&d));
            assert_eq!(
                verify(&verifier, payload, &id_h, &ts_h, forged.as_bytes(), ts),
                fails
            );
        }
        Mutation::SignatureText => {
            let mut s = sig.clone().into_bytes();
            flip_bit(&mut s, flip);
            let got = verify(&verifier, payload, &id_h, &ts_h, &s, ts);
            let changed = s
                .iter()
                .zip(sig.as_bytes())
                .position(|(a, b)| a != b)
                .unwrap();
            let last_data = sig.trim_end_matches('=').len() - 1;
            match got {
                // Base64 ignores the unused low bits of its last character.
                Ok(()) => assert_eq!(changed, last_data, "a changed signature verified"),
                Err(kind) => assert_eq!(kind, ErrorKind::NoMatchingSignature),
            }
        }
        Mutation::Challenge => check_challenge(&verifier, &key, payload, flip),
        _ => {}
    }
}

fn check_challenge(verifier: &Verifier, key: &Key, challenge: &[u8], flip: u32) {
    let response = match verifier.endpoint_verification_response(challenge) {
        Ok(r) => r,
        Err(e) => {
            assert_ne!(key.kind(), KeyKind::Hmac);
            assert_eq!(e.kind(), ErrorKind::InvalidSecret);
            return;
        }
    };
    let check = |c: &[u8], r: &[u8]| {
        verifier
            .verify_endpoint_verification_response(c, r)
            .map_err(|e| e.kind())
    };
    assert_eq!(check(challenge, response.as_bytes()), Ok(()));
    let fails = Err(ErrorKind::NoMatchingSignature);
    let mut d = STANDARD.decode(&response[3..]).unwrap();
    flip_bit(&mut d, flip);
    let forged = format!("v1,{}", STANDARD.encode(&d));
    assert_eq!(check(challenge, forged.as_bytes()), fails);
    if !challenge.is_empty() {
        let mut c = challenge.to_vec();
        flip_bit(&mut c, flip);
        assert_eq!(check(&c, response.as_bytes()), fails);
    }
}
