//! The signatures NumPy's scalar types and `np.dtype` are called with, as
//! their C constructors parse them, so `np.float64(1, 2)`,
//! `np.int8(1, bogus=1)` and `np.dtype('f8', bogus=1)` raise NumPy's
//! `TypeError` instead of quietly using the first argument.
//!
//! The messages come from the parser each type uses: `np.float64` and
//! `np.str_` are Python's `float` and `str` (their entries are the
//! builtins'); the other number types parse with an unnamed
//! `PyArg_ParseTupleAndKeywords` (`function takes at most 1 argument (2
//! given)`), `np.bool_`, `np.void` and `np.dtype` with a named one.

use crate::engine::dtype::DType;

use super::builtin_signatures::builtin_entry;
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::TypeObj;

const UNNAMED: Style = Style::CArgs { named: false };
const NAMED: Style = Style::CArgs { named: true };

/// Integers, `float16`, `float32`: one unnamed positional argument.
const NUMBER: Entry = func("number(x=<no value>, /)", UNNAMED, "x", Writes::Nothing);
/// `complex64`, `complex128`: a real and an imaginary part, unnamed.
const COMPLEX: Entry = func(
    "complex(real=<no value>, imag=<no value>, /)",
    UNNAMED,
    "real imag",
    Writes::Nothing,
);
const BOOL: Entry = func("bool_(x=<no value>, /)", NAMED, "x", Writes::Nothing);
/// `np.bytes_` is Python's `bytes`; slicelab reads the source only.
const BYTES: Entry = func(
    "bytes(source=<no value>, encoding=<no value>, errors=<no value>)",
    NAMED,
    "source",
    Writes::Nothing,
);
const VOID: Entry = func(
    "void(length_or_data, /, dtype=None)",
    NAMED,
    "length_or_data dtype",
    Writes::Nothing,
);
/// `copy=True` makes a new dtype object equal to the old: nothing to model.
const DTYPE: Entry = func(
    "dtype(dtype, align=False, copy=False, metadata=None)",
    NAMED,
    "dtype align copy",
    Writes::Nothing,
);

/// The entry a call of type `t` is bound against, for the NumPy types
/// constructed in `numpy.rs` (`datetime64`/`timedelta64` bind themselves).
pub fn type_entry(t: &TypeObj) -> Option<&'static Entry> {
    match t {
        TypeObj::DTypeClass => Some(&DTYPE),
        TypeObj::Void => Some(&VOID),
        TypeObj::NpStr => builtin_entry("str"),
        TypeObj::NpScalar(dt) => match dt {
            DType::Float64 => builtin_entry("float"),
            DType::Bool => Some(&BOOL),
            DType::Bytes(_) => Some(&BYTES),
            DType::Complex64 | DType::Complex128 => Some(&COMPLEX),
            DType::Time(..) | DType::Object => None,
            _ => Some(&NUMBER),
        },
        _ => None,
    }
}
