//! One element's value, detached from any buffer: what indexing a single
//! cell yields and what the printer formats. Which NumPy scalar type it is
//! comes from the dtype carried beside it, not from the variant.

/// The value of one element.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// A bool element.
    Bool(bool),
    /// A signed integer element of any width.
    Int(i64),
    /// An unsigned integer element of any width.
    UInt(u64),
    /// A float16/32/64 element, widened exactly to f64.
    Float(f64),
    /// A complex element (real, imaginary).
    Complex(f64, f64),
    /// A `U` element with trailing NULs stripped.
    Str(String),
    /// An `S` element with trailing NULs stripped.
    Bytes(Vec<u8>),
    /// A structured element: one value per field, in field order. A
    /// sub-array field holds its elements flattened in C order.
    Record(Vec<Scalar>),
    /// An object element: the id of its reference in `engine/object.rs`'s
    /// arena. Only the object-aware code in `eval` turns it into a value.
    Object(u64),
}

impl Scalar {
    /// NumPy's truth of one element (`nonzero`, `count_nonzero`, the
    /// logical loops): a number when it is not zero (NaN and NaT are
    /// true), a complex when either part is, a string or raw bytes when
    /// any character or byte is not NUL, a record when any field is.
    pub fn is_nonzero(&self) -> bool {
        match self {
            Scalar::Bool(b) => *b,
            Scalar::Int(i) => *i != 0,
            Scalar::UInt(u) => *u != 0,
            Scalar::Float(f) => *f != 0.0,
            Scalar::Complex(re, im) => *re != 0.0 || *im != 0.0,
            Scalar::Str(t) => t.chars().any(|c| c != '\0'),
            Scalar::Bytes(b) => b.iter().any(|&x| x != 0),
            Scalar::Record(items) => items.iter().any(Scalar::is_nonzero),
            // References are judged in `eval`, which can ask the object.
            Scalar::Object(_) => true,
        }
    }
}
