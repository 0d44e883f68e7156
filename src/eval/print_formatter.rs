//! `np.set_printoptions(formatter={...})` and `np.array2string(...,
//! formatter=)`: arrays whose elements print through the learner's own
//! functions.
//!
//! NumPy calls the function on `a[index]` for each element it prints
//! (summarised arrays: only the edges), in the order it prints them, and
//! uses the text as it comes: no padding, no shared layout. The printer
//! (`render`) cannot call Python, so the array is handed to it through an
//! [`ElementSource`] whose elements are those calls' results; the first
//! exception stops the calls and becomes the statement's.

use std::cell::RefCell;

use crate::engine::DType;
use crate::engine::array::ArrayRef;
use crate::engine::scalar::Scalar;
use crate::render::{ElementSource, PrintOptions};

use super::args::Args;
use super::error::{PyError, PyResult};
use super::object::Obj;
use super::session::Session;
use super::value::Value;

/// NumPy's `formatdict` key for the elements of `dt`
/// (`arrayprint._get_format_function`), or `None` for a structured type,
/// whose fields NumPy formats one by one.
fn format_key(dt: &DType) -> Option<&'static str> {
    use crate::engine::dtype::Kind;
    Some(match dt.kind() {
        Kind::Bool => "bool",
        Kind::Int | Kind::UInt => "int",
        Kind::TimeDelta => "timedelta",
        Kind::DateTime => "datetime",
        Kind::Float => "float",
        Kind::Complex => "complexfloat",
        Kind::Str | Kind::Bytes => "numpystr",
        Kind::Object => "object",
        Kind::Void if matches!(dt.native(), DType::Record(r) if !r.fields().is_empty()) => {
            return None;
        }
        Kind::Void => "void",
    })
}

/// The group key (`'int_kind'`, …) that also sets `key`, as
/// `_get_formatdict` applies them: after `'all'`, before the key itself.
fn kind_key(key: &str) -> Option<&'static str> {
    match key {
        "int" => Some("int_kind"),
        "float" => Some("float_kind"),
        "complexfloat" => Some("complex_kind"),
        "numpystr" => Some("str_kind"),
        _ => None,
    }
}

/// The entries of the formatter dict that are not None. A formatter that
/// is not a dict fails as NumPy's `formatter.keys()` does.
fn entries(formatter: &Value) -> PyResult<Vec<(Value, Value)>> {
    match formatter {
        Value::Dict(d) => Ok(d
            .borrow()
            .iter()
            .filter(|(_, v)| !matches!(v, Value::None))
            .cloned()
            .collect()),
        other => Err(PyError::new(
            "AttributeError",
            format!("'{}' object has no attribute 'keys'", other.type_name()),
        )),
    }
}

fn entry<'a>(entries: &'a [(Value, Value)], name: &str) -> Option<&'a Value> {
    entries
        .iter()
        .find(|(k, _)| matches!(k, Value::Str(s) if s.as_ref() == name))
        .map(|(_, v)| v)
}

/// The function that formats the elements of `dt` under `formatter`, by
/// `_get_formatdict`'s precedence: the type's own key, then its group
/// key, then `'all'`. `Ok(None)`: NumPy's own formatting applies.
fn function_for(formatter: &Value, dt: &DType) -> PyResult<Option<Value>> {
    let entries = entries(formatter)?;
    if entries.is_empty() {
        return Ok(None);
    }
    let Some(key) = format_key(dt) else {
        return Err(structured());
    };
    let chosen = entry(&entries, key)
        .or_else(|| kind_key(key).and_then(|k| entry(&entries, k)))
        .or_else(|| entry(&entries, "all"));
    Ok(chosen.cloned())
}

fn structured() -> PyError {
    PyError::new(
        "NotImplementedError",
        "slicelab does not apply formatter= to structured arrays yet",
    )
}

/// An array's elements as the formatter's texts, computed when the
/// printer asks for them.
struct Formatted<'s> {
    array: Value,
    shape: Vec<usize>,
    dtype: DType,
    function: Value,
    zero_d: bool,
    session: RefCell<&'s mut Session>,
    error: RefCell<Option<PyError>>,
}

impl Formatted<'_> {
    fn call(&self, index: &[usize]) -> PyResult<String> {
        let mut s = self.session.borrow_mut();
        let key = Value::tuple(index.iter().map(|&i| Value::Int(i as i128)).collect());
        let element = s.getitem(&self.array, &key)?;
        let text = s.call(
            &self.function,
            Args {
                pos: vec![element],
                kw: vec![],
            },
        )?;
        match text {
            Value::Str(t) => Ok(t.to_string()),
            // `_formatArray` gives a 0-d array's text straight to
            // `array_repr`'s concatenation; other arrays' texts go through
            // `_extendLine_pretty`, which splits them into lines.
            other if self.zero_d => Err(PyError::type_error(format!(
                "can only concatenate str (not \"{}\") to str",
                other.type_name()
            ))),
            other => Err(PyError::new(
                "AttributeError",
                format!(
                    "'{}' object has no attribute 'splitlines'",
                    other.type_name()
                ),
            )),
        }
    }
}

impl ElementSource for Formatted<'_> {
    fn shape(&self) -> &[usize] {
        &self.shape
    }

    fn dtype(&self) -> &DType {
        &self.dtype
    }

    fn get(&self, index: &[usize]) -> Scalar {
        if self.error.borrow().is_some() {
            return Scalar::Str(String::new());
        }
        match self.call(index) {
            Ok(text) => Scalar::Str(text),
            Err(e) => {
                *self.error.borrow_mut() = Some(e);
                Scalar::Str(String::new())
            }
        }
    }
}

/// How a formatted array is printed.
pub(super) enum Style<'a> {
    Repr,
    Str,
    /// `np.array2string(a, separator=, prefix=, suffix=)`.
    Body {
        separator: &'a str,
        prefix: &'a str,
        suffix: &'a str,
    },
}

/// Whether `v` prints differently under the session's formatter: it is
/// or holds an array (or an object that prints one).
pub(super) fn holds_array(v: &Value) -> bool {
    super::pyclass::holds(v, 0, &|x| match x {
        Value::Array(_) | Value::Void(_) => true,
        Value::Object(o) => matches!(
            o.as_ref(),
            Obj::Masked(_) | Obj::RecArray(_) | Obj::Record(_) | Obj::NamedTuple(_)
        ),
        _ => false,
    })
}

impl Session {
    /// Whether a formatter is set that may change how `v` prints.
    pub(super) fn formatter_applies(&self, v: &Value) -> bool {
        self.print_formatter.is_some() && holds_array(v)
    }

    /// `v` printed through the session's formatter: `Ok(None)` when the
    /// formatter leaves it to NumPy's own printing.
    pub(super) fn formatted(&mut self, v: &Value, style: Style) -> PyResult<Option<String>> {
        let Some(formatter) = self.print_formatter.clone() else {
            return Ok(None);
        };
        let opts = self.print_options.clone();
        match v {
            Value::Array(a) => self.format_array(a, &formatter, &opts, style),
            Value::Void(a) => match function_for(&formatter, a.dtype())? {
                None => Ok(None),
                Some(_) => Err(structured()),
            },
            Value::Object(_) if holds_array(v) => {
                if entries(&formatter)?.is_empty() {
                    return Ok(None);
                }
                Err(PyError::new(
                    "NotImplementedError",
                    format!(
                        "slicelab does not apply formatter= to a {} yet",
                        v.type_name()
                    ),
                ))
            }
            _ => Ok(None),
        }
    }

    /// `a` printed with `formatter` (the session's, or `array2string`'s
    /// own) and `opts`.
    pub(super) fn format_array(
        &mut self,
        a: &ArrayRef,
        formatter: &Value,
        opts: &PrintOptions,
        style: Style,
    ) -> PyResult<Option<String>> {
        let dt = a.dtype().clone();
        let Some(function) = function_for(formatter, &dt)? else {
            return Ok(None);
        };
        let shape = a.shape().to_vec();
        // `str()` of a 0-d array is its scalar's, which no formatter
        // changes.
        if shape.is_empty() && matches!(style, Style::Str) {
            return Ok(None);
        }
        let source = Formatted {
            array: Value::Array(a.clone()),
            zero_d: shape.is_empty(),
            shape,
            dtype: dt,
            function,
            session: RefCell::new(self),
            error: RefCell::new(None),
        };
        let text = match style {
            Style::Repr => crate::render::repr::formatted_array_repr(&source, opts),
            Style::Str => crate::render::repr::object_array_str(&source, opts),
            Style::Body {
                separator,
                prefix,
                suffix,
            } => crate::render::repr::object_array2string(&source, opts, separator, prefix, suffix),
        };
        match source.error.into_inner() {
            Some(e) => Err(e),
            None => Ok(Some(text)),
        }
    }
}

impl Session {
    /// `np.array2string(...)`: the call's `formatter=`, else the
    /// session's, else NumPy's own formatting.
    pub(super) fn array2string(&mut self, args: &Args) -> PyResult<Value> {
        let call = super::printopts::array2string(&self.print_options, args)?;
        if let Some(f) = call
            .formatter
            .clone()
            .or_else(|| self.print_formatter.clone())
        {
            let style = Style::Body {
                separator: &call.separator,
                prefix: &call.prefix,
                suffix: &call.suffix,
            };
            if let Some(text) = self.format_array(&call.array, &f, &call.opts, style)? {
                return Ok(Value::str(&text));
            }
        }
        if *call.array.dtype() == DType::Object && call.array.ndim() > 0 {
            let parts = (&*call.separator, &*call.prefix, &*call.suffix);
            let text = self.with_element_reprs(|repr_of| {
                super::object_repr::object_array2string_with(
                    &call.array,
                    &call.opts,
                    parts,
                    repr_of,
                )
            })?;
            return Ok(Value::str(&text));
        }
        Ok(Value::str(&call.plain()))
    }

    /// `np.array_repr(...)` / `np.array_str(...)`.
    pub(super) fn array_repr_str(&mut self, args: &Args, repr: bool) -> PyResult<Value> {
        let (a, opts) = super::printopts::array_repr_str(&self.print_options, args, repr)?;
        if let Some(f) = self.print_formatter.clone() {
            let style = if repr { Style::Repr } else { Style::Str };
            if let Some(text) = self.format_array(&a, &f, &opts, style)? {
                return Ok(Value::str(&text));
            }
        }
        if *a.dtype() == DType::Object {
            if !repr && a.ndim() == 0 {
                return Ok(Value::str(&self.py_str(&Value::Array(a))?));
            }
            let text = self.with_element_reprs(|repr_of| {
                if repr {
                    super::object_repr::object_array_repr_with(&a, &opts, repr_of)
                } else {
                    super::object_repr::object_array_str_with(&a, &opts, repr_of)
                }
            })?;
            return Ok(Value::str(&text));
        }
        let snap = crate::engine::array::Snapshot::of(&a);
        Ok(Value::str(&if repr {
            crate::render::array_repr(&snap, &opts)
        } else {
            crate::render::array_str(&snap, &opts)
        }))
    }
}
