//! JavaScript arguments turned into what the core takes: byte slices borrowed
//! from `Uint8Array`s, key lists, and whole seconds checked for range.

use napi::bindgen_prelude::{BigInt, Either, Uint8Array, Uint8ArraySlice};
use stdwebhooks::Key;

use crate::errors::{invalid_arg, CoreResultExt, Result};

/// A payload, message id, challenge or header value: a string (read as UTF-8)
/// or a `Uint8Array`/`Buffer` (read in place, never decoded).
pub type Bytes<'a> = Either<String, Uint8ArraySlice<'a>>;

pub fn bytes<'a>(value: &'a Bytes<'_>) -> &'a [u8] {
    match value {
        Either::A(text) => text.as_bytes(),
        Either::B(view) => view,
    }
}

/// One key: text as the contract spells it, or raw HMAC secret bytes.
pub type KeyInput = Either<String, Uint8Array>;

pub fn key(input: &KeyInput) -> Result<Key> {
    match input {
        Either::A(text) => Key::parse(text).kind(),
        Either::B(raw) => Key::hmac(raw).kind(),
    }
}

pub fn keys(input: &Either<KeyInput, Vec<KeyInput>>) -> Result<Vec<Key>> {
    match input {
        Either::A(one) => Ok(vec![key(one)?]),
        Either::B(many) => many.iter().map(key).collect(),
    }
}

/// A count of seconds given as a `number` or a `bigint`.
pub type Seconds = Either<f64, BigInt>;

// 2^63 and 2^64 are exact in binary floating point; every float below them
// that has no fraction converts to the integer type without loss.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;

/// Unix seconds, possibly negative: an integral `number` or a `bigint` that fits in 64 bits.
pub fn unix_seconds(value: &Seconds, what: &str) -> Result<i64> {
    match value {
        Either::A(n) if n.fract() == 0.0 && *n >= -TWO_POW_63 && *n < TWO_POW_63 => Ok(*n as i64),
        Either::B(big) => match big.get_i64() {
            (v, true) => Ok(v),
            _ => Err(out_of_range(what, "a signed 64-bit integer", value)),
        },
        Either::A(_) => Err(out_of_range(
            what,
            "an integer number of seconds below 2^63",
            value,
        )),
    }
}

/// A non-negative count of seconds that fits in 64 bits.
pub fn duration_seconds(value: &Seconds, what: &str) -> Result<u64> {
    match value {
        Either::A(n) if n.fract() == 0.0 && *n >= 0.0 && *n < TWO_POW_64 => Ok(*n as u64),
        Either::B(big) => match big.get_u64() {
            (false, v, true) => Ok(v),
            (true, 0, true) => Ok(0),
            _ => Err(out_of_range(what, "a non-negative 64-bit integer", value)),
        },
        Either::A(_) => Err(out_of_range(
            what,
            "a non-negative integer number of seconds",
            value,
        )),
    }
}

/// `what` names the value as the facade's messages do (`options.tolerance`).
fn out_of_range(what: &str, expected: &str, value: &Seconds) -> crate::errors::Error {
    let shown = match value {
        Either::A(n) if n.is_nan() => "NaN".to_string(),
        Either::A(n) if n.is_infinite() => {
            if *n > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
        }
        Either::A(n) => n.to_string(),
        Either::B(big) => match big.get_i128() {
            (v, true) => format!("{v}n"),
            _ => "a bigint beyond 128 bits".to_string(),
        },
    };
    invalid_arg(format!(
        "The \"{what}\" value must be {expected}. Received {shown}"
    ))
}
