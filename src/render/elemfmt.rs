//! Per-element formatters built over all the values to print, as NumPy's
//! `IntegerFormat`, `BoolFormat`, `FloatingFormat`, `ComplexFloatingFormat`,
//! `StructuredVoidFormat` and `SubArrayFormat`.

use crate::engine::dtype::DType;
use crate::engine::element::scalar_as_f64;
use crate::engine::scalar::Scalar;

use super::PrintOptions;
use super::floatfmt::{FloatKind, FloatingFormat, Trim, float_scalar_str};
use super::scalar_repr::{float_kind, py_bytes_repr, py_str_repr};

/// A formatter for the elements of one column of values.
#[derive(Debug, Clone)]
pub enum ElemFormat {
    /// `True`/`False`, with `True` padded to five characters unless 0-d.
    Bool {
        /// Pad `True` to ` True`.
        pad: bool,
    },
    /// Integers right-aligned to a common width.
    Int {
        /// Total width.
        width: usize,
        /// `'-'`, `'+'` or `' '`.
        sign: char,
    },
    /// Floats with a shared layout.
    Float(Box<FloatingFormat>),
    /// Floats printed as their scalar `str` (void scalars' `float_kind=str`).
    FloatStr(FloatKind),
    /// Complex: real and imaginary layouts.
    Complex(Box<FloatingFormat>, Box<FloatingFormat>),
    /// Python repr of the text.
    Str,
    /// Text already formatted by the caller (the elements of an object
    /// array, as `np.ma`'s printing makes: each element's repr or `--`).
    Raw,
    /// Python repr of the bytes.
    Bytes,
    /// An unstructured void's bytes, each as `\xNN`.
    Void,
    /// datetime64 (`unit` set) or timedelta64 values, right-aligned to a
    /// common width, NaT as `'NaT'` (NumPy's `_TimelikeFormat`).
    Time {
        /// The datetime unit; `None` for a timedelta (printed as its count).
        unit: Option<crate::engine::datetime::TimeUnit>,
        /// Total width.
        width: usize,
    },
    /// One formatter per field, with the field's sub-array shape.
    Record(Vec<(ElemFormat, Vec<usize>)>, usize, usize),
}

fn as_i128(v: &Scalar) -> i128 {
    match v {
        Scalar::Int(i) => *i as i128,
        Scalar::UInt(u) => *u as i128,
        Scalar::Bool(b) => *b as i128,
        Scalar::Float(f) => *f as i128,
        _ => 0,
    }
}

impl ElemFormat {
    /// Build a formatter for `dtype` from every value that will be printed.
    /// `zero_d` marks a 0-d array; `float_as_str` formats floats as scalar
    /// strs (used for void scalars).
    pub fn build(
        dtype: &DType,
        values: &[Scalar],
        zero_d: bool,
        opts: &PrintOptions,
        float_as_str: bool,
    ) -> ElemFormat {
        match dtype {
            // Byte order does not change how values print.
            DType::Ordered(inner, _) => {
                ElemFormat::build(inner, values, zero_d, opts, float_as_str)
            }
            DType::Bool => ElemFormat::Bool { pad: !zero_d },
            d if d.is_integer() => {
                let mut sign = opts.sign;
                if values.is_empty() {
                    return ElemFormat::Int { width: 0, sign };
                }
                let ints: Vec<i128> = values.iter().map(as_i128).collect();
                let max = *ints.iter().max().unwrap_or(&0);
                let min = *ints.iter().min().unwrap_or(&0);
                let mut max_len = max.to_string().len();
                if sign == ' ' && min < 0 {
                    sign = '-';
                }
                if max >= 0 && (sign == '+' || sign == ' ') {
                    max_len += 1;
                }
                let width = max_len.max(min.to_string().len());
                ElemFormat::Int { width, sign }
            }
            DType::Float16 | DType::Float32 | DType::Float64 => {
                if float_as_str {
                    return ElemFormat::FloatStr(float_kind(dtype));
                }
                let xs: Vec<f64> = values.iter().map(scalar_as_f64).collect();
                ElemFormat::Float(Box::new(FloatingFormat::new(
                    &xs,
                    float_kind(dtype),
                    opts,
                    opts.sign,
                )))
            }
            DType::Complex64 | DType::Complex128 => {
                let (re, im): (Vec<f64>, Vec<f64>) = values
                    .iter()
                    .map(|v| match v {
                        Scalar::Complex(r, i) => (*r, *i),
                        other => (scalar_as_f64(other), 0.0),
                    })
                    .unzip();
                let k = float_kind(dtype);
                ElemFormat::Complex(
                    Box::new(FloatingFormat::new(&re, k, opts, opts.sign)),
                    Box::new(FloatingFormat::new(&im, k, opts, '+')),
                )
            }
            DType::Time(u, delta) => {
                let unit = (!*delta).then_some(*u);
                let ints: Vec<i64> = values
                    .iter()
                    .filter_map(|v| match v {
                        Scalar::Int(i) if *i != crate::engine::datetime::NAT => Some(*i),
                        _ => None,
                    })
                    .collect();
                let probe = ElemFormat::Time { unit, width: 0 };
                // NumPy measures only the largest and smallest values.
                let mut width = match (ints.iter().max(), ints.iter().min()) {
                    (Some(&hi), Some(&lo)) => probe
                        .format(&Scalar::Int(hi))
                        .len()
                        .max(probe.format(&Scalar::Int(lo)).len()),
                    _ => 0,
                };
                if ints.len() < values.len() {
                    width = width.max(5);
                }
                ElemFormat::Time { unit, width }
            }
            DType::Str(_) => ElemFormat::Str,
            DType::Bytes(_) => ElemFormat::Bytes,
            DType::Record(r) if r.fields().is_empty() => ElemFormat::Void,
            DType::Record(r) => {
                let mut fields = Vec::new();
                for (i, f) in r.fields().iter().enumerate() {
                    let mut column = Vec::new();
                    for v in values {
                        match v {
                            Scalar::Record(items) => match items.get(i) {
                                Some(Scalar::Record(sub)) if !f.shape.is_empty() => {
                                    column.extend(sub.iter().cloned())
                                }
                                Some(x) => column.push(x.clone()),
                                None => {}
                            },
                            other => column.push(other.clone()),
                        }
                    }
                    let zd = zero_d && f.shape.is_empty();
                    let ff = ElemFormat::build(&f.dtype, &column, zd, opts, float_as_str);
                    fields.push((ff, f.shape.clone()));
                }
                ElemFormat::Record(fields, opts.threshold, opts.edgeitems)
            }
            _ => ElemFormat::Str,
        }
    }

    /// Format one value.
    pub fn format(&self, v: &Scalar) -> String {
        match self {
            ElemFormat::Time { unit, width } => {
                let i = match v {
                    Scalar::Int(i) => *i,
                    _ => crate::engine::datetime::NAT,
                };
                let text = if i == crate::engine::datetime::NAT {
                    "'NaT'".to_string()
                } else {
                    match unit {
                        Some(u) => format!(
                            "'{}'",
                            crate::engine::datetime::datetime_text(*u, i)
                                .unwrap_or_else(|_| "NaT".into())
                        ),
                        None => i.to_string(),
                    }
                };
                format!("{text:>width$}")
            }
            ElemFormat::Bool { pad } => match v {
                Scalar::Bool(true) if *pad => " True".into(),
                Scalar::Bool(true) => "True".into(),
                _ => "False".into(),
            },
            ElemFormat::Int { width, sign } => {
                let x = as_i128(v);
                let s = if x >= 0 && *sign == '+' {
                    format!("+{x}")
                } else if x >= 0 && *sign == ' ' {
                    format!(" {x}")
                } else {
                    x.to_string()
                };
                format!("{s:>width$}")
            }
            ElemFormat::Float(f) => f.format(scalar_as_f64(v)),
            ElemFormat::FloatStr(k) => float_scalar_str(scalar_as_f64(v), *k, Trim::Zero, false),
            ElemFormat::Complex(re, im) => {
                let (r, i) = match v {
                    Scalar::Complex(r, i) => (*r, *i),
                    other => (scalar_as_f64(other), 0.0),
                };
                let r = re.format(r);
                let i = im.format(i);
                let t = i.trim_end();
                format!("{r}{t}j{}", &i[t.len()..])
            }
            ElemFormat::Raw => match v {
                Scalar::Str(s) => s.clone(),
                _ => String::new(),
            },
            ElemFormat::Str => match v {
                Scalar::Str(s) => py_str_repr(s),
                Scalar::Bytes(b) => py_bytes_repr(b),
                _ => String::new(),
            },
            ElemFormat::Void => match v {
                Scalar::Bytes(b) => super::scalar_repr::void_bytes_repr(b),
                _ => String::new(),
            },
            ElemFormat::Bytes => match v {
                Scalar::Bytes(b) => py_bytes_repr(b),
                Scalar::Str(s) => py_str_repr(s),
                _ => String::new(),
            },
            ElemFormat::Record(fields, threshold, edge) => {
                let items: &[Scalar] = match v {
                    Scalar::Record(items) => items,
                    other => std::slice::from_ref(other),
                };
                let strs: Vec<String> = fields
                    .iter()
                    .zip(items)
                    .map(|((ff, shape), x)| {
                        if shape.is_empty() {
                            ff.format(x)
                        } else {
                            let flat: &[Scalar] = match x {
                                Scalar::Record(sub) => sub,
                                other => std::slice::from_ref(other),
                            };
                            let summarise = flat.len() > *threshold;
                            sub_array(ff, flat, shape, summarise, *edge)
                        }
                    })
                    .collect();
                if strs.len() == 1 {
                    format!("({},)", strs[0])
                } else {
                    format!("({})", strs.join(", "))
                }
            }
        }
    }
}

/// NumPy's `SubArrayFormat`: nested `[a, b]` lists of a C-ordered block.
fn sub_array(
    ff: &ElemFormat,
    flat: &[Scalar],
    shape: &[usize],
    summarise: bool,
    edge: usize,
) -> String {
    if shape.is_empty() {
        return flat.first().map(|x| ff.format(x)).unwrap_or_default();
    }
    let n = shape[0];
    let inner: usize = shape[1..].iter().product();
    let part = |i: usize| {
        let lo = (i * inner).min(flat.len());
        let hi = ((i + 1) * inner).min(flat.len());
        sub_array(ff, &flat[lo..hi], &shape[1..], summarise, edge)
    };
    let items: Vec<String> = if summarise && n > 2 * edge {
        (0..edge)
            .map(part)
            .chain(std::iter::once("...".to_string()))
            .chain((n - edge..n).map(part))
            .collect()
    } else {
        (0..n).map(part).collect()
    };
    format!("[{}]", items.join(", "))
}
