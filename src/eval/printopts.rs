//! NumPy's printing controls: `np.set_printoptions`, `np.get_printoptions`,
//! `np.array2string`, `np.array_repr` and `np.array_str`, with the checks
//! of `arrayprint._make_options_dict`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::array::Snapshot;
use crate::render::PrintOptions;

use super::error::{PyError, PyResult};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::convert::as_array;
use crate::eval::protocol::truthy;

/// `set_printoptions`' positional order.
const POSITIONAL: &[&str] = &[
    "precision",
    "threshold",
    "edgeitems",
    "linewidth",
    "suppress",
    "nanstr",
    "infstr",
    "formatter",
    "sign",
    "floatmode",
];

fn bad_kw(func: &str, name: &str) -> PyError {
    PyError::type_error(format!(
        "{func}() got an unexpected keyword argument '{name}'"
    ))
}

fn count(v: &Value, what: &str) -> PyResult<usize> {
    match v {
        Value::Int(i) => Ok((*i).clamp(0, usize::MAX as i128) as usize),
        Value::Bool(b) => Ok(*b as usize),
        Value::NpScalar(..) | Value::Float(_) => {
            let f = crate::eval::coerce::float_arg(v)?;
            Ok(if f.is_infinite() && f > 0.0 {
                usize::MAX
            } else {
                f.max(0.0) as usize
            })
        }
        other => Err(PyError::type_error(format!(
            "'{}' object cannot be interpreted as an integer{what}",
            other.type_name()
        ))),
    }
}

/// Apply one option; `name` is NumPy's option name. `None` leaves an
/// option as it is, as in NumPy.
fn apply(o: &mut PrintOptions, name: &str, v: &Value, func: &str) -> PyResult<()> {
    if matches!(v, Value::None) {
        return Ok(());
    }
    // NumPy keeps a negative count and fails (or prints oddly) later;
    // slicelab's options hold counts, so it says so now.
    if matches!(
        name,
        "precision" | "threshold" | "edgeitems" | "linewidth" | "max_line_width"
    ) && crate::eval::coerce::float_arg(v).is_ok_and(|x| x < 0.0)
    {
        return Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not take a negative {name}"),
        ));
    }
    match name {
        "precision" => match v {
            Value::Int(_) | Value::Bool(_) => o.precision = count(v, "")?,
            Value::NpScalar(dt, _) if dt.is_integer() => o.precision = count(v, "")?,
            _ => return Err(PyError::type_error("precision must be an integer")),
        },
        "threshold" => match v {
            Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::NpScalar(..) => {
                if crate::eval::coerce::float_arg(v)?.is_nan() {
                    return Err(PyError::value(
                        "threshold must be non-NAN, try sys.maxsize for untruncated representation",
                    ));
                }
                o.threshold = count(v, "")?;
            }
            _ => return Err(PyError::type_error("threshold must be numeric")),
        },
        "edgeitems" => o.edgeitems = count(v, "")?,
        "linewidth" | "max_line_width" => o.linewidth = count(v, "")?,
        "suppress" | "suppress_small" => o.suppress = truthy(v)?,
        "sign" => match v {
            Value::Str(s) if matches!(s.as_ref(), "-" | "+" | " ") => {
                o.sign = s.chars().next().unwrap_or('-')
            }
            _ => {
                return Err(PyError::value(
                    "sign option must be one of ' ', '+', or '-'",
                ));
            }
        },
        "floatmode" => match v {
            Value::Str(s)
                if matches!(s.as_ref(), "fixed" | "unique" | "maxprec" | "maxprec_equal") =>
            {
                o.floatmode = s.to_string()
            }
            _ => {
                return Err(PyError::value(
                    "floatmode option must be one of \"fixed\", \"unique\", \"maxprec\", \"maxprec_equal\"",
                ));
            }
        },
        "nanstr" | "infstr" => {
            let text = super::display::str_of(v, o);
            if name == "nanstr" {
                o.nanstr = text;
            } else {
                o.infstr = text;
            }
        }
        "legacy" => o.legacy = legacy_mode(v)?,
        // Kept by the caller: it holds Python functions, which the render
        // layer's options cannot (`print_formatter.rs` applies it).
        "formatter" => {}
        "override_repr" => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab does not support override_repr= (it takes Python functions)",
            ));
        }
        other => return Err(bad_kw(func, other)),
    }
    Ok(())
}

/// The number NumPy keeps for `legacy=v`: `False` (or a value equal to
/// it, which NumPy deprecates) turns legacy printing off.
fn legacy_mode(v: &Value) -> PyResult<u32> {
    match v {
        Value::Bool(false) => return Ok(crate::render::legacy::OFF),
        Value::Int(0) => {
            super::fp_errors::warn("DeprecationWarning: Passing `legacy=0` is deprecated.".into());
            return Ok(crate::render::legacy::OFF);
        }
        Value::Str(s) => {
            if let Some(mode) = crate::render::legacy::parse(s) {
                return Ok(mode);
            }
        }
        _ => {}
    }
    let what = super::display::repr(v, &PrintOptions::default());
    Err(PyError::new(
        "NotImplementedError",
        format!(
            "slicelab prints in NumPy 2's own style and the legacy modes '1.21', '1.25', '2.1' and '2.2', not legacy={what}"
        ),
    ))
}

/// `np.set_printoptions(...)`. `formatter` is the session's formatter
/// dict, which every call resets (NumPy: "formatter is always reset").
pub fn set(o: &mut PrintOptions, formatter: &mut Option<Value>, args: &Args) -> PyResult<Value> {
    if args.pos.len() > POSITIONAL.len() {
        return Err(PyError::type_error(format!(
            "set_printoptions() takes from 0 to {} positional arguments but {} were given",
            POSITIONAL.len(),
            args.pos.len()
        )));
    }
    let mut new = o.clone();
    for (name, v) in POSITIONAL.iter().zip(&args.pos) {
        apply(&mut new, name, v, "set_printoptions")?;
    }
    for (k, v) in &args.kw {
        if !POSITIONAL.contains(&k.as_str()) && k != "legacy" && k != "override_repr" {
            return Err(bad_kw("set_printoptions", k));
        }
        apply(&mut new, k, v, "set_printoptions")?;
    }
    *o = new;
    *formatter = args
        .get(7, "formatter")
        .filter(|v| !matches!(v, Value::None))
        .cloned();
    crate::render::legacy::publish(o.legacy);
    Ok(Value::None)
}

fn threshold_value(t: usize) -> Value {
    if t == usize::MAX {
        Value::Float(f64::INFINITY)
    } else {
        Value::Int(t as i128)
    }
}

/// `np.get_printoptions()`: a dict in NumPy's key order.
pub fn get(o: &PrintOptions, formatter: &Option<Value>) -> Value {
    let pairs = vec![
        ("edgeitems", Value::Int(o.edgeitems as i128)),
        ("threshold", threshold_value(o.threshold)),
        ("floatmode", Value::str(&o.floatmode)),
        ("precision", Value::Int(o.precision as i128)),
        ("suppress", Value::Bool(o.suppress)),
        ("linewidth", Value::Int(o.linewidth as i128)),
        ("nanstr", Value::str(&o.nanstr)),
        ("infstr", Value::str(&o.infstr)),
        ("sign", Value::str(&o.sign.to_string())),
        ("formatter", formatter.clone().unwrap_or(Value::None)),
        (
            "legacy",
            crate::render::legacy::name(o.legacy).map_or(Value::Bool(false), Value::str),
        ),
        ("override_repr", Value::None),
    ];
    Value::Dict(Rc::new(RefCell::new(
        pairs.into_iter().map(|(k, v)| (Value::str(k), v)).collect(),
    )))
}

fn text_arg(v: Option<&Value>, default: &str, name: &str) -> PyResult<String> {
    match v {
        None => Ok(default.to_string()),
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => Err(PyError::type_error(format!(
            "{name} must be a str, not {}",
            other.type_name()
        ))),
    }
}

/// One `np.array2string` call, its arguments checked and applied.
pub struct Array2String {
    pub array: crate::engine::array::ArrayRef,
    pub opts: PrintOptions,
    pub separator: String,
    pub prefix: String,
    pub suffix: String,
    /// The call's own `formatter=` (it replaces the session's).
    pub formatter: Option<Value>,
}

impl Array2String {
    /// The text, with NumPy's own element formatting.
    pub fn plain(&self) -> String {
        crate::render::array2string_with(
            &Snapshot::of(&self.array),
            &self.opts,
            &self.separator,
            &self.prefix,
            &self.suffix,
        )
    }
}

/// `np.array2string(a, max_line_width, precision, suppress_small,
/// separator, prefix, *, threshold, edgeitems, sign, floatmode, suffix)`.
pub fn array2string(base: &PrintOptions, args: &Args) -> PyResult<Array2String> {
    const POS: &[&str] = &[
        "a",
        "max_line_width",
        "precision",
        "suppress_small",
        "separator",
        "prefix",
    ];
    const KW_ONLY: &[&str] = &[
        "threshold",
        "edgeitems",
        "sign",
        "floatmode",
        "suffix",
        "legacy",
        "formatter",
    ];
    let a = as_array(args.req(0, "a", "array2string")?)?;
    let mut o = base.clone();
    for (k, name) in POS.iter().enumerate().skip(1).take(3) {
        if let Some(v) = args.pos.get(k) {
            apply(&mut o, name, v, "array2string")?;
        }
    }
    for (k, v) in &args.kw {
        match k.as_str() {
            "separator" | "prefix" | "suffix" | "a" => {}
            n if POS.contains(&n) || KW_ONLY.contains(&n) => apply(&mut o, n, v, "array2string")?,
            other => return Err(bad_kw("array2string", other)),
        }
    }
    let sep = text_arg(args.get(4, "separator"), " ", "separator")?;
    let prefix = text_arg(args.get(5, "prefix"), "", "prefix")?;
    let suffix = text_arg(args.kw("suffix"), "", "suffix")?;
    let formatter = args
        .kw("formatter")
        .filter(|v| !matches!(v, Value::None))
        .cloned();
    Ok(Array2String {
        array: a,
        opts: o,
        separator: sep,
        prefix,
        suffix,
        formatter,
    })
}

/// `np.array_repr(arr, max_line_width, precision, suppress_small)` and
/// `np.array_str(...)`: the array and the options to print it with.
pub fn array_repr_str(
    base: &PrintOptions,
    args: &Args,
    repr: bool,
) -> PyResult<(crate::engine::array::ArrayRef, PrintOptions)> {
    let func = if repr { "array_repr" } else { "array_str" };
    let first = if repr { "arr" } else { "a" };
    let a = as_array(args.req(0, first, func)?)?;
    let names = ["max_line_width", "precision", "suppress_small"];
    let mut o = base.clone();
    for (k, name) in names.iter().enumerate() {
        if let Some(v) = args.pos.get(k + 1) {
            apply(&mut o, name, v, func)?;
        }
    }
    for (k, v) in &args.kw {
        if k == first {
            continue;
        }
        if !names.contains(&k.as_str()) {
            return Err(bad_kw(func, k));
        }
        apply(&mut o, k, v, func)?;
    }
    Ok((a, o))
}
