//! Keys as the contract spells them: `whsec_` (or bare base64) and raw bytes
//! for HMAC-SHA256, `whpk_` and `whsk_` for ed25519.

use std::fmt;

use ed25519_dalek::{SigningKey, VerifyingKey};
use zeroize::Zeroizing;

use crate::base64;
use crate::error::{Error, ErrorKind, Result};

const HMAC_PREFIX: &str = "whsec_";
const PUBLIC_PREFIX: &str = "whpk_";
const SECRET_PREFIX: &str = "whsk_";

/// Which algorithm a key is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// An HMAC-SHA256 secret: verifies and signs `v1`.
    Hmac,
    /// An ed25519 public key: verifies `v1a`.
    Ed25519Public,
    /// An ed25519 signing key: signs `v1a` and verifies with its public half.
    Ed25519Secret,
}

impl KeyKind {
    /// The name used in the vector file: `hmac`, `ed25519_public` or `ed25519_secret`.
    pub const fn as_str(self) -> &'static str {
        match self {
            KeyKind::Hmac => "hmac",
            KeyKind::Ed25519Public => "ed25519_public",
            KeyKind::Ed25519Secret => "ed25519_secret",
        }
    }
}

#[derive(Clone)]
pub(crate) enum Material {
    Hmac(Zeroizing<Vec<u8>>),
    Public(VerifyingKey),
    Secret(Box<SigningKey>),
}

/// A parsed key. Its `Debug` output is redacted.
#[derive(Clone)]
pub struct Key {
    pub(crate) material: Material,
}

impl Key {
    /// Parses key text: `whsec_<base64>`, bare base64, `whpk_<base64 of 32 bytes>`
    /// or `whsk_<base64 of seed and public key>`.
    ///
    /// Surrounding whitespace is ignored (secrets read from files end in a
    /// newline); whitespace inside is an error.
    pub fn parse(text: &str) -> Result<Key> {
        let text = text.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r'));
        if let Some(rest) = text.strip_prefix(PUBLIC_PREFIX) {
            let bytes = decode_nonempty(rest)?;
            let array: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
                Error::reason(
                    ErrorKind::InvalidSecret,
                    "a whpk_ key must be base64 of 32 bytes",
                )
            })?;
            return Key::ed25519_public(&array);
        }
        if let Some(rest) = text.strip_prefix(SECRET_PREFIX) {
            let bytes = decode_nonempty(rest)?;
            let array: Zeroizing<[u8; 64]> =
                Zeroizing::new(bytes.as_slice().try_into().map_err(|_| {
                    Error::reason(
                        ErrorKind::InvalidSecret,
                        "a whsk_ key must be base64 of 64 bytes",
                    )
                })?);
            return Key::ed25519_keypair(&array);
        }
        let rest = text.strip_prefix(HMAC_PREFIX).unwrap_or(text);
        Ok(Key::from_hmac_bytes_unchecked(decode_nonempty(rest)?))
    }

    /// Parses key text given as bytes (as C and Go hand it over).
    ///
    /// Bytes that are not UTF-8 cannot be base64 either: `invalid_secret`.
    pub fn parse_bytes(text: &[u8]) -> Result<Key> {
        match std::str::from_utf8(text) {
            Ok(text) => Key::parse(text),
            Err(_) => Err(Error::reason(
                ErrorKind::InvalidSecret,
                "the secret is not valid base64 text",
            )),
        }
    }

    /// An HMAC-SHA256 key from raw bytes, used as given.
    pub fn hmac(bytes: &[u8]) -> Result<Key> {
        if bytes.is_empty() {
            return Err(Error::reason(ErrorKind::EmptySecret, "the secret is empty"));
        }
        Ok(Key::from_hmac_bytes_unchecked(Zeroizing::new(
            bytes.to_vec(),
        )))
    }

    fn from_hmac_bytes_unchecked(bytes: Zeroizing<Vec<u8>>) -> Key {
        Key {
            material: Material::Hmac(bytes),
        }
    }

    /// An ed25519 public key from its 32 bytes.
    ///
    /// Weak (small-order) points are refused: any signature would verify under them.
    pub fn ed25519_public(bytes: &[u8; 32]) -> Result<Key> {
        let key = VerifyingKey::from_bytes(bytes).map_err(|_| {
            Error::reason(
                ErrorKind::InvalidSecret,
                "the whpk_ key is not a valid ed25519 point",
            )
        })?;
        if key.is_weak() {
            return Err(Error::reason(
                ErrorKind::InvalidSecret,
                "the whpk_ key is a weak ed25519 point",
            ));
        }
        Ok(Key {
            material: Material::Public(key),
        })
    }

    /// An ed25519 signing key from 64 bytes: the 32-byte seed, then its public key.
    pub fn ed25519_keypair(bytes: &[u8; 64]) -> Result<Key> {
        let key = SigningKey::from_keypair_bytes(bytes).map_err(|_| {
            Error::reason(
                ErrorKind::InvalidSecret,
                "the second half of a whsk_ key must be the public key of its first half",
            )
        })?;
        Ok(Key {
            material: Material::Secret(Box::new(key)),
        })
    }

    /// An ed25519 signing key from its 32-byte seed.
    pub fn ed25519_seed(seed: &[u8; 32]) -> Key {
        Key {
            material: Material::Secret(Box::new(SigningKey::from_bytes(seed))),
        }
    }

    /// What this key is for.
    pub fn kind(&self) -> KeyKind {
        match self.material {
            Material::Hmac(_) => KeyKind::Hmac,
            Material::Public(_) => KeyKind::Ed25519Public,
            Material::Secret(_) => KeyKind::Ed25519Secret,
        }
    }

    /// The public half of an ed25519 key, as a new `whpk_` key; `None` for HMAC keys.
    pub fn public_key(&self) -> Option<Key> {
        match &self.material {
            Material::Hmac(_) => None,
            Material::Public(k) => Some(Key {
                material: Material::Public(*k),
            }),
            Material::Secret(k) => Some(Key {
                material: Material::Public(k.verifying_key()),
            }),
        }
    }

    /// The key's bytes: the HMAC secret, the 32-byte public key, or seed and public key.
    ///
    /// This exposes secret material on purpose (tests, key export); never log it.
    pub fn expose_bytes(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(match &self.material {
            Material::Hmac(b) => b.to_vec(),
            Material::Public(k) => k.to_bytes().to_vec(),
            Material::Secret(k) => k.to_keypair_bytes().to_vec(),
        })
    }

    /// The key in its text form (`whsec_…`, `whpk_…`, `whsk_…`).
    ///
    /// This exposes secret material on purpose (key generation); never log it.
    pub fn expose_text(&self) -> Zeroizing<String> {
        let prefix = match self.kind() {
            KeyKind::Hmac => HMAC_PREFIX,
            KeyKind::Ed25519Public => PUBLIC_PREFIX,
            KeyKind::Ed25519Secret => SECRET_PREFIX,
        };
        let mut text = Zeroizing::new(String::from(prefix));
        base64::encode_into(&self.expose_bytes(), &mut text);
        text
    }
}

fn decode_nonempty(rest: &str) -> Result<Zeroizing<Vec<u8>>> {
    if rest.is_empty() {
        return Err(Error::reason(ErrorKind::EmptySecret, "the secret is empty"));
    }
    let bytes = base64::decode(rest.as_bytes())
        .map(Zeroizing::new)
        .ok_or(Error::reason(
            ErrorKind::InvalidSecret,
            "the secret is not valid base64 (standard alphabet, no spaces inside)",
        ))?;
    if bytes.is_empty() {
        return Err(Error::reason(
            ErrorKind::EmptySecret,
            "the secret decodes to no bytes",
        ));
    }
    Ok(bytes)
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Key")
            .field("kind", &self.kind())
            .field("bytes", &"[REDACTED]")
            .finish()
    }
}
