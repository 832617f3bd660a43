//! Unix seconds from Python `int` or `datetime`.
//!
//! abi3 has no C access to `datetime`, so the conversion runs through the
//! Python objects, with the module's constants looked up once.

use pyo3::exceptions::{PyOverflowError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyInt};

use crate::data::type_name;

struct DateTime {
    datetime: Py<PyAny>,
    utc: Py<PyAny>,
    epoch: Py<PyAny>,
    second: Py<PyAny>,
}

static DATETIME: PyOnceLock<DateTime> = PyOnceLock::new();

fn datetime(py: Python<'_>) -> PyResult<&DateTime> {
    DATETIME.get_or_try_init(py, || {
        let module = py.import("datetime")?;
        let datetime = module.getattr("datetime")?;
        let utc = module.getattr("timezone")?.getattr("utc")?;
        let kwargs = pyo3::types::PyDict::new(py);
        kwargs.set_item("tzinfo", &utc)?;
        let epoch = datetime.call((1970, 1, 1), Some(&kwargs))?;
        let second = module.getattr("timedelta")?.call1((0, 1))?;
        Ok(DateTime {
            datetime: datetime.unbind(),
            utc: utc.unbind(),
            epoch: epoch.unbind(),
            second: second.unbind(),
        })
    })
}

/// Seconds read from Python, or the reason there are none that fit.
pub enum Seconds {
    /// Seconds since the Unix epoch.
    Ok(i64),
    /// An `int` or `datetime` outside the signed 64-bit range.
    OutOfRange,
}

/// Reads an `int` (not `bool`) or a `datetime`: an aware one is converted to
/// UTC, a naive one is taken as UTC (as the reference package does).
/// Fractions of a second are floored. Other types are a `TypeError`.
pub fn unix_seconds(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Seconds> {
    let py = obj.py();
    if obj.is_instance_of::<PyBool>() {
        return Err(type_error(obj, what));
    }
    let int;
    let value = if obj.is_instance_of::<PyInt>() {
        obj
    } else {
        let dt = datetime(py)?;
        if !obj.is_instance(dt.datetime.bind(py))? {
            return Err(type_error(obj, what));
        }
        let aware = if obj.getattr(pyo3::intern!(py, "tzinfo"))?.is_none() {
            let kwargs = pyo3::types::PyDict::new(py);
            kwargs.set_item("tzinfo", dt.utc.bind(py))?;
            obj.call_method(pyo3::intern!(py, "replace"), (), Some(&kwargs))?
        } else {
            obj.clone()
        };
        int = aware
            .sub(dt.epoch.bind(py))?
            .floor_div(dt.second.bind(py))?;
        &int
    };
    match value.extract::<i64>() {
        Ok(v) => Ok(Seconds::Ok(v)),
        Err(e) if e.is_instance_of::<PyOverflowError>(py) => Ok(Seconds::OutOfRange),
        Err(e) => Err(e),
    }
}

fn type_error(obj: &Bound<'_, PyAny>, what: &str) -> PyErr {
    PyTypeError::new_err(format!(
        "{what} must be an int (Unix seconds) or a datetime, not {}",
        type_name(obj)
    ))
}
