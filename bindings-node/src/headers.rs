//! Finds the three `webhook-*` values in a JavaScript headers container.
//!
//! Node gives headers as a plain object (`IncomingHttpHeaders`: lower-case
//! names, string or string-array values); users also pass objects with other
//! casing and `[name, value]` pairs (what `Object.entries`, `Map` and
//! `Headers` iterate to). Only the three names are looked up, so other
//! headers are never converted, and a value of another type in an unrelated
//! header cannot fail a verify. Web `Headers` objects are read through their
//! own `get` in the facade (`index.js`), which already ignores case.

use napi::bindgen_prelude::{
    Array, BigInt, JsObjectValue, JsValue, Object, TypedArrayType, Uint8ArraySlice, Unknown,
    Utf16String,
};
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
        return Err(invalid_arg(format!(
            "The \"headers\" argument must be an object, a Map, a Headers instance or an array of [name, value] pairs. Received {}",
            received(&headers)
        )));
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
            return Err(invalid_arg(format!(
                "The \"headers\" argument must hold [name, value] pairs when it is an array. Received {} at index {index}",
                received(&pair)
            )));
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
            _ => {
                let first = list.get_element::<Unknown>(0).js()?;
                match single(first, name)? {
                    Single::Bytes(b) => Ok(Some(b)),
                    Single::List(_) => Err(wrong_value(&first, name)),
                }
            }
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
            // Node-API writes a lone surrogate as U+FFFD; only a string that
            // now holds one needs its UTF-16 read again to tell the two apart.
            if text.contains('\u{FFFD}') && !well_formed(&value)? {
                return Err(invalid_arg(format!(
                    "The \"{name}\" header is not well-formed Unicode (a lone surrogate); pass the raw bytes as a Buffer"
                )));
            }
            Ok(Single::Bytes(Bytes::A(text)))
        }
        ValueType::Object if value.is_array().js()? => {
            // SAFETY: checked above that the value is an array.
            Ok(Single::List(unsafe { value.cast() }.js()?))
        }
        ValueType::Object if value.is_typedarray().js()? => {
            // SAFETY: a typed array; the conversion itself rejects any element
            // type other than Uint8 with an error, which we replace.
            let view: Uint8ArraySlice =
                unsafe { value.cast() }.map_err(|_| wrong_value(&value, name))?;
            Ok(Single::Bytes(Bytes::B(view)))
        }
        _ => Err(wrong_value(&value, name)),
    }
}

/// Whether a JavaScript string is valid UTF-16 (no lone surrogate).
fn well_formed(value: &Unknown<'_>) -> Result<bool> {
    // SAFETY: only called on a value whose type is string.
    let wide: Utf16String = unsafe { value.cast() }.js()?;
    Ok(char::decode_utf16(wide.iter().copied()).all(|c| c.is_ok()))
}

fn wrong_value(value: &Unknown<'_>, name: &str) -> crate::errors::Error {
    invalid_arg(format!(
        "The \"{name}\" header must be a string, Buffer or Uint8Array, or an array of them. Received {}",
        received(value)
    ))
}

/// The wrong value as Node's own `ERR_INVALID_ARG_TYPE` messages show it.
/// Strings never reach here (they are accepted), so no header text is echoed.
fn received(value: &Unknown<'_>) -> String {
    // SAFETY (every cast below): the value's type was checked just before.
    let shown = match value.get_type() {
        Ok(ValueType::Undefined) => return "undefined".into(),
        Ok(ValueType::Null) => return "null".into(),
        Ok(ValueType::Boolean) => unsafe { value.cast::<bool>() }.map(|b| b.to_string()),
        Ok(ValueType::Number) => unsafe { value.cast::<f64>() }.map(number),
        Ok(ValueType::BigInt) => unsafe { value.cast::<BigInt>() }.map(|b| match b.get_i128() {
            (v, true) => format!("{v}n"),
            _ => "a bigint".into(),
        }),
        Ok(ValueType::Symbol) => return "type symbol".into(),
        Ok(ValueType::Function) => return "a function".into(),
        _ => return object(value),
    };
    match (value.get_type(), shown) {
        (Ok(t), Ok(s)) => format!("type {} ({s})", type_name(t)),
        _ => "a value of another type".into(),
    }
}

fn type_name(t: ValueType) -> &'static str {
    match t {
        ValueType::Boolean => "boolean",
        ValueType::Number => "number",
        ValueType::BigInt => "bigint",
        _ => "value",
    }
}

fn number(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        // f64's Display has no exponent and no trailing `.0`, close to JavaScript's.
        n.to_string()
    }
}

fn object(value: &Unknown<'_>) -> String {
    if value.is_array().unwrap_or(false) {
        return "an instance of Array".into();
    }
    if value.is_typedarray().unwrap_or(false) {
        let raw = value.value();
        let mut kind = 0;
        // SAFETY: the value is a typed array of this env; only its element
        // type is written, the other out-pointers may be null.
        let status = unsafe {
            napi::sys::napi_get_typedarray_info(
                raw.env,
                raw.value,
                &mut kind,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        if status == napi::sys::Status::napi_ok {
            return format!("an instance of {}", typed_array_name(kind.into()));
        }
    }
    "an object".into()
}

fn typed_array_name(t: TypedArrayType) -> &'static str {
    match t {
        TypedArrayType::Int8 => "Int8Array",
        TypedArrayType::Uint8 => "Uint8Array",
        TypedArrayType::Uint8Clamped => "Uint8ClampedArray",
        TypedArrayType::Int16 => "Int16Array",
        TypedArrayType::Uint16 => "Uint16Array",
        TypedArrayType::Int32 => "Int32Array",
        TypedArrayType::Uint32 => "Uint32Array",
        TypedArrayType::Float32 => "Float32Array",
        TypedArrayType::Float64 => "Float64Array",
        TypedArrayType::BigInt64 => "BigInt64Array",
        TypedArrayType::BigUint64 => "BigUint64Array",
        _ => "a typed array",
    }
}
