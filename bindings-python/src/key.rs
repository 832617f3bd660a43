//! `stdwebhooks.Key`, and reading the keys a verifier is built from.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple};

use crate::data::{self, type_name};
use crate::errors::{guard, to_pyerr, Style};

/// A parsed key: `whsec_…` (or bare base64) and raw bytes for HMAC-SHA256,
/// `whpk_…` for an ed25519 public key, `whsk_…` for an ed25519 signing key.
///
/// Surrounding whitespace in key text is ignored. `repr()` never shows the
/// key material; `expose_bytes()` and `expose_text()` do, on purpose.
#[pyclass(frozen, module = "stdwebhooks", name = "Key")]
pub struct Key {
    pub(crate) inner: stdwebhooks::Key,
}

#[pymethods]
impl Key {
    /// Parses key text (`str`), or takes `bytes` as a raw HMAC secret.
    #[new]
    fn new(key: &Bound<'_, PyAny>) -> PyResult<Key> {
        guard(|| {
            Ok(Key {
                inner: one(key, Style::Native)?,
            })
        })
    }

    /// An ed25519 signing key from its 32-byte seed (for example `os.urandom(32)`).
    #[staticmethod]
    fn ed25519_from_seed(seed: &Bound<'_, PyAny>) -> PyResult<Key> {
        guard(|| {
            let seed = data::read(seed, "seed")?;
            let seed: &[u8; 32] = seed
                .as_slice()
                .try_into()
                .map_err(|_| PyValueError::new_err("an ed25519 seed is exactly 32 bytes"))?;
            Ok(Key {
                inner: stdwebhooks::Key::ed25519_seed(seed),
            })
        })
    }

    /// `"hmac"`, `"ed25519_public"` or `"ed25519_secret"`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind().as_str()
    }

    /// The public half of an ed25519 key as a `whpk_` key; `None` for HMAC keys.
    fn public_key(&self) -> Option<Key> {
        self.inner.public_key().map(|inner| Key { inner })
    }

    /// The key's bytes. This exposes secret material: never log it.
    fn expose_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.expose_bytes())
    }

    /// The key as text (`whsec_…`, `whpk_…`, `whsk_…`). This exposes secret material: never log it.
    fn expose_text(&self) -> String {
        self.inner.expose_text().to_string()
    }

    fn __repr__(&self) -> String {
        format!("<stdwebhooks.Key kind='{}' [REDACTED]>", self.kind())
    }
}

/// One key: a `Key`, key text, or raw HMAC bytes.
pub fn one(obj: &Bound<'_, PyAny>, style: Style) -> PyResult<stdwebhooks::Key> {
    if let Ok(key) = obj.cast::<Key>() {
        return Ok(key.get().inner.clone());
    }
    let parsed = if obj.is_instance_of::<PyString>() {
        stdwebhooks::Key::parse_bytes(data::read(obj, "key")?.as_slice())
    } else {
        match data::read(obj, "key") {
            Ok(bytes) => stdwebhooks::Key::hmac(bytes.as_slice()),
            Err(_) => {
                return Err(PyTypeError::new_err(format!(
                    "a key must be str (whsec_/whpk_/whsk_ text), bytes (a raw HMAC secret) or a Key, not {}",
                    type_name(obj)
                )))
            }
        }
    };
    parsed.map_err(|e| to_pyerr(e, style))
}

/// One key, or a list or tuple of keys (secret rotation, HMAC beside ed25519).
pub fn many(obj: &Bound<'_, PyAny>, style: Style) -> PyResult<Vec<stdwebhooks::Key>> {
    if let Ok(list) = obj.cast::<PyList>() {
        return list.iter().map(|k| one(&k, style)).collect();
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return tuple.iter().map(|k| one(&k, style)).collect();
    }
    Ok(vec![one(obj, style)?])
}
