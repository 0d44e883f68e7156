//! What `np.linalg`'s files share: NumPy's `LinAlgError`.

use super::super::error::PyError;

/// NumPy's `LinAlgError` with `message`.
pub(crate) fn linalg_error(message: &str) -> PyError {
    PyError::new("LinAlgError", message)
}
