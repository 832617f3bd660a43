//! Node-API bindings for the stdwebhooks core.
//!
//! Conversion and error mapping only: every rule (header trimming, timestamp
//! window, key formats, signature parsing) lives in the `stdwebhooks` crate.
//! The public JavaScript surface is the facade in `index.js`; this module is
//! what it loads through the generated `binding.js`.
//!
//! Every export has `catch_unwind`: without it a panic unwinding out of the
//! `extern "C"` callback aborts the whole Node process.

mod errors;
mod headers;
mod inputs;

use napi::bindgen_prelude::{Buffer, Either, Unknown};
use napi_derive::napi;
use stdwebhooks::{ErrorKind, HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP};

#[cfg(feature = "test-panic")]
use crate::errors::invalid_arg;
use crate::errors::{CoreResultExt, Result};
use crate::headers::Found;
use napi::bindgen_prelude::{BigInt, Uint8Array, Uint8ArraySlice};

use crate::inputs::bytes;

/// How far a webhook's timestamp may be from the clock by default, in seconds.
#[napi]
pub const DEFAULT_TOLERANCE: u32 = stdwebhooks::DEFAULT_TOLERANCE as u32;

/// Options for a new `Verifier`.
#[napi(object)]
pub struct VerifierOptions {
    /// Seconds a timestamp may lie in the past or future (default 300).
    pub tolerance: Option<Either<f64, BigInt>>,
}

/// The three headers of a signed webhook, as `Verifier.signHeaders` returns them.
#[napi(object)]
pub struct SignedHeaders {
    #[napi(js_name = "webhook-id")]
    pub id: String,
    #[napi(js_name = "webhook-timestamp")]
    pub timestamp: String,
    #[napi(js_name = "webhook-signature")]
    pub signature: String,
}

/// Verifies and signs Standard Webhooks with one or more keys.
///
/// A webhook passes when any entry of its `webhook-signature` header verifies
/// under any key of the matching kind (`v1` for HMAC keys, `v1a` for ed25519).
#[napi]
pub struct Verifier {
    inner: stdwebhooks::Verifier,
}

#[napi]
impl Verifier {
    /// `keys` is one key or an array of keys. A string is key text
    /// (`whsec_…` or bare base64 for HMAC, `whpk_…`/`whsk_…` for ed25519;
    /// surrounding whitespace ignored); a `Uint8Array` is a raw HMAC secret.
    #[napi(constructor, catch_unwind)]
    pub fn new(
        keys: Either<Either<String, Uint8Array>, Vec<Either<String, Uint8Array>>>,
        options: Option<VerifierOptions>,
    ) -> Result<Self> {
        let mut inner = stdwebhooks::Verifier::with_keys(inputs::keys(&keys)?).kind()?;
        if let Some(tolerance) = options.and_then(|o| o.tolerance) {
            inner.set_tolerance(inputs::duration_seconds(&tolerance, "options.tolerance")?);
        }
        Ok(Verifier { inner })
    }

    /// The tolerance in seconds.
    #[napi(getter, catch_unwind)]
    pub fn tolerance(&self) -> f64 {
        self.inner.tolerance() as f64
    }

    /// How many keys this verifier holds.
    #[napi(getter, catch_unwind)]
    pub fn key_count(&self) -> u32 {
        u32::try_from(self.inner.key_count()).unwrap_or(u32::MAX)
    }

    /// Verifies a webhook; throws an error whose `code` is the contract kind.
    ///
    /// `headers` is a plain object (any case; values may be arrays, whose
    /// first element counts) or an array of `[name, value]` pairs. `now` is
    /// the clock in Unix seconds (default: the system clock).
    #[napi(catch_unwind)]
    pub fn verify(
        &self,
        payload: Either<String, Uint8ArraySlice>,
        #[napi(
            ts_arg_type = "Record<string, string | Uint8Array | Array<string | Uint8Array> | null | undefined> | Array<[string, string | Uint8Array]>"
        )]
        headers: Unknown,
        now: Option<Either<f64, BigInt>>,
    ) -> Result<()> {
        let found = headers::find(headers)?;
        self.verify_found(&payload, &found, now)
    }

    /// Verifies with the three header values given directly (`undefined` or
    /// `null` when absent).
    #[napi(catch_unwind)]
    pub fn verify_values(
        &self,
        payload: Either<String, Uint8ArraySlice>,
        id: Option<Either<String, Uint8ArraySlice>>,
        timestamp: Option<Either<String, Uint8ArraySlice>>,
        signature: Option<Either<String, Uint8ArraySlice>>,
        now: Option<Either<f64, BigInt>>,
    ) -> Result<()> {
        let found = Found::from_values(id, timestamp, signature);
        self.verify_found(&payload, &found, now)
    }

    /// Verifies the signature only, whatever the timestamp's age: for
    /// replaying stored webhooks, never for a live endpoint.
    #[napi(catch_unwind)]
    pub fn verify_ignoring_timestamp(
        &self,
        payload: Either<String, Uint8ArraySlice>,
        #[napi(
            ts_arg_type = "Record<string, string | Uint8Array | Array<string | Uint8Array> | null | undefined> | Array<[string, string | Uint8Array]>"
        )]
        headers: Unknown,
    ) -> Result<()> {
        let found = headers::find(headers)?;
        self.inner
            .verify_ignoring_timestamp(bytes(&payload), &found.values())
            .kind()
    }

    /// Signs with the first key that can sign: `v1,<base64>` for HMAC,
    /// `v1a,<base64>` for a `whsk_` key. `timestamp` is in Unix seconds.
    #[napi(catch_unwind)]
    pub fn sign(
        &self,
        msg_id: Either<String, Uint8ArraySlice>,
        timestamp: Either<f64, BigInt>,
        payload: Either<String, Uint8ArraySlice>,
    ) -> Result<String> {
        let ts = inputs::unix_seconds(&timestamp, "timestamp")?;
        self.inner.sign(bytes(&msg_id), ts, bytes(&payload)).kind()
    }

    /// The three headers of a webhook signed now (or at `timestamp`), for tests
    /// and for sending.
    #[napi(catch_unwind)]
    pub fn sign_headers(
        &self,
        msg_id: String,
        payload: Either<String, Uint8ArraySlice>,
        timestamp: Option<Either<f64, BigInt>>,
    ) -> Result<SignedHeaders> {
        let ts = match timestamp {
            Some(t) => inputs::unix_seconds(&t, "options.timestamp")?,
            None => stdwebhooks::now(),
        };
        let signature = self
            .inner
            .sign(msg_id.as_bytes(), ts, bytes(&payload))
            .kind()?;
        Ok(SignedHeaders {
            id: msg_id,
            timestamp: ts.to_string(),
            signature,
        })
    }

    /// The answer to an endpoint-verification challenge (first HMAC key).
    #[napi(catch_unwind)]
    pub fn endpoint_verification_response(
        &self,
        challenge: Either<String, Uint8ArraySlice>,
    ) -> Result<String> {
        self.inner
            .endpoint_verification_response(bytes(&challenge))
            .kind()
    }

    /// Checks a challenge response against every HMAC key, in constant time.
    #[napi(catch_unwind)]
    pub fn verify_endpoint_verification_response(
        &self,
        challenge: Either<String, Uint8ArraySlice>,
        response: Either<String, Uint8ArraySlice>,
    ) -> Result<()> {
        self.inner
            .verify_endpoint_verification_response(bytes(&challenge), bytes(&response))
            .kind()
    }

    fn verify_found(
        &self,
        payload: &Either<String, Uint8ArraySlice>,
        found: &Found,
        now: Option<Either<f64, BigInt>>,
    ) -> Result<()> {
        let now = match now {
            Some(n) => inputs::unix_seconds(&n, "options.now")?,
            None => stdwebhooks::now(),
        };
        self.inner
            .verify_values_at(bytes(payload), found.values(), now)
            .kind()
    }
}

/// A parsed key, for inspecting what a key string holds. Its bytes never
/// appear in messages or `util.inspect` output.
#[napi]
pub struct Key {
    inner: stdwebhooks::Key,
}

#[napi]
impl Key {
    /// Parses key text: `whsec_…`, bare base64, `whpk_…` or `whsk_…`.
    #[napi(factory, catch_unwind)]
    pub fn parse(text: String) -> Result<Key> {
        Ok(Key {
            inner: stdwebhooks::Key::parse(&text).kind()?,
        })
    }

    /// An HMAC key from raw secret bytes.
    #[napi(factory, catch_unwind)]
    pub fn from_bytes(raw: Uint8Array) -> Result<Key> {
        Ok(Key {
            inner: stdwebhooks::Key::hmac(&raw).kind()?,
        })
    }

    /// `hmac`, `ed25519_public` or `ed25519_secret`.
    #[napi(getter, catch_unwind)]
    pub fn kind(&self) -> &'static str {
        self.inner.kind().as_str()
    }

    /// The public half of an ed25519 key; `null` for HMAC keys.
    #[napi(catch_unwind)]
    pub fn public_key(&self) -> Option<Key> {
        self.inner.public_key().map(|inner| Key { inner })
    }

    /// The key's bytes. Secret material: never log it.
    #[napi(catch_unwind)]
    pub fn expose_bytes(&self) -> Buffer {
        Buffer::from(self.inner.expose_bytes().to_vec())
    }

    /// The key as text (`whsec_…`, `whpk_…`, `whsk_…`). Secret material: never log it.
    #[napi(catch_unwind)]
    pub fn expose_text(&self) -> String {
        self.inner.expose_text().to_string()
    }
}

/// Every error kind of the contract, in its order.
#[napi(catch_unwind)]
pub fn error_kinds() -> Vec<&'static str> {
    ErrorKind::ALL.iter().map(|k| k.as_str()).collect()
}

/// The message the reference `standardwebhooks` package throws for a kind
/// (`"No matching signature found"`, ...), or `null` for an unknown kind.
#[napi(catch_unwind)]
pub fn reference_message(kind: String) -> Option<&'static str> {
    ErrorKind::from_name(&kind).map(|k| k.reference_message())
}

/// The header names, lower case.
#[napi(catch_unwind)]
pub fn header_names() -> Vec<&'static str> {
    vec![HEADER_ID, HEADER_TIMESTAMP, HEADER_SIGNATURE]
}

/// The version of the Rust crate this addon was built from.
#[napi(catch_unwind)]
pub fn native_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Panics on purpose, so the tests can show the panic reaches JavaScript as
/// an error. Only in builds with the `test-panic` feature.
#[cfg(feature = "test-panic")]
#[napi(catch_unwind, js_name = "__testPanic")]
pub fn test_panic(message: String) -> Result<()> {
    if message.is_empty() {
        return Err(invalid_arg("give a message"));
    }
    panic!("{message}");
}
