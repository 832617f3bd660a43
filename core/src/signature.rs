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
        // XOR-OR over four 64-bit words, then one constant-time test of the
        // accumulator: no data-dependent branch, like subtle's byte-wise slice
        // compare, but without its optimisation barrier on each of 32 bytes
        // (a fifth of a 256-byte verify).
        let word = |tag: &[u8; 32], i: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&tag[i * 8..i * 8 + 8]);
            u64::from_ne_bytes(w)
        };
        let diff = (0..4).fold(0u64, |acc, i| acc | (word(&self.0, i) ^ word(&other.0, i)));
        diff.ct_eq(&0)
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
        // A second comma needs no scan of its own: `,` is not base64, so such
        // an entry fails to decode and is skipped, as the contract requires.
        let (version, rest) = (&raw[..comma], &raw[comma + 1..]);
        match version {
            b"v1" => base64::decode_exact::<32>(rest).map(|b| Entry::V1(Tag(b))),
            b"v1a" => {
                base64::decode_exact::<64>(rest).map(|b| Entry::V1a(Signature::from_bytes(&b)))
            }
            _ => None,
        }
    })
}
