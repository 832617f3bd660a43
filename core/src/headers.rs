//! How header values reach the verifier: a case-insensitive lookup that each
//! binding implements over its own native header map, so nothing is copied.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

/// Name of the header carrying the message id.
pub const HEADER_ID: &str = "webhook-id";
/// Name of the header carrying the Unix timestamp in seconds.
pub const HEADER_TIMESTAMP: &str = "webhook-timestamp";
/// Name of the header carrying the space-separated signature entries.
pub const HEADER_SIGNATURE: &str = "webhook-signature";

/// A case-insensitive view of a request's headers.
///
/// `name` is always one of the lower-case `webhook-*` names. Return the raw
/// value (untrimmed is fine) or `None` when the header is absent.
pub trait HeaderSource {
    /// Looks up one header by its lower-case name, matching names case-insensitively.
    fn header(&self, name: &str) -> Option<Cow<'_, [u8]>>;
}

impl<T: HeaderSource + ?Sized> HeaderSource for &T {
    fn header(&self, name: &str) -> Option<Cow<'_, [u8]>> {
        (**self).header(name)
    }
}

/// Name/value pairs as received; the first pair whose name matches wins.
impl<K: AsRef<[u8]>, V: AsRef<[u8]>> HeaderSource for [(K, V)] {
    fn header(&self, name: &str) -> Option<Cow<'_, [u8]>> {
        self.iter()
            .find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, v)| Cow::Borrowed(v.as_ref()))
    }
}

impl<K: AsRef<[u8]>, V: AsRef<[u8]>> HeaderSource for Vec<(K, V)> {
    fn header(&self, name: &str) -> Option<Cow<'_, [u8]>> {
        self.as_slice().header(name)
    }
}

impl<K: AsRef<[u8]>, V: AsRef<[u8]>, const N: usize> HeaderSource for [(K, V); N] {
    fn header(&self, name: &str) -> Option<Cow<'_, [u8]>> {
        self.as_slice().header(name)
    }
}

fn scan_map<'a, K, V>(
    mut entries: impl Iterator<Item = (&'a K, &'a V)>,
    name: &str,
) -> Option<Cow<'a, [u8]>>
where
    K: AsRef<str> + 'a,
    V: AsRef<[u8]> + 'a,
{
    entries
        .find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
        .map(|(_, v)| Cow::Borrowed(v.as_ref()))
}

impl<
        K: AsRef<str> + std::borrow::Borrow<str> + Eq + std::hash::Hash,
        V: AsRef<[u8]>,
        S: BuildHasher,
    > HeaderSource for HashMap<K, V, S>
{
    fn header(&self, name: &str) -> Option<Cow<'_, [u8]>> {
        // Most maps hold lower-case names already; only scan when that misses.
        match self.get(name) {
            Some(v) => Some(Cow::Borrowed(v.as_ref())),
            None => scan_map(self.iter(), name),
        }
    }
}

impl<K: AsRef<str> + std::borrow::Borrow<str> + Ord, V: AsRef<[u8]>> HeaderSource
    for BTreeMap<K, V>
{
    fn header(&self, name: &str) -> Option<Cow<'_, [u8]>> {
        match self.get(name) {
            Some(v) => Some(Cow::Borrowed(v.as_ref())),
            None => scan_map(self.iter(), name),
        }
    }
}

/// The three header values, already looked up by the caller.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HeaderValues<'a> {
    /// `webhook-id`, if present.
    pub id: Option<&'a [u8]>,
    /// `webhook-timestamp`, if present.
    pub timestamp: Option<&'a [u8]>,
    /// `webhook-signature`, if present.
    pub signature: Option<&'a [u8]>,
}

impl HeaderSource for HeaderValues<'_> {
    fn header(&self, name: &str) -> Option<Cow<'_, [u8]>> {
        match name {
            HEADER_ID => self.id,
            HEADER_TIMESTAMP => self.timestamp,
            HEADER_SIGNATURE => self.signature,
            _ => None,
        }
        .map(Cow::Borrowed)
    }
}

/// Strips the spaces and tabs HTTP allows around a field value.
pub(crate) fn trim_value(value: &[u8]) -> &[u8] {
    let is_ws = |b: &u8| *b == b' ' || *b == b'\t';
    let start = value.iter().position(|b| !is_ws(b)).unwrap_or(value.len());
    let end = value
        .iter()
        .rposition(|b| !is_ws(b))
        .map_or(start, |i| i + 1);
    &value[start..end]
}
