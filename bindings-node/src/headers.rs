//! Finds the three `webhook-*` values in a JavaScript headers container.
//!
//! Node gives headers as a plain object (`IncomingHttpHeaders`: lower-case
//! names, string or string-array values); users also pass objects with other
//! casing and `[name, value]` pairs (what `Object.entries`, `Map` and
//! `Headers` iterate to). Only the three names are looked up, so other
//! headers are never converted, and a value of another type in an unrelated
//! header cannot fail a verify. Web `Headers` objects are read through their
//! own `get` in the facade (`index.js`), which already ignores case.

use napi::bindgen_prelude::{Array, JsObjectValue, JsValue, Object, Uint8ArraySlice, Unknown};
use napi::ValueType;
use stdwebhooks::{HeaderValues, HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP};

use crate::errors::{invalid_arg, NapiResultExt, Result};
use crate::inputs::{bytes, Bytes};

const NAMES: [&str; 3] = [HEADER_ID, HEADER_TIMESTAMP, HEADER_SIGNATURE];

/// The values found, converted to bytes (strings as UTF-8, `Uint8Array`s borrowed).
pub struct Found<'env>([Option<Bytes<'env>>; 3]);

impl Found<'_> {
    pub fn values(&self) -> HeaderValues<'_> {
        let [id, timestamp, signature] = &self.0;
        HeaderValues {
            id: id.as_ref().map(bytes),
            timestamp: timestamp.as_ref().map(bytes),
            signature: signature.as_ref().map(bytes),
        }
    }

    /// The values handed over one by one (the `verifyValues` form).
    pub fn from_values<'env>(
        id: Option<Bytes<'env>>,
        timestamp: Option<Bytes<'env>>,
        signature: Option<Bytes<'env>>,
    ) -> Found<'env> {
        Found([id, timestamp, signature])
    }
}

/// Reads a plain object (any case) or an array of `[name, value]` pairs.
pub fn find<'env>(headers: Unknown<'env>) -> Result<Found<'env>> {
    if headers.get_type().js()? != ValueType::Object {
        return Err(invalid_arg(
            "headers must be an object, a Headers instance or an array of [name, value] pairs",
        ));
    }
    if headers.is_array().js()? {
        // SAFETY: checked above that the value is an array.
        let pairs: Array = unsafe { headers.cast() }.js()?;
        return from_pairs(&pairs);
    }
    // SAFETY: checked above that the value is an object.
    let object: Object = unsafe { headers.cast() }.js()?;
    from_object(&object)
}

/// Exact lower-case property first (what Node gives, and one lookup), then
/// the first own enumerable name that matches ignoring ASCII case.
fn from_object<'env>(object: &Object<'env>) -> Result<Found<'env>> {
    let mut raw: [Option<Unknown<'env>>; 3] = [None, None, None];
    for (slot, name) in raw.iter_mut().zip(NAMES) {
        *slot = present(object.get_named_property_unchecked::<Unknown>(name).js()?)?;
    }
    if raw.iter().any(Option::is_none) {
        let names = object.get_property_names().js()?;
        let count = names.get_array_length().js()?;
        for index in 0..count {
            if raw.iter().all(Option::is_some) {
                break;
            }
            let key: Unknown = names.get_element(index).js()?;
            if key.get_type().js()? != ValueType::String {
                continue;
            }
            // SAFETY: checked above that the key is a string.
            let key: String = unsafe { key.cast() }.js()?;
            for (slot, name) in raw.iter_mut().zip(NAMES) {
                if slot.is_none() && key.eq_ignore_ascii_case(name) {
                    *slot = present(object.get_named_property_unchecked::<Unknown>(&key).js()?)?;
                }
            }
        }
    }
    convert(raw)
}

/// The first pair whose name matches wins, as in the core's slice lookup.
/// Pairs whose name is not a string are skipped.
fn from_pairs<'env>(pairs: &Array<'env>) -> Result<Found<'env>> {
    let mut raw: [Option<Unknown<'env>>; 3] = [None, None, None];
    for index in 0..pairs.len() {
        let pair: Unknown = pairs.get_element(index).js()?;
        if pair.get_type().js()? != ValueType::Object || !pair.is_array().js()? {
            return Err(invalid_arg(
                "headers given as an array must hold [name, value] pairs",
            ));
        }
        // SAFETY: checked above that the value is an array.
        let pair: Array = unsafe { pair.cast() }.js()?;
        let name: Unknown = pair.get_element(0).js()?;
        if name.get_type().js()? != ValueType::String {
            continue;
        }
        // SAFETY: checked above that the name is a string.
        let name: String = unsafe { name.cast() }.js()?;
        for (slot, wanted) in raw.iter_mut().zip(NAMES) {
            if slot.is_none() && name.eq_ignore_ascii_case(wanted) {
                *slot = present(pair.get_element::<Unknown>(1).js()?)?;
            }
        }
    }
    convert(raw)
}

fn present(value: Unknown<'_>) -> Result<Option<Unknown<'_>>> {
    Ok(match value.get_type().js()? {
        ValueType::Undefined | ValueType::Null => None,
        _ => Some(value),
    })
}

fn convert(raw: [Option<Unknown<'_>>; 3]) -> Result<Found<'_>> {
    let [id, timestamp, signature] = raw;
    Ok(Found([
        id.map(|v| value(v, HEADER_ID)).transpose()?.flatten(),
        timestamp
            .map(|v| value(v, HEADER_TIMESTAMP))
            .transpose()?
            .flatten(),
        signature
            .map(|v| value(v, HEADER_SIGNATURE))
            .transpose()?
            .flatten(),
    ]))
}

/// A string, a `Uint8Array`, or an array of those, whose first element counts
/// (Node's `headersDistinct` and repeated headers give arrays). An empty
/// array counts as absent.
fn value<'env>(value: Unknown<'env>, name: &str) -> Result<Option<Bytes<'env>>> {
    match single(value, name)? {
        Single::Bytes(b) => Ok(Some(b)),
        Single::List(list) => match list.len() {
            0 => Ok(None),
            _ => match single(list.get_element::<Unknown>(0).js()?, name)? {
                Single::Bytes(b) => Ok(Some(b)),
                Single::List(_) => Err(wrong_value(name)),
            },
        },
    }
}

enum Single<'env> {
    Bytes(Bytes<'env>),
    List(Array<'env>),
}

fn single<'env>(value: Unknown<'env>, name: &str) -> Result<Single<'env>> {
    match value.get_type().js()? {
        ValueType::String => {
            // SAFETY: checked above that the value is a string.
            let text: String = unsafe { value.cast() }.js()?;
            Ok(Single::Bytes(Bytes::A(text)))
        }
        ValueType::Object if value.is_array().js()? => {
            // SAFETY: checked above that the value is an array.
            Ok(Single::List(unsafe { value.cast() }.js()?))
        }
        ValueType::Object if value.is_typedarray().js()? => {
            // SAFETY: a typed array; the conversion itself rejects any element
            // type other than Uint8 with an error, which we replace.
            let view: Uint8ArraySlice = unsafe { value.cast() }.map_err(|_| wrong_value(name))?;
            Ok(Single::Bytes(Bytes::B(view)))
        }
        _ => Err(wrong_value(name)),
    }
}

fn wrong_value(name: &str) -> crate::errors::Error {
    invalid_arg(format!(
        "the {name} header must be a string, a Uint8Array or an array of those"
    ))
}
