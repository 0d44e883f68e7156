//! Rendering: NumPy's repr and str of arrays, scalars and dtypes.

use crate::engine::dtype::DType;
use crate::engine::scalar::Scalar;

pub mod dtype_repr;
pub mod elemfmt;
pub mod floatfmt;
pub mod legacy;
pub mod repr;
pub mod scalar_repr;
#[cfg(test)]
mod tests;
pub mod visible;

pub use dtype_repr::{dtype_repr, dtype_str};
pub use floatfmt::py_float_repr;
pub use repr::{array_repr, array_str, array2string_with, subclass_array_repr};
pub use scalar_repr::{scalar_repr, scalar_str};

/// Read access to an array's elements, all the printer needs. The engine's
/// arrays implement it; tests implement it over a plain `Vec`.
pub trait ElementSource {
    /// The array's shape.
    fn shape(&self) -> &[usize];
    /// The element type.
    fn dtype(&self) -> &DType;
    /// The element at a full index (one entry per axis, each in bounds).
    fn get(&self, index: &[usize]) -> Scalar;
}

/// NumPy's print options (`np.set_printoptions`), with NumPy's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintOptions {
    /// Digits after the point (default 8).
    pub precision: usize,
    /// Total elements above which the array is summarised (default 1000).
    pub threshold: usize,
    /// Items shown at each end of a summarised axis (default 3).
    pub edgeitems: usize,
    /// Characters per line (default 75).
    pub linewidth: usize,
    /// Never use scientific notation for small numbers (default false).
    pub suppress: bool,
    /// `'-'` (default), `'+'` or `' '`.
    pub sign: char,
    /// `'maxprec'` (default), `'fixed'`, `'unique'`, `'maxprec_equal'`.
    pub floatmode: String,
    /// Text for NaN (default `nan`).
    pub nanstr: String,
    /// Text for infinity (default `inf`).
    pub infstr: String,
    /// NumPy's legacy print mode as a number (`legacy::OFF` by default).
    pub legacy: u32,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            precision: 8,
            threshold: 1000,
            edgeitems: 3,
            linewidth: 75,
            suppress: false,
            sign: '-',
            floatmode: "maxprec".into(),
            nanstr: "nan".into(),
            infstr: "inf".into(),
            legacy: legacy::OFF,
        }
    }
}
