//! genfromtxt's `LineSplitter`: the comment cut, then fields split at a
//! delimiter (a str, or whitespace), cut at a fixed width (an int), or
//! cut at the widths of a sequence of ints; with `autostrip` each field
//! stripped.

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use crate::eval::coerce::int_arg;
use crate::eval::protocol::iterate;

/// How a line is cut into fields.
pub(super) enum Splitter {
    /// At runs of whitespace (`delimiter=None`, `''` or `0`).
    Whitespace,
    /// At each occurrence of the str.
    At(String),
    /// Every so many characters.
    Fixed(usize),
    /// At the running sums of the widths; `exact_past_end` when a field
    /// reaching past a line's end reads the same with or without the
    /// newline Python's line still has there (numbers, not text).
    Widths(Vec<usize>, bool),
}

fn refuse_width() -> PyError {
    PyError::new(
        "NotImplementedError",
        "slicelab's np.genfromtxt takes field widths of 1 or more",
    )
}

impl Splitter {
    /// `LineSplitter.__init__`'s reading of `delimiter=`.
    /// `text` says whether a field may be read as text (str, bytes, bool
    /// through `str2bool`, or types still to be inferred), where a
    /// newline would show.
    pub(super) fn new(delimiter: Option<&Value>, text: bool) -> PyResult<Splitter> {
        Ok(match delimiter {
            None | Some(Value::None) => Splitter::Whitespace,
            Some(Value::Str(d)) if d.is_empty() => Splitter::Whitespace,
            Some(Value::Str(d)) => Splitter::At(d.to_string()),
            Some(Value::Bytes(b)) if b.is_empty() => Splitter::Whitespace,
            Some(Value::Bytes(b)) => Splitter::At(crate::engine::element::latin1_text(b)),
            Some(v @ (Value::List(_) | Value::Tuple(_))) => Splitter::Widths(
                iterate(v)?
                    .iter()
                    .map(|w| {
                        usize::try_from(int_arg(w, "")?)
                            .ok()
                            .filter(|&w| w > 0)
                            .ok_or_else(refuse_width)
                    })
                    .collect::<PyResult<_>>()?,
                !text,
            ),
            Some(v) => match int_arg(v, "")? {
                0 => Splitter::Whitespace,
                n => Splitter::Fixed(usize::try_from(n).map_err(|_| refuse_width())?),
            },
        })
    }

    /// The fields of `line` (without its line end).
    pub(super) fn split(
        &self,
        line: &str,
        comments: Option<&str>,
        autostrip: bool,
    ) -> PyResult<Vec<String>> {
        let mut line = line;
        if let Some(c) = comments
            && let Some(at) = line.find(c)
        {
            line = &line[..at];
        }
        let fields: Vec<String> = match self {
            Splitter::Whitespace | Splitter::At(_) => {
                let line = line.trim_matches([' ', '\r', '\n']);
                if line.is_empty() {
                    return Ok(Vec::new());
                }
                match self {
                    Splitter::At(d) => line.split(d.as_str()).map(str::to_string).collect(),
                    _ => line.split_whitespace().map(str::to_string).collect(),
                }
            }
            Splitter::Fixed(n) => {
                let chars: Vec<char> = line.trim_matches(['\r', '\n']).chars().collect();
                chars.chunks(*n).map(|c| c.iter().collect()).collect()
            }
            Splitter::Widths(widths, exact_past_end) => {
                if line.is_empty() {
                    return Ok(Vec::new());
                }
                let chars: Vec<char> = line.chars().collect();
                let mut at = 0;
                let mut out = Vec::with_capacity(widths.len());
                for w in widths {
                    // Python's line still ends in its newline here, which
                    // a field reaching past the text would take.
                    if at + w > chars.len() && !autostrip && !exact_past_end {
                        return Err(PyError::new(
                            "NotImplementedError",
                            "slicelab's np.genfromtxt does not cut a text field past the end of a line without autostrip=True",
                        ));
                    }
                    let end = (at + w).min(chars.len());
                    out.push(chars[at.min(end)..end].iter().collect());
                    at += w;
                }
                out
            }
        };
        Ok(if autostrip {
            fields.iter().map(|f| f.trim().to_string()).collect()
        } else {
            fields
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_cut_lines_as_numpy_slices_them() {
        let fixed = Splitter::Fixed(3);
        assert_eq!(fixed.split("  1  2", None, false).unwrap(), ["  1", "  2"]);
        assert_eq!(fixed.split("1234", None, false).unwrap(), ["123", "4"]);
        let widths = Splitter::Widths(vec![4, 3, 2], false);
        assert_eq!(
            widths.split("123456789", None, false).unwrap(),
            ["1234", "567", "89"]
        );
        assert_eq!(
            widths.split("12345", None, true).unwrap(),
            ["1234", "5", ""]
        );
        assert!(widths.split("12345", None, false).is_err());
        let numbers = Splitter::Widths(vec![4, 3, 2], true);
        assert_eq!(
            numbers.split("12345", None, false).unwrap(),
            ["1234", "5", ""]
        );
    }
}
