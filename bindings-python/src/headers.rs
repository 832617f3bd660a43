//! Finding the three webhook headers in whatever header object the caller
//! has, case-insensitively, without copying the mapping.
//!
//! Most header objects already hold lower-case names (HTTP/2, API Gateway
//! HTTP APIs, ALB) or look names up case-insensitively themselves (werkzeug,
//! Starlette, `email.message.Message`, multidict's `CIMultiDict`), so the exact
//! lower-case name is tried first; only names that miss cost a scan, and one
//! scan serves all of them.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};
use stdwebhooks::{HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP};

use crate::data::{self, type_name};

/// The three header objects, in the order id, timestamp, signature.
pub type Found<'py> = [Option<Bound<'py, PyAny>>; 3];

const NAMES: [&str; 3] = [HEADER_ID, HEADER_TIMESTAMP, HEADER_SIGNATURE];

/// Looks up `webhook-id`, `webhook-timestamp` and `webhook-signature` in
/// `headers`: `None`, a `dict`, any mapping with `.get` (and `.items` for the
/// case-insensitive fallback), or an iterable of `(name, value)` pairs.
///
/// A value of `None` counts as absent. Keys that are neither `str` nor
/// `bytes` are not header names and are skipped.
pub fn find<'py>(headers: &Bound<'py, PyAny>) -> PyResult<Found<'py>> {
    let py = headers.py();
    let mut found: Found<'py> = [None, None, None];
    if headers.is_none() {
        return Ok(found);
    }
    let names = [
        pyo3::intern!(py, HEADER_ID),
        pyo3::intern!(py, HEADER_TIMESTAMP),
        pyo3::intern!(py, HEADER_SIGNATURE),
    ];
    if let Ok(dict) = headers.cast_exact::<PyDict>() {
        for (slot, name) in found.iter_mut().zip(names) {
            *slot = dict.get_item(name)?.filter(|v| !v.is_none());
        }
        if found.iter().any(Option::is_none) {
            scan(dict.iter().map(Ok), &mut found)?;
        }
        return Ok(found);
    }
    if headers.is_instance_of::<PyString>()
        || headers.is_instance_of::<PyBytes>()
        || headers.is_instance_of::<PyByteArray>()
    {
        return Err(not_headers(headers));
    }
    if let Some(get) = headers.getattr_opt(pyo3::intern!(py, "get"))? {
        for (slot, name) in found.iter_mut().zip(names) {
            let value = get.call1((name,))?;
            *slot = (!value.is_none()).then_some(value);
        }
        if found.iter().any(Option::is_none) {
            if let Some(items) = headers.getattr_opt(pyo3::intern!(py, "items"))? {
                scan(items.call0()?.try_iter()?.map(|i| pair(&i?)), &mut found)?;
            }
        }
        return Ok(found);
    }
    let Ok(iter) = headers.try_iter() else {
        return Err(not_headers(headers));
    };
    scan(iter.map(|i| pair(&i?)), &mut found)?;
    Ok(found)
}

/// Fills the still-empty slots from `(name, value)` pairs; the first match wins.
fn scan<'py>(
    pairs: impl Iterator<Item = PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)>>,
    found: &mut Found<'py>,
) -> PyResult<()> {
    for item in pairs {
        let (key, value) = item?;
        if value.is_none() {
            continue;
        }
        // Our names are ASCII of 10 or 17 characters; skipping other lengths
        // first keeps a huge or non-ASCII name from costing a UTF-8 encoding.
        if let Ok(s) = key.cast::<PyString>() {
            if !matches!(s.len()?, 10 | 17) {
                continue;
            }
        }
        let Some(name) = data::name_bytes(&key) else {
            continue;
        };
        for (slot, wanted) in found.iter_mut().zip(NAMES) {
            if slot.is_none() && name.eq_ignore_ascii_case(wanted.as_bytes()) {
                *slot = Some(value);
                break;
            }
        }
        if found.iter().all(Option::is_some) {
            break;
        }
    }
    Ok(())
}

fn pair<'py>(item: &Bound<'py, PyAny>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    if let Ok(t) = item.cast::<PyTuple>() {
        if t.len() == 2 {
            return Ok((t.get_item(0)?, t.get_item(1)?));
        }
    } else if let Ok(l) = item.cast::<PyList>() {
        if l.len() == 2 {
            return Ok((l.get_item(0)?, l.get_item(1)?));
        }
    }
    Err(PyTypeError::new_err(format!(
        "header pairs must be (name, value) tuples, not {}",
        type_name(item)
    )))
}

fn not_headers(headers: &Bound<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!(
        "headers must be a mapping, an iterable of (name, value) pairs, or None, not {}",
        type_name(headers)
    ))
}
