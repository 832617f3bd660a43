//! The compiled half of the `stdwebhooks` Python package (`stdwebhooks._native`).
//!
//! Conversion and error mapping only: every rule lives in the core crate.
//! Users import `stdwebhooks` (or the drop-in `standardwebhooks`), never this.

mod data;
mod errors;
mod headers;
mod key;
mod time;
mod verifier;

use pyo3::prelude::*;

#[pymodule(gil_used = false)]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<verifier::Verifier>()?;
    m.add_class::<key::Key>()?;
    m.add_function(wrap_pyfunction!(verifier::_dropin_verifier, m)?)?;
    m.add_function(wrap_pyfunction!(verifier::_unix_seconds, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_TOLERANCE", stdwebhooks::DEFAULT_TOLERANCE)?;
    m.add("MAX_SIGNATURE_LEN", stdwebhooks::MAX_SIGNATURE_LEN)?;
    // Lets the tests know the wheel under test has the forced-panic path.
    m.add("_TEST_PANIC", cfg!(feature = "test-panic"))?;
    Ok(())
}
