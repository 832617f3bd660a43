//! The verifier: keys prepared once, then verify, sign and the endpoint challenge.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use ed25519_dalek::hazmat::{raw_sign_byupdate, ExpandedSecretKey};
use ed25519_dalek::{Signature, SigningKey, VerifyingKey};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha512};
use subtle::Choice;

use crate::base64;
use crate::error::{Detail, Error, ErrorKind, Result};
use crate::headers::{
    trim_value, HeaderSource, HeaderValues, HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP,
};
use crate::key::{Key, Material};
use crate::signature::{entries, Entry, Tag};
use crate::timestamp::{self, Canonical};

type HmacSha256 = Hmac<Sha256>;

/// Default tolerance between the webhook's timestamp and the verifier's clock, in seconds.
pub const DEFAULT_TOLERANCE: u64 = 300;

/// At most this many `v1a` entries of one header are checked. Each costs an
/// ed25519 verification (tens of microseconds), so without a cap a large
/// header of forged entries would buy an attacker a lot of CPU per request.
/// `v1` entries are cheap and all of them are checked.
pub const MAX_V1A_ENTRIES: usize = 8;

/// Longest text [`Verifier::sign`] can return: `v1a,` and 88 base64 characters.
pub const MAX_SIGNATURE_LEN: usize = 92;

const CHALLENGE_LABEL: &[u8] = b"wev-v1";

enum Prepared {
    /// The keyed inner and outer SHA-256 states, so a verify hashes only the message.
    Hmac {
        mac: HmacSha256,
        challenge: HmacSha256,
    },
    Public(VerifyingKey),
    Secret(Box<SigningKey>),
}

/// Verifies and signs Standard Webhooks with one or more keys.
///
/// Cheap to share: it is `Send + Sync` and every method takes `&self`.
pub struct Verifier {
    keys: Vec<Prepared>,
    tolerance: u64,
}

impl Verifier {
    /// A verifier holding one key, with the default tolerance of 300 s.
    pub fn new(key: Key) -> Verifier {
        let mut verifier = Verifier {
            keys: Vec::with_capacity(1),
            tolerance: DEFAULT_TOLERANCE,
        };
        verifier.add_key(key);
        verifier
    }

    /// A verifier holding every key given (secret rotation, HMAC beside ed25519).
    ///
    /// Fails with `empty_secret` when no key is given.
    pub fn with_keys(keys: impl IntoIterator<Item = Key>) -> Result<Verifier> {
        let mut verifier = Verifier {
            keys: Vec::new(),
            tolerance: DEFAULT_TOLERANCE,
        };
        keys.into_iter().for_each(|k| verifier.add_key(k));
        if verifier.keys.is_empty() {
            return Err(Error::reason(
                ErrorKind::EmptySecret,
                "a verifier needs at least one key",
            ));
        }
        Ok(verifier)
    }

    /// Adds a key; a webhook passes when any signature verifies under any key.
    pub fn add_key(&mut self, key: Key) {
        let prepared = match key.material {
            Material::Hmac(bytes) => {
                let mac = keyed(&bytes);
                let mut derive = mac.clone();
                derive.update(CHALLENGE_LABEL);
                let challenge = keyed(&derive.finalize().into_bytes());
                Prepared::Hmac { mac, challenge }
            }
            Material::Public(k) => Prepared::Public(k),
            Material::Secret(k) => Prepared::Secret(k),
        };
        self.keys.push(prepared);
    }

    /// Sets the tolerance in seconds (default 300).
    pub fn set_tolerance(&mut self, seconds: u64) {
        self.tolerance = seconds;
    }

    /// Builder form of [`Verifier::set_tolerance`].
    pub fn with_tolerance(mut self, seconds: u64) -> Verifier {
        self.tolerance = seconds;
        self
    }

    /// The tolerance in seconds.
    pub fn tolerance(&self) -> u64 {
        self.tolerance
    }

    /// How many keys the verifier holds.
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// Verifies a webhook against the system clock.
    pub fn verify<H: HeaderSource + ?Sized>(&self, payload: &[u8], headers: &H) -> Result<()> {
        self.verify_at(payload, headers, now())
    }

    /// Verifies a webhook as if the clock read `now` (Unix seconds).
    pub fn verify_at<H: HeaderSource + ?Sized>(
        &self,
        payload: &[u8],
        headers: &H,
        now: i64,
    ) -> Result<()> {
        with_values(headers, |values| self.check(payload, values, Some(now)))
    }

    /// Verifies with the three header values given directly, against the system clock.
    pub fn verify_values(&self, payload: &[u8], headers: HeaderValues<'_>) -> Result<()> {
        self.verify_values_at(payload, headers, now())
    }

    /// Verifies with the three header values given directly, as if the clock read `now`.
    pub fn verify_values_at(
        &self,
        payload: &[u8],
        headers: HeaderValues<'_>,
        now: i64,
    ) -> Result<()> {
        self.check(payload, headers, Some(now))
    }

    /// Verifies the signature only, ignoring how old or new the timestamp is.
    ///
    /// For replaying stored webhooks; a live endpoint should check the time.
    pub fn verify_ignoring_timestamp<H: HeaderSource + ?Sized>(
        &self,
        payload: &[u8],
        headers: &H,
    ) -> Result<()> {
        with_values(headers, |values| self.check(payload, values, None))
    }

    /// The contract's checks in order; the tolerance is skipped when `now` is `None`.
    fn check(&self, payload: &[u8], headers: HeaderValues<'_>, now: Option<i64>) -> Result<()> {
        let id = required(headers.id, HEADER_ID)?;
        let ts_text = required(headers.timestamp, HEADER_TIMESTAMP)?;
        let sig = required(headers.signature, HEADER_SIGNATURE)?;
        let ts = timestamp::parse(ts_text)?;
        if let Some(now) = now {
            timestamp::check_tolerance(ts, now, self.tolerance)?;
        }
        self.check_signatures(id, timestamp::canonical(ts_text), payload, sig)
    }

    /// `ts` is the canonical text of a timestamp that parsed.
    fn check_signatures(&self, id: &[u8], ts: &[u8], payload: &[u8], header: &[u8]) -> Result<()> {
        let mut tags: Option<Tags> = None;
        let mut v1a_checked = 0;
        for entry in entries(header) {
            let matched = match entry {
                Entry::V1(given) => {
                    let tags = tags.get_or_insert_with(|| self.hmac_tags(id, ts, payload));
                    // Accumulated without early exit, so timing does not say which key matched.
                    tags.iter()
                        .fold(Choice::from(0), |acc, t| acc | t.ct_matches(&given))
                        .into()
                }
                Entry::V1a(signature) if v1a_checked < MAX_V1A_ENTRIES => {
                    v1a_checked += 1;
                    self.public_keys()
                        .any(|k| ed25519_verifies(&k, &signature, id, ts, payload))
                }
                Entry::V1a(_) => false,
            };
            if matched {
                return Ok(());
            }
        }
        Err(ErrorKind::NoMatchingSignature.into())
    }

    fn hmac_tags(&self, id: &[u8], ts: &[u8], payload: &[u8]) -> Tags {
        let mut keys = self.keys.iter().filter_map(|k| match k {
            Prepared::Hmac { mac, .. } => Some(mac),
            _ => None,
        });
        let first = keys.next().map(|mac| hmac_tag(mac, id, ts, payload));
        // Empty, and so never allocated, unless the verifier holds several HMAC keys.
        let rest = keys.map(|mac| hmac_tag(mac, id, ts, payload)).collect();
        Tags { first, rest }
    }

    fn public_keys(&self) -> impl Iterator<Item = VerifyingKey> + '_ {
        self.keys.iter().filter_map(|k| match k {
            Prepared::Hmac { .. } => None,
            Prepared::Public(k) => Some(*k),
            Prepared::Secret(k) => Some(k.verifying_key()),
        })
    }

    /// Signs with the first key that can sign: `v1,<base64>` for HMAC,
    /// `v1a,<base64>` for a `whsk_` key. At most [`MAX_SIGNATURE_LEN`] bytes.
    pub fn sign(&self, msg_id: &[u8], timestamp: i64, payload: &[u8]) -> Result<String> {
        let ts = u64::try_from(timestamp).map_err(|_| {
            Error::reason(
                ErrorKind::InvalidTimestamp,
                "cannot sign a timestamp before 1970",
            )
        })?;
        let ts = Canonical::new(ts);
        let key = self
            .keys
            .iter()
            .find(|k| !matches!(k, Prepared::Public(_)))
            .ok_or(Error::reason(
                ErrorKind::InvalidSecret,
                "a whpk_ public key can only verify; signing needs a whsec_ or whsk_ key",
            ))?;
        let mut out = String::with_capacity(MAX_SIGNATURE_LEN);
        match key {
            Prepared::Hmac { mac, .. } => {
                out.push_str("v1,");
                base64::encode_into(&hmac_tag(mac, msg_id, ts.as_bytes(), payload).0, &mut out);
            }
            Prepared::Secret(k) => {
                out.push_str("v1a,");
                base64::encode_into(
                    &ed25519_sign(k, msg_id, ts.as_bytes(), payload).to_bytes(),
                    &mut out,
                );
            }
            Prepared::Public(_) => unreachable!("filtered out above"),
        }
        Ok(out)
    }

    /// The answer to an endpoint-verification challenge, from the first HMAC key:
    /// `v1,` + base64(HMAC-SHA256(HMAC-SHA256(key, "wev-v1"), challenge)).
    pub fn endpoint_verification_response(&self, challenge: &[u8]) -> Result<String> {
        let mac = self.challenge_keys().next().ok_or(NO_CHALLENGE_KEY)?;
        let mut out = String::from("v1,");
        base64::encode_into(&challenge_tag(mac, challenge).0, &mut out);
        Ok(out)
    }

    /// Checks a challenge response in constant time against every HMAC key.
    ///
    /// The response is read like a signature header; a mismatch is `no_matching_signature`.
    pub fn verify_endpoint_verification_response(
        &self,
        challenge: &[u8],
        response: &[u8],
    ) -> Result<()> {
        let expected: Vec<Tag> = self
            .challenge_keys()
            .map(|mac| challenge_tag(mac, challenge))
            .collect();
        if expected.is_empty() {
            return Err(NO_CHALLENGE_KEY);
        }
        let matched = entries(trim_value(response)).any(|entry| match entry {
            Entry::V1(given) => expected
                .iter()
                .fold(Choice::from(0), |acc, t| acc | t.ct_matches(&given))
                .into(),
            Entry::V1a(_) => false,
        });
        if matched {
            Ok(())
        } else {
            Err(ErrorKind::NoMatchingSignature.into())
        }
    }

    fn challenge_keys(&self) -> impl Iterator<Item = &HmacSha256> {
        self.keys.iter().filter_map(|k| match k {
            Prepared::Hmac { challenge, .. } => Some(challenge),
            _ => None,
        })
    }
}

/// The expected HMAC tags of one message, one per HMAC key. The first is kept
/// inline so that a verify with one key (nearly every verify) allocates nothing.
struct Tags {
    first: Option<Tag>,
    rest: Vec<Tag>,
}

impl Tags {
    fn iter(&self) -> impl Iterator<Item = &Tag> {
        self.first.iter().chain(&self.rest)
    }
}

const NO_CHALLENGE_KEY: Error = Error::reason(
    ErrorKind::InvalidSecret,
    "endpoint verification needs an HMAC (whsec_) key",
);

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("keys", &format_args!("[{} REDACTED]", self.keys.len()))
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

/// Seconds since the Unix epoch by the system clock (negative before 1970).
pub fn now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => i64::try_from(e.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

/// Looks the three headers up once and hands their values to `f`.
fn with_values<H: HeaderSource + ?Sized, T>(
    headers: &H,
    f: impl FnOnce(HeaderValues<'_>) -> T,
) -> T {
    let id = headers.header(HEADER_ID);
    let ts = headers.header(HEADER_TIMESTAMP);
    let sig = headers.header(HEADER_SIGNATURE);
    f(HeaderValues {
        id: id.as_deref(),
        timestamp: ts.as_deref(),
        signature: sig.as_deref(),
    })
}

fn required<'a>(value: Option<&'a [u8]>, name: &'static str) -> Result<&'a [u8]> {
    match value.map(trim_value) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(Error::new(ErrorKind::MissingHeader, Detail::Header(name))),
    }
}

fn keyed(key: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length; this cannot fail.
    <HmacSha256 as KeyInit>::new_from_slice(key).expect("HMAC accepts any key length")
}

/// HMAC of `id.ts.payload`, fed piece by piece: no buffer the size of the payload.
fn hmac_tag(keyed: &HmacSha256, id: &[u8], ts: &[u8], payload: &[u8]) -> Tag {
    let mut mac = keyed.clone();
    mac.update(id);
    mac.update(b".");
    mac.update(ts);
    mac.update(b".");
    mac.update(payload);
    Tag(mac.finalize().into_bytes().into())
}

fn challenge_tag(keyed: &HmacSha256, challenge: &[u8]) -> Tag {
    let mut mac = keyed.clone();
    mac.update(challenge);
    Tag(mac.finalize().into_bytes().into())
}

fn ed25519_verifies(
    key: &VerifyingKey,
    signature: &Signature,
    id: &[u8],
    ts: &[u8],
    payload: &[u8],
) -> bool {
    let Ok(mut stream) = key.verify_stream(signature) else {
        return false;
    };
    for piece in [id, b".", ts, b".", payload] {
        stream.update(piece);
    }
    stream.finalize_and_verify().is_ok()
}

fn ed25519_sign(key: &SigningKey, id: &[u8], ts: &[u8], payload: &[u8]) -> Signature {
    let expanded = ExpandedSecretKey::from(key.as_bytes());
    raw_sign_byupdate::<Sha512, _>(
        &expanded,
        |digest: &mut Sha512| {
            use sha2::Digest;
            for piece in [id, b".", ts, b".", payload] {
                digest.update(piece);
            }
            Ok(())
        },
        &key.verifying_key(),
    )
    .expect("signing with a valid key does not fail")
}
