//! Fallible growth of Python sequences. A learner's `x = x + x` in a loop
//! (or `y += y`, `l.extend(l)`, `s = s + s`) must end in Python's bare
//! `MemoryError` with the names as they were, never in an abort when an
//! allocation fails under `ulimit -v` nor in the system's out-of-memory
//! killer: each result is measured against the memory available first,
//! then allocated exactly, with `try_reserve_exact`.

use super::error::{PyError, PyResult};
use super::value::Value;

/// Python's bare `MemoryError`.
fn memory_error() -> PyError {
    PyError::new("MemoryError", "")
}

/// Room for `n` items of type `T`, measured against available memory.
pub fn room<T>(n: usize) -> PyResult<()> {
    Ok(crate::engine::buffer::python_room(
        n,
        std::mem::size_of::<T>(),
    )?)
}

/// `x + y` for two lists' or tuples' items.
pub fn concat(x: &[Value], y: &[Value]) -> PyResult<Vec<Value>> {
    let n = x.len().checked_add(y.len()).ok_or_else(memory_error)?;
    room::<Value>(n)?;
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| memory_error())?;
    v.extend_from_slice(x);
    v.extend_from_slice(y);
    Ok(v)
}

/// `x + y` for two strs.
pub fn concat_str(x: &str, y: &str) -> PyResult<String> {
    let n = x.len().checked_add(y.len()).ok_or_else(memory_error)?;
    // Twice: the text is built here, then copied into the str value.
    room::<u8>(n.saturating_mul(2))?;
    let mut s = String::new();
    s.try_reserve_exact(n).map_err(|_| memory_error())?;
    s.push_str(x);
    s.push_str(y);
    Ok(s)
}

/// `l += more` and `l.extend(more)`: room for exactly the grown list.
pub fn extend(l: &mut Vec<Value>, more: Vec<Value>) -> PyResult<()> {
    let n = l.len().checked_add(more.len()).ok_or_else(memory_error)?;
    room::<Value>(n)?;
    l.try_reserve_exact(more.len())
        .map_err(|_| memory_error())?;
    l.extend(more);
    Ok(())
}

/// Before copying `rhs` to extend a list of `len` items: room for the copy
/// and the grown list together, when `rhs`'s length is known.
pub fn extend_room(len: usize, rhs: &Value) -> PyResult<()> {
    let known = match rhs {
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        _ => return Ok(()),
    };
    room::<Value>(len.saturating_add(known.saturating_mul(2)))
}
