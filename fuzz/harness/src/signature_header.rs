//! The `webhook-signature` parser, reached through the public API: any header
//! is either a match or `no_matching_signature` (never another error, never a
//! panic), junk entries never hide a good one, and the endpoint challenge
//! reads its response the same way.

use std::sync::OnceLock;

use stdwebhooks::{ErrorKind, HeaderValues, Key, Verifier, MAX_V1A_ENTRIES};

use crate::input::trim;

const ID: &[u8] = b"msg_2Yz0Ab7kQp1nX9cVr4LmT8sE";
const TS: i64 = 1_700_000_000;
const TS_TEXT: &[u8] = b"1700000000";
const PAYLOAD: &[u8] = br#"{"type":"fuzz"}"#;
const CHALLENGE: &[u8] = b"chal_fuzz";

struct Fixture {
    /// Holds an HMAC key and an ed25519 signing key.
    verifier: Verifier,
    good_v1: String,
    good_v1a: String,
    good_response: String,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let hmac = Key::parse("whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=").unwrap();
        let ed = Key::ed25519_seed(&[7; 32]);
        let sign_with = |k: &Key| Verifier::new(k.clone()).sign(ID, TS, PAYLOAD).unwrap();
        let good_v1 = sign_with(&hmac);
        let good_v1a = sign_with(&ed);
        let verifier = Verifier::with_keys([hmac, ed]).unwrap();
        let good_response = verifier.endpoint_verification_response(CHALLENGE).unwrap();
        Fixture {
            verifier,
            good_v1,
            good_v1a,
            good_response,
        }
    })
}

/// The whole input is the header value.
pub fn encode(header: &[u8]) -> Vec<u8> {
    header.to_vec()
}

fn verify(header: &[u8]) -> Result<(), ErrorKind> {
    let values = HeaderValues {
        id: Some(ID),
        timestamp: Some(TS_TEXT),
        signature: Some(header),
    };
    fixture()
        .verifier
        .verify_values_at(PAYLOAD, values, TS)
        .map_err(|e| e.kind())
}

fn joined(a: &[u8], b: &[u8]) -> Vec<u8> {
    [a, b" ", b].concat()
}

/// Checks one input.
pub fn run(header: &[u8]) {
    let f = fixture();
    let got = verify(header);
    if trim(header).is_empty() {
        assert_eq!(got, Err(ErrorKind::MissingHeader));
    } else {
        assert!(
            matches!(got, Ok(()) | Err(ErrorKind::NoMatchingSignature)),
            "header gave {got:?}"
        );
    }
    if got.is_ok() {
        // Nothing but a real v1/v1a entry can make a header pass.
        assert!(
            header
                .split(|b| *b == b' ')
                .any(|t| t.starts_with(b"v1,") || t.starts_with(b"v1a,")),
            "a header without a v1 or v1a entry verified"
        );
    }

    // Only spaces separate entries: a good entry glued on with a tab (or a NUL)
    // is part of the last entry of a header that did not verify, so it fails.
    if got.is_err() && !trim(header).is_empty() {
        for glue in [&b"\t"[..], b"\0", b","] {
            let glued = [header, glue, f.good_v1.as_bytes()].concat();
            assert_eq!(
                verify(&glued),
                Err(ErrorKind::NoMatchingSignature),
                "glued by {glue:?}"
            );
        }
    }

    // Every v1 entry is checked, whatever surrounds it.
    assert_eq!(verify(&joined(header, f.good_v1.as_bytes())), Ok(()));
    assert_eq!(verify(&joined(f.good_v1.as_bytes(), header)), Ok(()));
    assert_eq!(verify(&joined(f.good_v1a.as_bytes(), header)), Ok(()));
    // v1a entries are capped; only a header with fewer v1a-looking entries
    // than the cap is sure to reach a good one placed after it.
    let v1a_like = header
        .split(|b| *b == b' ')
        .filter(|t| t.starts_with(b"v1a,"))
        .count();
    if v1a_like < MAX_V1A_ENTRIES {
        assert_eq!(verify(&joined(header, f.good_v1a.as_bytes())), Ok(()));
    }

    let check = |r: &[u8]| {
        f.verifier
            .verify_endpoint_verification_response(CHALLENGE, r)
            .map_err(|e| e.kind())
    };
    let got = check(header);
    assert!(
        matches!(got, Ok(()) | Err(ErrorKind::NoMatchingSignature)),
        "challenge response gave {got:?}"
    );
    assert_eq!(check(&joined(header, f.good_response.as_bytes())), Ok(()));
    assert_eq!(check(&joined(f.good_response.as_bytes(), header)), Ok(()));
}
