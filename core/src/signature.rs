//! The `webhook-signature` header: space-separated `version,base64` entries.

use ed25519_dalek::Signature;
use subtle::{Choice, ConstantTimeEq};

use crate::base64;

/// An HMAC-SHA256 tag. Compared only in constant time, and deliberately
/// without `Deref`/`AsRef`, so no caller can fall back to a short-circuiting `==`.
#[derive(Clone)]
pub(crate) struct Tag(pub(crate) [u8; 32]);

impl Tag {
    pub(crate) fn ct_matches(&self, other: &Tag) -> Choice {
        self.0.ct_eq(&other.0)
    }
}

/// One well-formed entry of a known version.
pub(crate) enum Entry {
    V1(Tag),
    V1a(Signature),
}

/// Yields the entries worth checking; unknown versions, entries without exactly
/// one comma and bad base64 are skipped, as the contract requires.
pub(crate) fn entries(header: &[u8]) -> impl Iterator<Item = Entry> + '_ {
    header.split(|b| *b == b' ').filter_map(|raw| {
        let comma = raw.iter().position(|b| *b == b',')?;
        let (version, rest) = (&raw[..comma], &raw[comma + 1..]);
        if rest.contains(&b',') {
            return None;
        }
        match version {
            b"v1" => base64::decode_exact::<32>(rest).map(|b| Entry::V1(Tag(b))),
            b"v1a" => {
                base64::decode_exact::<64>(rest).map(|b| Entry::V1a(Signature::from_bytes(&b)))
            }
            _ => None,
        }
    })
}
