//! How Python values become the byte slices the core reads: `bytes` and
//! buffer objects in place, `str` as UTF-8.
//!
//! The wheel targets the stable ABI of Python 3.9 (`abi3-py39`), where pyo3
//! exposes neither the buffer protocol nor `PyUnicode_AsUTF8AndSize`: both
//! joined the limited API only in 3.11 and 3.10. Both functions have been
//! exported, with the same signatures and the same `Py_buffer` layout, by
//! every CPython 3 on Linux and macOS, so they are declared here by hand.
//! Windows links abi3 modules against `python3.dll`, which lacks them before
//! 3.11, so there the values are copied instead.

use std::borrow::Cow;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyMemoryView, PyString};

/// Bytes read from a Python object, borrowed where the object allows it.
pub struct Data<'a> {
    inner: Inner<'a>,
}

enum Inner<'a> {
    Borrowed(&'a [u8]),
    Owned(Vec<u8>),
    #[cfg(not(windows))]
    Buffer(buffer::Exported),
}

impl Data<'_> {
    pub fn as_slice(&self) -> &[u8] {
        match &self.inner {
            Inner::Borrowed(b) => b,
            Inner::Owned(v) => v,
            #[cfg(not(windows))]
            Inner::Buffer(b) => b.as_slice(),
        }
    }
}

/// Reads `bytes`, `bytearray`, `memoryview` (any C-contiguous buffer) or `str`.
///
/// `what` names the argument in the `TypeError`.
pub fn read<'a>(obj: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Data<'a>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Data {
            inner: Inner::Borrowed(b.as_bytes()),
        });
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return utf8(s);
    }
    if obj.is_instance_of::<PyByteArray>() || obj.is_instance_of::<PyMemoryView>() {
        return read_buffer(obj);
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be bytes, bytearray, memoryview or str, not {}",
        type_name(obj)
    )))
}

#[cfg(not(windows))]
fn read_buffer<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Data<'a>> {
    Ok(Data {
        inner: Inner::Buffer(buffer::Exported::get(obj)?),
    })
}

#[cfg(windows)]
fn read_buffer<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Data<'a>> {
    let copy = obj.py().get_type::<PyBytes>().call1((obj,))?;
    Ok(Data {
        inner: Inner::Owned(copy.cast::<PyBytes>()?.as_bytes().to_vec()),
    })
}

/// The UTF-8 bytes of a `str`.
///
/// A `str` holding lone surrogates has no strict UTF-8 form. Those that come
/// from bytes decoded with `surrogateescape` (as `email` and `os` do) are
/// encoded back to the bytes that were received. Any other lone surrogate is a
/// `TypeError`, as in the Node binding: there is no byte string it stands for,
/// and guessing one (`surrogatepass`, or U+FFFD) would sign different bytes in
/// different languages.
fn utf8<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Data<'a>> {
    match strict_utf8(s) {
        Ok(d) => Ok(d),
        Err(_) => {
            let encode = pyo3::intern!(s.py(), "encode");
            match s.call_method1(encode, ("utf-8", "surrogateescape")) {
                Ok(b) => Ok(Data {
                    inner: Inner::Owned(b.cast::<PyBytes>()?.as_bytes().to_vec()),
                }),
                Err(_) => Err(PyTypeError::new_err(
                    "str is not well-formed Unicode (a lone surrogate), so it has no UTF-8 bytes; \
                     pass the raw bytes instead",
                )),
            }
        }
    }
}

#[cfg(not(windows))]
fn strict_utf8<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Data<'a>> {
    let mut len: pyo3::ffi::Py_ssize_t = 0;
    // SAFETY: `s` is a live str; the returned pointer is owned by it (the
    // ASCII data itself, or a UTF-8 copy cached on the object) and stays
    // valid for as long as `s` is borrowed, which the lifetime 'a expresses.
    let ptr = unsafe { buffer::PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut len) };
    if ptr.is_null() {
        return Err(PyErr::fetch(s.py()));
    }
    // SAFETY: on success CPython returns `len` readable bytes at `ptr`.
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len as usize) };
    Ok(Data {
        inner: Inner::Borrowed(bytes),
    })
}

#[cfg(windows)]
fn strict_utf8<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Data<'a>> {
    use pyo3::types::PyStringMethods;
    let text = s.to_cow()?;
    Ok(Data {
        inner: Inner::Owned(match text {
            Cow::Borrowed(t) => t.as_bytes().to_vec(),
            Cow::Owned(t) => t.into_bytes(),
        }),
    })
}

/// The bytes of a str or bytes key, for comparing header names; `None` for
/// any other type, which is simply not a header name.
pub fn name_bytes<'a>(obj: &'a Bound<'_, PyAny>) -> Option<Cow<'a, [u8]>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return strict_utf8(s).ok().map(|d| match d.inner {
            Inner::Borrowed(b) => Cow::Borrowed(b),
            other => Cow::Owned(Data { inner: other }.as_slice().to_vec()),
        });
    }
    obj.cast::<PyBytes>()
        .ok()
        .map(|b| Cow::Borrowed(b.as_bytes()))
}

pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an unknown type".to_owned())
}

#[cfg(not(windows))]
mod buffer {
    #![allow(non_camel_case_types, non_snake_case)]

    use std::ffi::{c_char, c_int, c_void};

    use pyo3::ffi::{PyObject, Py_ssize_t};
    use pyo3::prelude::*;

    /// `Py_buffer` as CPython 3.x lays it out (unchanged since 3.3, and the
    /// layout the 3.11 limited API froze).
    #[repr(C)]
    pub struct Py_buffer {
        buf: *mut c_void,
        obj: *mut PyObject,
        len: Py_ssize_t,
        itemsize: Py_ssize_t,
        readonly: c_int,
        ndim: c_int,
        format: *mut c_char,
        shape: *mut Py_ssize_t,
        strides: *mut Py_ssize_t,
        suboffsets: *mut Py_ssize_t,
        internal: *mut c_void,
    }

    /// Plain contiguous bytes, read-only access.
    const PYBUF_SIMPLE: c_int = 0;

    extern "C" {
        fn PyObject_GetBuffer(obj: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int;
        fn PyBuffer_Release(view: *mut Py_buffer);
        pub fn PyUnicode_AsUTF8AndSize(obj: *mut PyObject, size: *mut Py_ssize_t) -> *const c_char;
    }

    /// An exported buffer. While it is held, CPython refuses to resize a
    /// `bytearray` (BufferError), so the memory cannot move under the core
    /// even with the GIL released. It is released on drop, which happens
    /// with the GIL held because it never enters a `detach` closure.
    pub struct Exported {
        view: Box<Py_buffer>,
    }

    // The slice is only read; CPython's own hashlib reads buffers the same way
    // without the GIL. Writes to a bytearray by another thread during a verify
    // make the result meaningless for that call, nothing worse.
    unsafe impl Send for Exported {}
    unsafe impl Sync for Exported {}

    impl Exported {
        pub fn get(obj: &Bound<'_, PyAny>) -> PyResult<Exported> {
            let mut view = Box::new(Py_buffer {
                buf: std::ptr::null_mut(),
                obj: std::ptr::null_mut(),
                len: 0,
                itemsize: 0,
                readonly: 0,
                ndim: 0,
                format: std::ptr::null_mut(),
                shape: std::ptr::null_mut(),
                strides: std::ptr::null_mut(),
                suboffsets: std::ptr::null_mut(),
                internal: std::ptr::null_mut(),
            });
            // SAFETY: `obj` is a live object and `view` points to writable
            // memory of the right layout; PYBUF_SIMPLE asks for contiguous bytes.
            let rc = unsafe { PyObject_GetBuffer(obj.as_ptr(), &mut *view, PYBUF_SIMPLE) };
            if rc != 0 {
                // The only buffers read here are bytearray and memoryview, and
                // the one they refuse PYBUF_SIMPLE for is a strided memoryview.
                let cause = PyErr::fetch(obj.py());
                let err = pyo3::exceptions::PyTypeError::new_err(
                    "a memoryview must be C-contiguous bytes (copy it with bytes() first)",
                );
                err.set_cause(obj.py(), Some(cause));
                return Err(err);
            }
            Ok(Exported { view })
        }

        pub fn as_slice(&self) -> &[u8] {
            if self.view.len <= 0 || self.view.buf.is_null() {
                return &[];
            }
            // SAFETY: a successful PYBUF_SIMPLE export gives `len` contiguous
            // readable bytes at `buf`, valid until PyBuffer_Release.
            unsafe {
                std::slice::from_raw_parts(self.view.buf.cast::<u8>(), self.view.len as usize)
            }
        }
    }

    impl Drop for Exported {
        fn drop(&mut self) {
            // SAFETY: the view was filled by a successful PyObject_GetBuffer and
            // is released exactly once; the GIL is held (see the type's docs).
            unsafe { PyBuffer_Release(&mut *self.view) }
        }
    }
}
