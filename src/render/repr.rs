//! `repr(array)` and `str(array)`: NumPy's `array2string` and `_formatArray`
//! (non-legacy mode), with summarisation and line wrapping.

use crate::engine::dtype::DType;
use crate::engine::scalar::Scalar;

use super::dtype_repr::{dtype_short_repr, shape_tuple};
use super::elemfmt::ElemFormat;
use super::scalar_repr::{scalar_repr, scalar_str};
use super::{ElementSource, PrintOptions};

/// The elements that will be printed: per axis the kept positions, and the
/// values in C order over them.
struct Shown {
    shape: Vec<usize>,
    summarised: Vec<bool>,
    values: Vec<Scalar>,
}

impl Shown {
    fn gather(a: &dyn ElementSource, summarise: bool, edge: usize) -> Shown {
        let full = a.shape();
        let mut sel: Vec<Vec<usize>> = Vec::with_capacity(full.len());
        let mut summarised = Vec::with_capacity(full.len());
        for &n in full {
            if summarise && n > 2 * edge {
                // NumPy always prints an axis's last entry, even with
                // `edgeitems=0` (`array([..., 9], shape=(10,))`).
                sel.push((0..edge).chain(n - edge.max(1)..n).collect());
                summarised.push(true);
            } else {
                sel.push((0..n).collect());
                summarised.push(false);
            }
        }
        let shape: Vec<usize> = sel.iter().map(|s| s.len()).collect();
        let total: usize = shape.iter().product();
        let mut values = Vec::with_capacity(total);
        if total > 0 {
            let mut pos = vec![0usize; shape.len()];
            let mut idx: Vec<usize> = sel.iter().map(|s| s[0]).collect();
            loop {
                values.push(a.get(&idx));
                // advance the odometer
                let mut ax = shape.len();
                loop {
                    if ax == 0 {
                        return Shown {
                            shape,
                            summarised,
                            values,
                        };
                    }
                    ax -= 1;
                    pos[ax] += 1;
                    if pos[ax] < shape[ax] {
                        idx[ax] = sel[ax][pos[ax]];
                        break;
                    }
                    pos[ax] = 0;
                    idx[ax] = sel[ax][0];
                }
            }
        }
        Shown {
            shape,
            summarised,
            values,
        }
    }

    fn at(&self, index: &[usize]) -> &Scalar {
        let mut off = 0;
        for (i, &n) in index.iter().zip(&self.shape) {
            off = off * n + i;
        }
        &self.values[off]
    }
}

fn clen(s: &str) -> usize {
    s.chars().count()
}

/// NumPy's `_extendLine_pretty`: a word of several lines (an array
/// inside an object array) is placed as a block, its later lines
/// indented to where it starts.
fn extend_line(s: &mut String, line: &mut String, word: &str, width: isize, next_prefix: &str) {
    let words: Vec<&str> = word.lines().collect();
    if words.len() <= 1 {
        return extend_line_plain(s, line, word, width, next_prefix);
    }
    let longest = words.iter().map(|w| clen(w)).max().unwrap_or(0);
    let indent = if (clen(line) + longest) as isize > width && clen(line) > clen(next_prefix) {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = format!("{next_prefix}{}", words[0]);
        next_prefix.to_string()
    } else {
        let indent = " ".repeat(clen(line));
        line.push_str(words[0]);
        indent
    };
    for w in &words[1..] {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = format!("{indent}{w}");
    }
    let last = words.last().map_or(0, |w| clen(w));
    line.push_str(&" ".repeat(longest - last));
}

/// NumPy's `_extendLine`.
fn extend_line_plain(
    s: &mut String,
    line: &mut String,
    word: &str,
    width: isize,
    next_prefix: &str,
) {
    let mut wrap = (clen(line) + clen(word)) as isize > width;
    if clen(line) <= clen(next_prefix) {
        wrap = false;
    }
    if wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = next_prefix.to_string();
    }
    line.push_str(word);
}

struct Formatter<'a> {
    shown: &'a Shown,
    fmt: &'a ElemFormat,
    separator: &'a str,
    edge: usize,
}

impl Formatter<'_> {
    fn recurse(&self, index: &mut Vec<usize>, hanging: &str, width: isize) -> String {
        let axis = index.len();
        let ndim = self.shown.shape.len();
        if axis == ndim {
            return self.fmt.format(self.shown.at(index));
        }
        let axes_left = ndim - axis;
        let next_hanging = format!("{hanging} ");
        let next_width = width - 1;
        let n = self.shown.shape[axis];
        let summary = self.shown.summarised[axis];
        let (leading, trailing) = if summary {
            (self.edge, self.edge)
        } else {
            (0, n)
        };
        let mut s = String::new();
        let child = |index: &mut Vec<usize>, i: usize| {
            index.push(i);
            let r = self.recurse(index, &next_hanging, next_width);
            index.pop();
            r
        };
        if axes_left == 1 {
            let sep_len = clen(self.separator.trim_end()).max(1) as isize;
            let elem_width = width - sep_len;
            let mut line = hanging.to_string();
            for i in 0..leading {
                let word = child(index, i);
                extend_line(&mut s, &mut line, &word, elem_width, hanging);
                line.push_str(self.separator);
            }
            if summary {
                extend_line(&mut s, &mut line, "...", elem_width, hanging);
                line.push_str(self.separator);
            }
            for i in (2..=trailing).rev() {
                let word = child(index, n - i);
                extend_line(&mut s, &mut line, &word, elem_width, hanging);
                line.push_str(self.separator);
            }
            let word = child(index, n - 1);
            extend_line(&mut s, &mut line, &word, elem_width, hanging);
            s.push_str(&line);
        } else {
            let line_sep = format!(
                "{}{}",
                self.separator.trim_end(),
                "\n".repeat(axes_left - 1)
            );
            for i in 0..leading {
                let nested = child(index, i);
                s.push_str(hanging);
                s.push_str(&nested);
                s.push_str(&line_sep);
            }
            if summary {
                s.push_str(hanging);
                s.push_str("...");
                s.push_str(&line_sep);
            }
            for i in (2..=trailing).rev() {
                let nested = child(index, n - i);
                s.push_str(hanging);
                s.push_str(&nested);
                s.push_str(&line_sep);
            }
            let nested = child(index, n - 1);
            s.push_str(hanging);
            s.push_str(&nested);
        }
        let body: String = s.chars().skip(clen(hanging)).collect();
        format!("[{body}]")
    }
}

fn size_of(a: &dyn ElementSource) -> usize {
    a.shape().iter().product()
}

/// NumPy's `array2string` body (no dtype/shape suffix).
fn array2string(
    a: &dyn ElementSource,
    opts: &PrintOptions,
    separator: &str,
    prefix: &str,
    linewidth: usize,
) -> String {
    array2string_as(a, opts, separator, prefix, linewidth, false)
}

/// `array2string` with the elements either formatted by their dtype or,
/// `raw`, taken as the text they hold (`Scalar::Str`), as an object
/// array's elements print: no padding, no shared layout.
fn array2string_as(
    a: &dyn ElementSource,
    opts: &PrintOptions,
    separator: &str,
    prefix: &str,
    linewidth: usize,
    raw: bool,
) -> String {
    let size = size_of(a);
    if size == 0 {
        return "[]".into();
    }
    let summarise = size > opts.threshold;
    let shown = Shown::gather(a, summarise, opts.edgeitems);
    let fmt = if raw {
        ElemFormat::Raw
    } else {
        ElemFormat::build(a.dtype(), &shown.values, a.shape().is_empty(), opts, false)
    };
    let next_prefix = format!(" {}", " ".repeat(clen(prefix)));
    let f = Formatter {
        shown: &shown,
        fmt: &fmt,
        separator,
        edge: opts.edgeitems,
    };
    f.recurse(&mut Vec::new(), &next_prefix, linewidth as isize)
}

fn dtype_is_implied(dt: &DType) -> bool {
    !dt.is_swapped()
        && matches!(
            dt.native(),
            DType::Int64 | DType::Float64 | DType::Complex128 | DType::Bool
        )
}

/// `np.array2string(a, separator=, prefix=, suffix=)`: the body alone;
/// `prefix` only sets the indent of wrapped lines, as in NumPy.
pub fn array2string_with(
    a: &dyn ElementSource,
    opts: &PrintOptions,
    separator: &str,
    prefix: &str,
    suffix: &str,
) -> String {
    let width = opts.linewidth.saturating_sub(clen(suffix));
    array2string(a, opts, separator, prefix, width)
}

/// `np.array2string` of an object array whose elements are already text
/// (`Scalar::Str`): `np.ma`'s data with `--` in masked slots.
pub fn object_array2string(
    a: &dyn ElementSource,
    opts: &PrintOptions,
    separator: &str,
    prefix: &str,
    suffix: &str,
) -> String {
    let width = opts.linewidth.saturating_sub(clen(suffix));
    array2string_as(a, opts, separator, prefix, width, true)
}

/// `str()` of such an object array: a 0-d one prints as its element.
pub fn object_array_str(a: &dyn ElementSource, opts: &PrintOptions) -> String {
    if a.shape().is_empty() {
        return match a.get(&[]) {
            Scalar::Str(s) => s,
            _ => String::new(),
        };
    }
    array2string_as(a, opts, " ", "", opts.linewidth, true)
}

/// `repr(arr)`: `array([1, 2, 3])`, with `shape=` and `dtype=` suffixes
/// where NumPy adds them.
pub fn array_repr(a: &dyn ElementSource, opts: &PrintOptions) -> String {
    array_repr_as(a, opts, false)
}

/// `repr()` of an object array whose elements are already text
/// (`Scalar::Str`, each element's Python repr): no padding.
pub fn object_array_repr(a: &dyn ElementSource, opts: &PrintOptions) -> String {
    if a.shape().is_empty() {
        let text = match a.get(&[]) {
            Scalar::Str(s) => s,
            _ => String::new(),
        };
        // The `dtype=` goes to its own line past the line width, as
        // `_array_repr_implementation` puts it for any array.
        let arr_str = format!("array({text},");
        let extra_str = format!("dtype={})", dtype_short_repr(a.dtype()));
        let last_line = arr_str.rsplit('\n').next().unwrap_or("");
        let spacer = if clen(last_line) + clen(&extra_str) + 1 > opts.linewidth {
            "\n      "
        } else {
            " "
        };
        return format!("{arr_str}{spacer}{extra_str}");
    }
    array_repr_as(a, opts, true)
}

/// `repr()` of an array whose elements are the texts a formatter made
/// (`np.set_printoptions(formatter=)`): no padding, the array's own
/// `dtype=` suffix.
pub fn formatted_array_repr(a: &dyn ElementSource, opts: &PrintOptions) -> String {
    array_repr_as(a, opts, true)
}

/// `repr()` of an ndarray subclass: NumPy's array repr with the class's
/// name in place of `array` (`matrix([[1, 2]])`).
pub fn subclass_array_repr(a: &dyn ElementSource, opts: &PrintOptions, class: &str) -> String {
    repr_named(a, opts, false, &format!("{class}("))
}

fn array_repr_as(a: &dyn ElementSource, opts: &PrintOptions, raw: bool) -> String {
    repr_named(a, opts, raw, "array(")
}

fn repr_named(a: &dyn ElementSource, opts: &PrintOptions, raw: bool, prefix: &str) -> String {
    let lst = array2string_as(a, opts, ", ", prefix, opts.linewidth.saturating_sub(1), raw);
    let size = size_of(a);
    let shape = a.shape();
    let mut extras = Vec::new();
    // `shape=` for a summarised array is new in NumPy 2.2's own style
    // (every legacy mode, even '2.2', leaves it out).
    let summarised = size > opts.threshold && opts.legacy > 210;
    if (size == 0 && shape != [0]) || summarised {
        extras.push(format!("shape={}", shape_tuple(shape)));
    }
    if !dtype_is_implied(a.dtype()) || size == 0 {
        extras.push(format!("dtype={}", dtype_short_repr(a.dtype())));
    }
    if extras.is_empty() {
        return format!("{prefix}{lst})");
    }
    let arr_str = format!("{prefix}{lst},");
    let extra_str = format!("{})", extras.join(", "));
    let last_line = arr_str.rsplit('\n').next().unwrap_or("");
    let spacer = if clen(last_line) + clen(&extra_str) + 1 > opts.linewidth {
        format!("\n{}", " ".repeat(clen(prefix)))
    } else {
        " ".to_string()
    };
    format!("{arr_str}{spacer}{extra_str}")
}

/// `str(arr)`, what `print(arr)` writes: `[1 2 3]`; a 0-d array prints as
/// its scalar.
pub fn array_str(a: &dyn ElementSource, opts: &PrintOptions) -> String {
    if a.shape().is_empty() {
        let v = a.get(&[]);
        return match v {
            Scalar::Bytes(_) => scalar_repr(a.dtype(), &v),
            _ => scalar_str(a.dtype(), &v),
        };
    }
    array2string(a, opts, " ", "", opts.linewidth)
}
