//! Errors the engine raises, each worded exactly as NumPy 2.4 words it.
//! `kind()` names the Python exception class a learner sees.

use std::fmt;

use super::buffer::format_size;

/// Something NumPy's C core would refuse. Display is NumPy's message.
#[derive(Debug, Clone, PartialEq)]
pub enum EngineError {
    /// `a[3]` on an axis of size 3.
    IndexOutOfBounds {
        /// The index as written.
        index: i64,
        /// The axis indexed.
        axis: usize,
        /// That axis' length.
        size: usize,
    },
    /// `a[0, 0, 0]` on a 2-d array.
    TooManyIndices {
        /// The array's ndim.
        ndim: usize,
        /// How many dimensions the index used.
        used: usize,
    },
    /// `a[..., ..., 0]`.
    MultipleEllipsis,
    /// An index of a type NumPy does not accept (`a[1.0]`, `a['x']`).
    InvalidIndexType,
    /// A float array used as an index.
    NonIntegerIndexArray,
    /// Index arrays whose shapes do not broadcast; shapes as NumPy prints them.
    IndexShapeMismatch {
        /// Each index array's shape.
        shapes: Vec<Vec<usize>>,
    },
    /// A boolean index whose length differs from the axis it covers.
    BoolIndexMismatch {
        /// The axis.
        axis: usize,
        /// The axis' length.
        size: usize,
        /// The boolean axis' length.
        bool_size: usize,
    },
    /// `a[::0]`.
    ZeroStep,
    /// A ufunc's output that the inputs' broadcast shape does not fit
    /// (`x += np.ones((2, 1, 3))` on a (2, 3) array); shapes as the
    /// iterator prints them, `(2,3)`.
    NonBroadcastableOutput {
        /// The output's shape.
        out: Vec<usize>,
        /// The shape every operand broadcasts to.
        want: Vec<usize>,
    },
    /// Operands that do not broadcast: `(3,4) (3,) `.
    BroadcastMismatch {
        /// The operands' shapes.
        shapes: Vec<Vec<usize>>,
    },
    /// Setitem value that does not broadcast to the destination.
    CannotBroadcastInput {
        /// The value's shape.
        from: Vec<usize>,
        /// The destination's shape.
        to: Vec<usize>,
    },
    /// Fancy setitem whose value does not broadcast to the index result.
    FancyValueMismatch {
        /// The value's shape.
        value: Vec<usize>,
        /// The indexing result's shape.
        result: Vec<usize>,
    },
    /// Boolean setitem with the wrong number of values.
    BoolAssignCount {
        /// Values given.
        given: usize,
        /// True entries in the mask.
        wanted: usize,
    },
    /// A write to a read-only array.
    ReadOnly,
    /// An in-place operation whose output is read-only.
    OutputReadOnly,
    /// `reshape` to a shape of another size.
    CannotReshape {
        /// The array's size.
        size: usize,
        /// The requested shape; `None` marks the `-1` entry, which NumPy omits.
        shape: Vec<Option<usize>>,
    },
    /// An axis argument out of range.
    AxisOutOfBounds {
        /// The axis as given.
        axis: i64,
        /// The array's ndim.
        ndim: usize,
    },
    /// An allocation that cannot be met.
    OutOfMemory {
        /// Bytes asked for.
        nbytes: u128,
        /// The array's shape.
        shape: Vec<usize>,
        /// The dtype's name.
        dtype: String,
    },
    /// A shape whose byte size overflows.
    ArrayTooBig,
    /// A negative dimension.
    NegativeDimensions,
    /// Any other NumPy error: (Python class, message).
    Other(&'static str, String),
}

impl EngineError {
    /// The Python exception class.
    pub fn kind(&self) -> &'static str {
        use EngineError::*;
        match self {
            IndexOutOfBounds { .. }
            | TooManyIndices { .. }
            | MultipleEllipsis
            | InvalidIndexType
            | NonIntegerIndexArray
            | IndexShapeMismatch { .. }
            | BoolIndexMismatch { .. } => "IndexError",
            AxisOutOfBounds { .. } => "AxisError",
            OutOfMemory { .. } => "MemoryError",
            Other(kind, _) => kind,
            _ => "ValueError",
        }
    }

    /// Shorthand for an error of any class with a message.
    pub fn other(kind: &'static str, message: impl Into<String>) -> EngineError {
        EngineError::Other(kind, message.into())
    }

    /// A `ValueError`.
    pub fn value(message: impl Into<String>) -> EngineError {
        EngineError::Other("ValueError", message.into())
    }

    /// A `TypeError`.
    pub fn type_error(message: impl Into<String>) -> EngineError {
        EngineError::Other("TypeError", message.into())
    }
}

/// A shape as a tuple with `sep` between entries; a 1-tuple keeps its comma.
fn shape_text(shape: &[usize], sep: &str) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(|n| n.to_string()).collect();
            format!("({})", parts.join(sep))
        }
    }
}

/// NumPy's compact shape text in messages: `(3,4)`, `(3,)`, `()`.
pub fn shape_compact(shape: &[usize]) -> String {
    shape_text(shape, ",")
}

/// Python's tuple text for a shape: `(3, 4)`, `(3,)`, `()`.
pub fn shape_tuple(shape: &[usize]) -> String {
    shape_text(shape, ", ")
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use EngineError::*;
        match self {
            IndexOutOfBounds { index, axis, size } => write!(
                f,
                "index {index} is out of bounds for axis {axis} with size {size}"
            ),
            TooManyIndices { ndim, used } => write!(
                f,
                "too many indices for array: array is {ndim}-dimensional, but {used} were indexed"
            ),
            MultipleEllipsis => write!(f, "an index can only have a single ellipsis ('...')"),
            InvalidIndexType => write!(
                f,
                "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices"
            ),
            NonIntegerIndexArray => {
                write!(
                    f,
                    "arrays used as indices must be of integer (or boolean) type"
                )
            }
            IndexShapeMismatch { shapes } => {
                write!(
                    f,
                    "shape mismatch: indexing arrays could not be broadcast together with shapes "
                )?;
                for s in shapes {
                    write!(f, "{} ", shape_compact(s))?;
                }
                Ok(())
            }
            BoolIndexMismatch {
                axis,
                size,
                bool_size,
            } => write!(
                f,
                "boolean index did not match indexed array along axis {axis}; size of axis is {size} but size of corresponding boolean axis is {bool_size}"
            ),
            ZeroStep => write!(f, "slice step cannot be zero"),
            NonBroadcastableOutput { out, want } => write!(
                f,
                "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                shape_compact(out),
                shape_compact(want)
            ),
            BroadcastMismatch { shapes } => {
                write!(f, "operands could not be broadcast together with shapes ")?;
                for s in shapes {
                    write!(f, "{} ", shape_compact(s))?;
                }
                Ok(())
            }
            CannotBroadcastInput { from, to } => write!(
                f,
                "could not broadcast input array from shape {} into shape {}",
                shape_compact(from),
                shape_compact(to)
            ),
            FancyValueMismatch { value, result } => write!(
                f,
                "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
                shape_compact(value),
                shape_compact(result)
            ),
            BoolAssignCount { given, wanted } => write!(
                f,
                "NumPy boolean array indexing assignment cannot assign {given} input values to the {wanted} output values where the mask is true"
            ),
            ReadOnly => write!(f, "assignment destination is read-only"),
            OutputReadOnly => write!(f, "output array is read-only"),
            CannotReshape { size, shape } => {
                // NumPy's convert_shape_to_string: leading -1s are dropped,
                // later ones print as `newaxis`, and only a one-entry shape
                // gets the tuple comma.
                let first = shape.iter().position(|d| d.is_some());
                let text = match first {
                    None => "()".to_string(),
                    Some(i) => {
                        let mut t = format!("({}", shape[i].unwrap_or(0));
                        for d in &shape[i + 1..] {
                            match d {
                                Some(n) => t.push_str(&format!(",{n}")),
                                None => t.push_str(",newaxis"),
                            }
                        }
                        t.push_str(if shape.len() == 1 { ",)" } else { ")" });
                        t
                    }
                };
                write!(f, "cannot reshape array of size {size} into shape {text}")
            }
            AxisOutOfBounds { axis, ndim } => write!(
                f,
                "axis {axis} is out of bounds for array of dimension {ndim}"
            ),
            OutOfMemory {
                nbytes,
                shape,
                dtype,
            } => write!(
                f,
                "Unable to allocate {} for an array with shape {} and data type {dtype}",
                format_size(*nbytes),
                shape_tuple(shape)
            ),
            ArrayTooBig => write!(
                f,
                "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."
            ),
            NegativeDimensions => write!(f, "negative dimensions are not allowed"),
            Other(_, message) => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for EngineError {}

/// Python's `repr(bytes)` (`b'ab'`, `b'a\x00'`): NumPy's messages quote
/// bytes values this way, and the renderer prints them so.
pub fn bytes_literal(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = format!("b{quote}");
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

/// Python's `repr(str)`: single quotes unless the text holds `'` and no
/// `"`. NumPy's messages quote text this way, and the renderer prints it so.
pub fn str_literal(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !is_printable(c) => out.push_str(&escape_char(c)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's escape for a character `repr` does not show: `\x1b`,
/// `\u2028`, `\U000e0001`.
pub fn escape_char(c: char) -> String {
    match c {
        '\n' => return "\\n".into(),
        '\t' => return "\\t".into(),
        '\r' => return "\\r".into(),
        _ => {}
    }
    match c as u32 {
        n @ 0..=0xff => format!("\\x{n:02x}"),
        n @ 0x100..=0xffff => format!("\\u{n:04x}"),
        n => format!("\\U{n:08x}"),
    }
}

/// Python's `str.isprintable` for one character, for the characters that
/// matter on a terminal: controls (C0, DEL, C1), format characters (bidi
/// overrides, zero-width marks), separators other than the space, and
/// private-use code points are not printable. (Unassigned code points,
/// which Python also escapes, are shown.)
pub fn is_printable(c: char) -> bool {
    let n = c as u32;
    let not = matches!(n,
        0..=0x1f | 0x7f..=0xa0 | 0xad
        | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x890..=0x891 | 0x8e2 | 0x180e
        | 0x1680 | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x2064 | 0x2066..=0x206f
        | 0x3000 | 0xd800..=0xf8ff | 0xfeff | 0xfff9..=0xfffb
        | 0x110bd | 0x110cd | 0x13430..=0x1343f | 0x1bca0..=0x1bca3 | 0x1d173..=0x1d17a
        | 0xe0001 | 0xe0020..=0xe007f | 0xf0000..);
    !not
}
