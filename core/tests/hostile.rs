//! Hostile input at the core: every value an attacker controls, at sizes and
//! with bytes no honest sender uses. Each test states the outcome it expects;
//! none may panic, and work stays linear in the input (see `MAX_V1A_ENTRIES`).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use stdwebhooks::{Detail, ErrorKind, HeaderValues, Key, Verifier, MAX_V1A_ENTRIES};

const MIB: usize = 1 << 20;
const TS: i64 = 1_700_000_000;
const TS_TEXT: &str = "1700000000";
const SECRET: &str = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

fn hmac() -> Verifier {
    Verifier::new(Key::parse(SECRET).unwrap())
}

fn ed25519() -> Verifier {
    Verifier::new(Key::ed25519_seed(&[9; 32]))
}

fn verify(
    v: &Verifier,
    id: &[u8],
    ts: &[u8],
    sig: &[u8],
    payload: &[u8],
    now: i64,
) -> Result<(), ErrorKind> {
    let values = HeaderValues {
        id: Some(id),
        timestamp: Some(ts),
        signature: Some(sig),
    };
    v.verify_values_at(payload, values, now)
        .map_err(|e| e.kind())
}

fn good(v: &Verifier, id: &[u8], payload: &[u8]) -> String {
    v.sign(id, TS, payload).unwrap()
}

const OK: Result<(), ErrorKind> = Ok(());
const NO_MATCH: Result<(), ErrorKind> = Err(ErrorKind::NoMatchingSignature);

#[test]
fn header_values_of_one_mib() {
    let v = hmac();
    // A 1 MiB id is just a long id: it signs and verifies.
    let id = vec![b'i'; MIB];
    let sig = good(&v, &id, b"{}");
    assert_eq!(
        verify(&v, &id, TS_TEXT.as_bytes(), sig.as_bytes(), b"{}", TS),
        OK
    );
    let sig = good(&v, b"msg_1", b"{}");
    // A 1 MiB timestamp is not 1 to 19 digits.
    let digits = vec![b'1'; MIB];
    assert_eq!(
        verify(&v, b"msg_1", &digits, sig.as_bytes(), b"{}", TS),
        Err(ErrorKind::InvalidTimestamp)
    );
    let zeros = [vec![b'0'; MIB], TS_TEXT.as_bytes().to_vec()].concat();
    assert_eq!(
        verify(&v, b"msg_1", &zeros, sig.as_bytes(), b"{}", TS),
        Err(ErrorKind::InvalidTimestamp)
    );
    // 1 MiB of blanks is an empty header.
    let blanks = b" \t".repeat(MIB / 2);
    assert_eq!(
        verify(&v, &blanks, TS_TEXT.as_bytes(), sig.as_bytes(), b"{}", TS),
        Err(ErrorKind::MissingHeader)
    );
    assert_eq!(
        verify(&v, b"msg_1", &blanks, sig.as_bytes(), b"{}", TS),
        Err(ErrorKind::MissingHeader)
    );
    assert_eq!(
        verify(&v, b"msg_1", TS_TEXT.as_bytes(), &blanks, b"{}", TS),
        Err(ErrorKind::MissingHeader)
    );
    // A 1 MiB signature header: one huge entry, junk, or junk around the good entry.
    let huge_entry = format!("v1,{}", "A".repeat(MIB));
    assert_eq!(
        verify(
            &v,
            b"msg_1",
            TS_TEXT.as_bytes(),
            huge_entry.as_bytes(),
            b"{}",
            TS
        ),
        NO_MATCH
    );
    let junk = vec![b'x'; MIB];
    assert_eq!(
        verify(&v, b"msg_1", TS_TEXT.as_bytes(), &junk, b"{}", TS),
        NO_MATCH
    );
    let around = [&junk[..], b" ", sig.as_bytes(), b" ", &junk[..]].concat();
    assert_eq!(
        verify(&v, b"msg_1", TS_TEXT.as_bytes(), &around, b"{}", TS),
        OK
    );
    // Blanks around a good value are trimmed, however many.
    let padded = [&blanks[..], sig.as_bytes(), &blanks[..]].concat();
    assert_eq!(
        verify(&v, b"msg_1", TS_TEXT.as_bytes(), &padded, b"{}", TS),
        OK
    );
}

fn entries(n: usize, entry: &str) -> String {
    let mut header = String::with_capacity(n * (entry.len() + 1));
    for _ in 0..n {
        header.push_str(entry);
        header.push(' ');
    }
    header
}

#[test]
fn signature_headers_with_100_000_entries() {
    const N: usize = 100_000;
    let v = hmac();
    let sig = good(&v, b"msg_1", b"{}");
    let wrong_v1 = format!("v1,{}", STANDARD.encode([0u8; 32]));
    let check = |header: &str| {
        verify(
            &v,
            b"msg_1",
            TS_TEXT.as_bytes(),
            header.as_bytes(),
            b"{}",
            TS,
        )
    };

    // Every v1 entry is checked (each costs a 32-byte compare), so the good one is found.
    assert_eq!(check(&entries(N, &wrong_v1)), NO_MATCH);
    assert_eq!(check(&(entries(N, &wrong_v1) + &sig)), OK);
    assert_eq!(check(&(entries(N, "v1") + &sig)), OK);
    assert_eq!(check(&(entries(N, "v2,Zm9v") + &sig)), OK);
    assert_eq!(check(&(entries(N, "v1,a,b") + &sig)), OK);
    assert_eq!(check(&(" ".repeat(N) + &sig)), OK);
    assert_eq!(check(&entries(N, ",")), NO_MATCH);

    // v1a entries: only the first MAX_V1A_ENTRIES well-formed ones cost an
    // ed25519 verification, so 100,000 forged ones stay cheap; a good v1a
    // entry placed after the cap is not reached.
    let ed = ed25519();
    let good_v1a = good(&ed, b"msg_1", b"{}");
    let wrong_v1a = format!("v1a,{}", STANDARD.encode([0x55u8; 64]));
    let check_ed = |header: &str| {
        verify(
            &ed,
            b"msg_1",
            TS_TEXT.as_bytes(),
            header.as_bytes(),
            b"{}",
            TS,
        )
    };
    assert_eq!(check_ed(&entries(N, &wrong_v1a)), NO_MATCH);
    assert_eq!(
        check_ed(&(good_v1a.clone() + " " + &entries(N, &wrong_v1a))),
        OK
    );
    assert_eq!(
        check_ed(&(entries(MAX_V1A_ENTRIES - 1, &wrong_v1a) + &good_v1a)),
        OK
    );
    assert_eq!(
        check_ed(&(entries(MAX_V1A_ENTRIES, &wrong_v1a) + &good_v1a)),
        NO_MATCH
    );
    assert_eq!(check_ed(&(entries(N, &wrong_v1a) + &good_v1a)), NO_MATCH);
    // Malformed v1a entries are skipped without counting against the cap.
    assert_eq!(check_ed(&(entries(N, "v1a,AAAA") + &good_v1a)), OK);
    // The cap is on v1a only: a v1 entry after 100,000 forged v1a entries still counts.
    let both =
        Verifier::with_keys([Key::parse(SECRET).unwrap(), Key::ed25519_seed(&[9; 32])]).unwrap();
    let header = entries(N, &wrong_v1a) + &sig;
    assert_eq!(
        verify(
            &both,
            b"msg_1",
            TS_TEXT.as_bytes(),
            header.as_bytes(),
            b"{}",
            TS
        ),
        OK
    );

    // The challenge check reads its response the same way.
    let response = v.endpoint_verification_response(b"chal").unwrap();
    let header = entries(N, &wrong_v1) + &response;
    assert_eq!(
        v.verify_endpoint_verification_response(b"chal", header.as_bytes()),
        Ok(())
    );
    assert_eq!(
        v.verify_endpoint_verification_response(b"chal", entries(N, &wrong_v1).as_bytes())
            .map_err(|e| e.kind()),
        NO_MATCH
    );
}

#[test]
fn nul_bytes_and_invalid_utf8_in_header_values() {
    let v = hmac();
    // Ids are bytes: NUL and invalid UTF-8 are signed and verified as they are.
    for id in [&b"msg\0id"[..], b"\0", b"\xff\xfe\xfd", b"msg_\xc3\x28"] {
        let sig = good(&v, id, b"{}");
        assert_eq!(
            verify(&v, id, TS_TEXT.as_bytes(), sig.as_bytes(), b"{}", TS),
            OK,
            "{id:?}"
        );
    }
    let sig = good(&v, b"msg_1", b"{}");
    // The id is not cut at a NUL.
    assert_eq!(
        verify(
            &v,
            b"msg_1\0tail",
            TS_TEXT.as_bytes(),
            sig.as_bytes(),
            b"{}",
            TS
        ),
        NO_MATCH
    );
    // A timestamp with anything but digits is invalid.
    for ts in [
        &b"1700000000\0"[..],
        b"\x001700000000",
        b"17000\x000000",
        b"\xff",
        b"1700000000\xc3\x28",
    ] {
        assert_eq!(
            verify(&v, b"msg_1", ts, sig.as_bytes(), b"{}", TS),
            Err(ErrorKind::InvalidTimestamp),
            "{ts:?}"
        );
    }
    // NUL is neither a separator nor blank: a NUL-glued entry is one malformed entry.
    for header in [
        [sig.as_bytes(), b"\0"].concat(),
        [b"\0", sig.as_bytes()].concat(),
        [b"v1,bad\0", sig.as_bytes()].concat(),
        b"\0".to_vec(),
        b"\xff\xfe".to_vec(),
        b"v1,\xff\xfe\xfd\xfc".to_vec(),
    ] {
        assert_eq!(
            verify(&v, b"msg_1", TS_TEXT.as_bytes(), &header, b"{}", TS),
            NO_MATCH,
            "{header:?}"
        );
    }
    // Invalid UTF-8 in other entries does not hide a good one.
    let header = [b"\xff\xfe v1,\x80\x81 ", sig.as_bytes(), b" \xc0"].concat();
    assert_eq!(
        verify(&v, b"msg_1", TS_TEXT.as_bytes(), &header, b"{}", TS),
        OK
    );
    // Header names that are not UTF-8, or hold a NUL, match nothing.
    let headers: [(&[u8], &[u8]); 3] = [
        (b"webhook-id\0", b"msg_1"),
        (b"webhook-\xfftimestamp", TS_TEXT.as_bytes()),
        (b"webhook-signature", sig.as_bytes()),
    ];
    let err = v.verify_at(b"{}", &headers[..], TS).unwrap_err();
    assert_eq!(
        (err.kind(), err.missing_header()),
        (ErrorKind::MissingHeader, Some("webhook-id"))
    );
}

#[test]
fn only_spaces_separate_signature_entries() {
    let v = hmac();
    let sig = good(&v, b"msg_1", b"{}");
    let wrong = format!("v1,{}", STANDARD.encode([0u8; 32]));
    // Glued to a wrong entry, the good one is part of a malformed entry; a tab
    // after the space makes the good entry's version "\tv1", which is unknown.
    for glue in ["\t", "\0", ",", "\r", "\n", "\x0b", "\x0c", "\u{a0}", " \t"] {
        let header = format!("{wrong}{glue}{sig}");
        assert_eq!(
            verify(
                &v,
                b"msg_1",
                TS_TEXT.as_bytes(),
                header.as_bytes(),
                b"{}",
                TS
            ),
            NO_MATCH,
            "{glue:?}"
        );
    }
    // Spaces separate them; a tab that stays with the wrong entry does no harm.
    for blanks in [" ", "   ", " \t ", "\t "] {
        let header = format!("{wrong}{blanks}{sig}");
        assert_eq!(
            verify(
                &v,
                b"msg_1",
                TS_TEXT.as_bytes(),
                header.as_bytes(),
                b"{}",
                TS
            ),
            OK,
            "{blanks:?}"
        );
    }
}

#[test]
fn payload_of_64_mib() {
    let mut payload = vec![0xa5u8; 64 * MIB];
    for v in [hmac(), ed25519()] {
        let sig = good(&v, b"msg_1", &payload);
        assert_eq!(
            verify(
                &v,
                b"msg_1",
                TS_TEXT.as_bytes(),
                sig.as_bytes(),
                &payload,
                TS
            ),
            OK
        );
        payload[64 * MIB - 1] ^= 1;
        assert_eq!(
            verify(
                &v,
                b"msg_1",
                TS_TEXT.as_bytes(),
                sig.as_bytes(),
                &payload,
                TS
            ),
            NO_MATCH
        );
        payload[64 * MIB - 1] ^= 1;
    }
}

fn skew(v: &Verifier, ts: &str, now: i64) -> Result<(), (ErrorKind, Detail)> {
    let ts_value: i64 = ts.parse().unwrap();
    let sig = v.sign(b"msg_1", ts_value, b"{}").unwrap();
    let values = HeaderValues {
        id: Some(b"msg_1"),
        timestamp: Some(ts.as_bytes()),
        signature: Some(sig.as_bytes()),
    };
    v.verify_values_at(b"{}", values, now)
        .map_err(|e| (e.kind(), e.detail()))
}

#[test]
fn tolerance_zero_and_u64_max() {
    let zero = hmac().with_tolerance(0);
    assert_eq!(skew(&zero, TS_TEXT, TS), Ok(()));
    assert_eq!(
        skew(&zero, TS_TEXT, TS + 1),
        Err((ErrorKind::TimestampTooOld, Detail::Skew(1)))
    );
    assert_eq!(
        skew(&zero, TS_TEXT, TS - 1),
        Err((ErrorKind::TimestampTooNew, Detail::Skew(1)))
    );

    let max = hmac().with_tolerance(u64::MAX);
    for (ts, now) in [
        ("0", i64::MAX),
        ("9223372036854775807", i64::MIN),
        ("0", i64::MIN),
        (TS_TEXT, 0),
    ] {
        assert_eq!(skew(&max, ts, now), Ok(()), "ts {ts}, now {now}");
    }
    // i64::MAX - i64::MIN is u64::MAX: exactly at the edge passes, one less tolerance fails.
    let almost = hmac().with_tolerance(u64::MAX - 1);
    assert_eq!(
        skew(&almost, "9223372036854775807", i64::MIN),
        Err((ErrorKind::TimestampTooNew, Detail::Skew(1)))
    );
    // Many years of tolerance.
    let decades = hmac().with_tolerance(100 * 365 * 24 * 3600);
    assert_eq!(skew(&decades, "0", TS), Ok(()));
}

#[test]
fn now_at_zero_and_the_ends_of_i64() {
    let v = hmac();
    assert_eq!(skew(&v, "0", 0), Ok(()));
    assert_eq!(skew(&v, "300", 0), Ok(()));
    assert_eq!(
        skew(&v, "301", 0),
        Err((ErrorKind::TimestampTooNew, Detail::Skew(1)))
    );
    assert_eq!(
        skew(&v, TS_TEXT, 0),
        Err((ErrorKind::TimestampTooNew, Detail::Skew(TS as u128 - 300)))
    );
    assert_eq!(
        skew(&v, "0", i64::MAX),
        Err((
            ErrorKind::TimestampTooOld,
            Detail::Skew(i64::MAX as u128 - 300)
        ))
    );
    assert_eq!(
        skew(&v, "9223372036854775807", i64::MIN),
        Err((
            ErrorKind::TimestampTooNew,
            Detail::Skew(u64::MAX as u128 - 300)
        ))
    );
    assert_eq!(skew(&v, "9223372036854775807", i64::MAX), Ok(()));
    assert_eq!(
        skew(&v, "0", i64::MIN),
        Err((
            ErrorKind::TimestampTooNew,
            Detail::Skew((1u128 << 63) - 300)
        ))
    );
    // Timestamps at and past the 2^63 limit.
    let sig = good(&v, b"msg_1", b"{}");
    for ts in [
        "9223372036854775808",
        "18446744073709551615",
        "99999999999999999999",
    ] {
        assert_eq!(
            verify(&v, b"msg_1", ts.as_bytes(), sig.as_bytes(), b"{}", 0),
            Err(ErrorKind::InvalidTimestamp),
            "{ts}"
        );
    }
    // Signing refuses timestamps before 1970; signing at the limit works.
    assert_eq!(
        v.sign(b"m", -1, b"").unwrap_err().kind(),
        ErrorKind::InvalidTimestamp
    );
    assert_eq!(
        v.sign(b"m", i64::MIN, b"").unwrap_err().kind(),
        ErrorKind::InvalidTimestamp
    );
    assert!(v.sign(b"m", i64::MAX, b"").is_ok());
}

#[test]
fn secrets_of_one_byte_and_one_mib() {
    for bytes in [vec![0x42u8], vec![0x42u8; MIB], vec![0u8; MIB]] {
        let key = Key::hmac(&bytes).unwrap();
        let text = key.expose_text();
        let v = Verifier::new(Key::parse(&text).unwrap());
        let sig = good(&v, b"msg_1", b"{}");
        assert_eq!(sig, good(&Verifier::new(key), b"msg_1", b"{}"));
        assert_eq!(
            verify(&v, b"msg_1", TS_TEXT.as_bytes(), sig.as_bytes(), b"{}", TS),
            OK
        );
        // A different secret of the same length does not verify it.
        let mut other = bytes.clone();
        other[0] ^= 1;
        let w = Verifier::new(Key::hmac(&other).unwrap());
        assert_eq!(
            verify(&w, b"msg_1", TS_TEXT.as_bytes(), sig.as_bytes(), b"{}", TS),
            NO_MATCH
        );
    }
    // 1 MiB of key text that is not a key.
    let not_base64 = "whsec_".to_string() + &"*".repeat(MIB);
    assert_eq!(
        Key::parse(&not_base64).unwrap_err().kind(),
        ErrorKind::InvalidSecret
    );
    let inner_space = "A".repeat(MIB / 2) + " " + &"A".repeat(MIB / 2);
    assert_eq!(
        Key::parse(&inner_space).unwrap_err().kind(),
        ErrorKind::InvalidSecret
    );
    assert_eq!(
        Key::parse(&" \t\r\n".repeat(MIB / 4)).unwrap_err().kind(),
        ErrorKind::EmptySecret
    );
    assert_eq!(
        Key::parse_bytes(&vec![0xffu8; MIB]).unwrap_err().kind(),
        ErrorKind::InvalidSecret
    );
    assert_eq!(
        Key::parse(&("whpk_".to_string() + &"A".repeat(MIB)))
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidSecret
    );
    assert_eq!(
        Key::parse(&("whsk_".to_string() + &"A".repeat(MIB)))
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidSecret
    );
    // And the error never carries it.
    let err = Key::parse(&inner_space).unwrap_err();
    assert!(!err.to_string().contains("AAAA") && !format!("{err:?}").contains("AAAA"));
}

#[test]
fn one_verifier_shared_by_threads() {
    let v = hmac();
    let sig = good(&v, b"msg_1", b"{}");
    std::thread::scope(|s| {
        for t in 0..4u8 {
            let (v, sig) = (&v, &sig);
            s.spawn(move || {
                for i in 0..200u8 {
                    let payload: &[u8] = if (i ^ t) % 2 == 0 { b"{}" } else { b"{} " };
                    let want = if payload == b"{}" { OK } else { NO_MATCH };
                    assert_eq!(
                        verify(v, b"msg_1", TS_TEXT.as_bytes(), sig.as_bytes(), payload, TS),
                        want
                    );
                }
            });
        }
    });
}
